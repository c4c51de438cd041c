package io.jenkins.plugins.bitbucketapitoken.monitor;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsUseListener;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.domains.Domain;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.XmlFile;
import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.model.Item;
import hudson.model.Items;
import hudson.model.ModelObject;
import hudson.model.Node;
import hudson.model.Run;
import hudson.model.Saveable;
import hudson.model.listeners.ItemListener;
import hudson.model.listeners.SaveableListener;
import hudson.security.ACL;
import io.jenkins.plugins.bitbucketapitoken.JenkinsAccess;
import io.jenkins.plugins.bitbucketapitoken.core.Validated;
import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialIndex;
import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialResolver;
import io.jenkins.plugins.bitbucketapitoken.core.audit.ItemConfigReader;
import io.jenkins.plugins.bitbucketapitoken.core.audit.ItemRecord;
import io.jenkins.plugins.bitbucketapitoken.core.audit.StoreRef;
import io.jenkins.plugins.bitbucketapitoken.core.monitor.AppPasswordSummary;
import io.jenkins.plugins.bitbucketapitoken.core.monitor.AppPasswordUsageIndex;
import io.jenkins.plugins.bitbucketapitoken.core.monitor.ReplacementImpact;
import io.jenkins.plugins.bitbucketapitoken.core.monitor.SecretKindCache;
import io.jenkins.plugins.bitbucketapitoken.core.monitor.UsageLog;
import io.jenkins.plugins.bitbucketapitoken.core.timeline.DeprecationTimeline;
import io.jenkins.plugins.bitbucketapitoken.credentials.BitbucketApiTokenCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import jenkins.model.Jenkins;
import jenkins.util.Timer;

/**
 * Keeps the evidence the app-password monitor shows, incrementally: core's {@link AppPasswordUsageIndex} of
 * credential references per item, of the credentials of each local store and of the app passwords each item
 * resolves to; the runtime evidence; and a cached {@link AppPasswordSummary} that the banner reads in O(1).
 *
 * <p>Built once in the background at startup. After that, listeners only queue what happened (an item saved or
 * created, renamed or moved, deleted; the system store saved) and a background task applies a burst of events at
 * once: a job save re-reads that job's configuration; a folder save also re-reads that folder's own store and
 * re-resolves only the items below it that name a changed id; a rename moves entries; a delete drops them. No
 * request or save thread re-reads every item or every store. Secrets are classified through core's
 * {@link SecretKindCache}: a store re-read decrypts only the secrets whose ciphertext changed.
 */
@Extension
public class AppPasswordIndex {

    private static final Logger LOGGER = Logger.getLogger(AppPasswordIndex.class.getName());

    /** How long a burst of events may last before the background task applies it. */
    private static final long SETTLE_DELAY_MILLIS = 500;

    private final AppPasswordUsageIndex index = new AppPasswordUsageIndex();
    private final SecretKindCache secretKinds = new SecretKindCache();
    private final UsageLog usage = new UsageLog();
    private final Map<StoreRef, List<LiveCredentials.Found>> found = new ConcurrentHashMap<>();
    private final Queue<Event> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean settleScheduled = new AtomicBoolean();
    private final AtomicBoolean usageChanged = new AtomicBoolean();
    private volatile List<LiveCredentials.Found> apiTokens = List.of();
    private volatile AppPasswordSummary summary = AppPasswordSummary.of(
            List.of(), CredentialIndex.empty(), new UsageLog(), DeprecationTimeline.current(Clock.systemUTC()));
    private volatile boolean ready;
    private volatile long readyAtNanos;

    /** What a listener saw; applied later, in order, by {@link #settle()}. */
    private sealed interface Event {
        /** An item was created or saved: its configuration, and a folder's store, may have changed. */
        record Changed(Item item) implements Event {}

        /** An item was renamed or moved. */
        record Moved(String oldFullName, String newFullName) implements Event {}

        /** An item was deleted. */
        record Deleted(String fullName) implements Event {}

        /** The system credential store was saved. */
        record SystemStoreChanged() implements Event {}
    }

    /** Returns the one instance. */
    public static AppPasswordIndex get() {
        return ExtensionList.lookupSingleton(AppPasswordIndex.class);
    }

    /** Builds the index in the background once jobs are loaded, so startup never waits for it. */
    @Initializer(after = InitMilestone.JOB_CONFIG_ADAPTED)
    public static void buildInBackground() {
        ExtensionList<AppPasswordIndex> instances = ExtensionList.lookup(AppPasswordIndex.class);
        if (!instances.isEmpty()) {
            Timer.get().execute(() -> instances.get(0).rebuild());
        }
    }

    /**
     * Reads every item's configuration and every local credential store, then recomputes the summary. A failure is
     * logged, never swallowed: the monitor then stays quiet rather than showing a wrong count. Secrets already
     * classified with the same ciphertext are not decrypted again.
     */
    public void rebuild() {
        try (var ignored = ACL.as2(ACL.SYSTEM2)) {
            Jenkins jenkins = JenkinsAccess.jenkins();
            List<Item> all = new ArrayList<>();
            jenkins.allItems(Item.class).forEach(all::add);
            // reading and parsing 10,000 configuration files is most of the work: in parallel, outside the lock
            List<ItemRecord> records = all.parallelStream()
                    .map(AppPasswordIndex::read)
                    .flatMap(Optional::stream)
                    .toList();
            synchronized (this) {
                index.clear();
                found.clear();
                records.forEach(index::putItem);
                for (Item item : all) {
                    if (item instanceof AbstractFolder<?> folder) {
                        readStore(folder, StoreRef.folder(folder.getFullName()));
                    }
                }
                readStore(jenkins, StoreRef.system());
                storesChanged();
                publish();
            }
            readyAtNanos = System.nanoTime();
            ready = true;
        } catch (RuntimeException | Error e) {
            LOGGER.log(Level.WARNING, "Could not index the items and credentials for the app-password monitor", e);
            throw e;
        }
    }

    /** Tells whether the startup indexing has finished. */
    public boolean isReady() {
        return ready;
    }

    /** Returns when the startup indexing finished, in {@link System#nanoTime()}; for the benchmark. */
    long readyAtNanos() {
        return readyAtNanos;
    }

    /** Returns the current summary; O(1). Recomputed first if Bitbucket's removal moved on to another phase. */
    public AppPasswordSummary summary() {
        AppPasswordSummary current = summary;
        if (current.phase() != DeprecationTimeline.current(Clock.systemUTC())) {
            publish();
            current = summary;
        }
        return current;
    }

    /**
     * Applies what is still queued and recomputes the summary with the latest runtime evidence, for the manage
     * page: costs the queued events and the number of rows, never a rescan.
     */
    public AppPasswordSummary freshSummary() {
        if (!ready || !settle()) {
            publish(); // settle recomputed nothing: recompute for the runtime evidence of the last moments
        }
        return summary;
    }

    /** Returns the Bitbucket API token credentials of the local stores, for the expiry monitor. */
    List<LiveCredentials.Found> apiTokenCandidates() {
        return apiTokens;
    }

    /** Returns the cache of classified secrets. */
    SecretKindCache secretKinds() {
        return secretKinds;
    }

    /** Returns the runtime evidence. */
    public UsageLog usage() {
        return usage;
    }

    /**
     * Puts a credential that was just written into the index without re-reading any store, so that the page an
     * administrator returns to after a migration is already current.
     *
     * @param replaced where the old credential was found
     * @param replacement what is there now
     */
    synchronized void replaced(LiveCredentials.Found replaced, IdCredentials replacement) {
        StoreRef ref = replaced.record().store();
        LiveCredentials.Found now = new LiveCredentials.Found(
                LiveCredentials.record(replacement, ref, secretKinds),
                replaced.store(),
                replaced.domain(),
                replacement);
        List<LiveCredentials.Found> all = new ArrayList<>(found.getOrDefault(ref, List.of()));
        all.removeIf(f -> f.record().id().equals(replaced.record().id()));
        all.add(now);
        useStore(ref, all);
        storesChanged();
        publish();
    }

    /**
     * Returns the name of the domain a local credential lives in, when it is not the global domain.
     *
     * @param store the credential's store
     * @param id the credential's id
     * @return the domain's name; empty for the global domain or an unknown credential
     */
    public Optional<String> domainOf(StoreRef store, String id) {
        return found.getOrDefault(store, List.of()).stream()
                .filter(f -> f.record().id().equals(id))
                .findFirst()
                .map(LiveCredentials.Found::domain)
                .filter(domain -> !domain.isGlobal())
                .map(Domain::getName);
    }

    /**
     * Tells what replacing a local credential in place does to every item that uses it; applies what is still
     * queued first, then looks only at the items that name its id.
     *
     * @param store the credential's store
     * @param id the credential's id
     * @return the impact; empty for an unknown credential
     */
    public Optional<ReplacementImpact> impactOf(StoreRef store, String id) {
        if (ready) {
            settle(); // a job saved a moment ago must count before a replacement is allowed
        }
        return index.impactOf(store, id);
    }

    private void index(Item item) {
        read(item).ifPresent(index::putItem);
    }

    /** Reads an item's configuration with core's reader, the same the CLI's scan uses. */
    private static Optional<ItemRecord> read(Item item) {
        if (isGenerated(item)) {
            return Optional.empty();
        }
        try {
            XmlFile file = Items.getConfigFile(item);
            if (!file.exists()) {
                return Optional.empty();
            }
            // the bytes, decoded by core as the CLI does: XmlFile.asString() costs 20 times more at startup
            Validated<ItemRecord> record = ItemConfigReader.read(
                    item.getFullName(), Files.readAllBytes(file.getFile().toPath()));
            record.error().ifPresent(p -> LOGGER.fine(() -> "Skipped " + item.getFullName() + ": " + p.message()));
            return record.value();
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.FINE, "Could not read the configuration of " + item.getFullName(), e);
            return Optional.empty();
        }
    }

    /** Items generated by a multibranch project or an organization folder are reported under their owner. */
    private static boolean isGenerated(Item item) {
        return item.getParent() instanceof Item owner
                && ItemRecord.ownsGeneratedItems(owner.getClass().getName());
    }

    /** Queues an event and makes sure a background task applies it soon, once for any burst of events. */
    private void enqueue(Event event) {
        pending.add(event);
        settleSoon();
    }

    private void settleSoon() {
        if (settleScheduled.compareAndSet(false, true)) {
            Timer.get().schedule(this::settleQuietly, SETTLE_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void settleQuietly() {
        try {
            settle();
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "Could not update the app-password index", e);
        }
    }

    /**
     * Applies every queued event now and recomputes the summary if anything changed; the background task calls it,
     * and tests that must not sleep. Renames and deletes are applied first, in order; then each changed item is
     * re-read once, under its current name, with its own store if it is a folder; then the system store if it was
     * saved.
     *
     * @return whether the summary was recomputed: not when nothing was queued and no build failed since
     */
    synchronized boolean settle() {
        settleScheduled.set(false);
        List<Event> batch = new ArrayList<>();
        for (Event e = pending.poll(); e != null; e = pending.poll()) {
            batch.add(e);
        }
        if (!batch.isEmpty()) {
            try (var ignored = ACL.as2(ACL.SYSTEM2)) {
                apply(batch);
            }
        }
        boolean changed = usageChanged.getAndSet(false) || !batch.isEmpty();
        if (changed) {
            publish();
        }
        return changed;
    }

    private void apply(List<Event> batch) {
        Set<Item> changed = new LinkedHashSet<>();
        boolean systemStore = false;
        boolean stores = false;
        for (Event event : batch) {
            if (event instanceof Event.Moved m) {
                index.rename(m.oldFullName(), m.newFullName());
                secretKinds.rename(m.oldFullName(), m.newFullName());
                stores |= moveStores(m.oldFullName(), m.newFullName());
            } else if (event instanceof Event.Deleted d) {
                index.remove(d.fullName());
                secretKinds.remove(d.fullName());
                stores |= found.keySet().removeIf(ref -> isFolderAtOrBelow(ref, d.fullName()));
            } else if (event instanceof Event.Changed c) {
                changed.add(c.item());
            } else {
                systemStore = true;
            }
        }
        Jenkins jenkins = JenkinsAccess.jenkins();
        for (Item item : changed) {
            if (jenkins.getItemByFullName(item.getFullName()) != item) {
                continue; // deleted or replaced since: its own events say so
            }
            index(item);
            if (item instanceof AbstractFolder<?> folder) {
                readStore(folder, StoreRef.folder(folder.getFullName()));
                stores = true;
            }
        }
        if (systemStore) {
            readStore(jenkins, StoreRef.system());
            stores = true;
        }
        if (stores) {
            storesChanged();
        }
    }

    /** Reads one local store, decrypting only secrets the cache has not classified with their current ciphertext. */
    private void readStore(ModelObject context, StoreRef ref) {
        List<LiveCredentials.Found> now = LiveCredentials.readStore(context, ref, secretKinds);
        secretKinds.retain(ref, now.stream().map(f -> f.record().id()).collect(Collectors.toSet()));
        useStore(ref, now);
    }

    private void useStore(StoreRef ref, List<LiveCredentials.Found> now) {
        if (now.isEmpty()) {
            found.remove(ref);
        } else {
            found.put(ref, List.copyOf(now));
        }
        index.putStore(ref, now.stream().map(LiveCredentials.Found::record).toList());
    }

    /** Moves the found credentials of a renamed folder's store and of the stores below it. */
    private boolean moveStores(String oldFullName, String newFullName) {
        boolean moved = false;
        for (StoreRef ref : List.copyOf(found.keySet())) {
            if (isFolderAtOrBelow(ref, oldFullName)) {
                StoreRef target = StoreRef.folder(newFullName + ref.name().substring(oldFullName.length()));
                found.put(
                        target,
                        found.remove(ref).stream().map(f -> f.movedTo(target)).toList());
                moved = true;
            }
        }
        return moved;
    }

    private static boolean isFolderAtOrBelow(StoreRef ref, String fullName) {
        return ref.type() == StoreRef.Type.FOLDER
                && (ref.name().equals(fullName) || ref.name().startsWith(fullName + "/"));
    }

    private void storesChanged() {
        apiTokens = found.values().stream()
                .flatMap(List::stream)
                .filter(f -> f.credentials() instanceof BitbucketApiTokenCredentials)
                .toList();
    }

    private void publish() {
        summary = index.summary(usage, DeprecationTimeline.current(Clock.systemUTC()));
    }

    /** Queues item events; never reads anything on the thread that fired them. */
    @Extension
    public static class ItemEvents extends ItemListener {
        @Override
        public void onCreated(Item item) {
            changed(item);
        }

        // onUpdated is not needed: every update saves the item, which SaveEvents sees once.

        @Override
        public void onDeleted(Item item) {
            get().enqueue(new Event.Deleted(item.getFullName()));
        }

        @Override
        public void onLocationChanged(Item item, String oldFullName, String newFullName) {
            get().enqueue(new Event.Moved(oldFullName, newFullName));
        }

        private static void changed(Item item) {
            if (isGenerated(item) && !(item instanceof AbstractFolder<?>)) {
                return; // a branch job: reported under its multibranch project, and it has no store
            }
            get().enqueue(new Event.Changed(item));
        }
    }

    /** Notices saves of items (also through the REST API and scripts) and of the system credential store. */
    @Extension
    public static class SaveEvents extends SaveableListener {
        @Override
        public void onChange(Saveable o, XmlFile file) {
            if (o instanceof Item item) {
                ItemEvents.changed(item);
            } else if (o instanceof SystemCredentialsProvider) {
                get().enqueue(new Event.SystemStoreChanged());
            }
        }
    }

    /**
     * Records when builds, items and agents use credentials, for the "last used" column. Only credentials of a
     * local store are recorded, under that store: a use of a credential this page does not list records nothing.
     */
    @Extension
    public static class UseEvents implements CredentialsUseListener {
        @Override
        public void onUse(Credentials c, Run run) {
            get().recordUse(c, run.getParent());
        }

        @Override
        public void onUse(Credentials c, Node node) {
            get().recordUse(c, null);
        }

        @Override
        public void onUse(Credentials c, Item item) {
            get().recordUse(c, item);
        }
    }

    private void recordUse(Credentials c, @CheckForNull Item context) {
        storeOf(c, context).ifPresent(store -> {
            if (c instanceof IdCredentials id
                    && usage.recordUse(store, id.getId(), Clock.systemUTC().instant())) {
                usageChanged.set(true);
            }
        });
    }

    /**
     * Records a failure diagnosed by {@code bitbucketCheckout}, for the "last failed" column, under the store that
     * holds the credential the checkout resolved; nothing for a credential of no local store.
     *
     * @param c the credential the checkout resolved and used
     * @param context the job that checked out
     * @param diagnosisCode core's diagnosis code
     */
    public void recordFailure(Credentials c, @CheckForNull Item context, String diagnosisCode) {
        storeOf(c, context).ifPresent(store -> {
            if (c instanceof IdCredentials id
                    && usage.recordFailure(store, id.getId(), Clock.systemUTC().instant(), diagnosisCode)) {
                usageChanged.set(true);
                settleSoon();
            }
        });
    }

    /**
     * Finds the local store that holds a credential in use: the store holding that very object, else the nearest
     * store (the item's folders upwards, then the system store) holding one of the same id and type, as Jenkins
     * resolves an id.
     */
    private Optional<StoreRef> storeOf(Credentials c, @CheckForNull Item context) {
        if (!(c instanceof IdCredentials used)) {
            return Optional.empty();
        }
        for (Map.Entry<StoreRef, List<LiveCredentials.Found>> store : found.entrySet()) {
            if (store.getValue().stream().anyMatch(f -> f.credentials() == c)) {
                return Optional.of(store.getKey());
            }
        }
        List<StoreRef> nearestFirst = context == null
                ? List.of(StoreRef.system())
                : CredentialResolver.searchOrder(context.getFullName(), context instanceof AbstractFolder<?>);
        return nearestFirst.stream()
                .filter(ref -> found.getOrDefault(ref, List.of()).stream()
                        .anyMatch(f -> f.credentials().getClass() == c.getClass()
                                && f.credentials() instanceof IdCredentials held
                                && held.getId().equals(used.getId())))
                .findFirst();
    }
}
