package io.jenkins.plugins.bitbucketapitoken.monitor;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsUseListener;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.XmlFile;
import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.model.Item;
import hudson.model.Items;
import hudson.model.Node;
import hudson.model.Run;
import hudson.model.Saveable;
import hudson.model.listeners.ItemListener;
import hudson.model.listeners.SaveableListener;
import hudson.security.ACL;
import io.jenkins.plugins.bitbucketapitoken.JenkinsAccess;
import io.jenkins.plugins.bitbucketapitoken.core.Validated;
import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialIndex;
import io.jenkins.plugins.bitbucketapitoken.core.audit.ItemConfigReader;
import io.jenkins.plugins.bitbucketapitoken.core.audit.ItemRecord;
import io.jenkins.plugins.bitbucketapitoken.core.audit.ReferenceIndex;
import io.jenkins.plugins.bitbucketapitoken.core.audit.StoreRef;
import io.jenkins.plugins.bitbucketapitoken.core.monitor.AppPasswordSummary;
import io.jenkins.plugins.bitbucketapitoken.core.monitor.ReplacementImpact;
import io.jenkins.plugins.bitbucketapitoken.core.monitor.UsageLog;
import io.jenkins.plugins.bitbucketapitoken.core.timeline.DeprecationTimeline;
import io.jenkins.plugins.bitbucketapitoken.credentials.BitbucketApiTokenCredentials;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.util.Timer;

/**
 * Keeps the evidence the app-password monitor shows: core's {@link ReferenceIndex} of credential references per
 * item, built once in the background at startup with core's configuration reader (the same the CLI scan uses) and
 * kept current by item and save listeners; the classified credentials of the local stores; and runtime evidence.
 * The monitor reads a cached {@link AppPasswordSummary}, so showing it never rescans anything.
 */
@Extension
public class AppPasswordIndex {

    private static final Logger LOGGER = Logger.getLogger(AppPasswordIndex.class.getName());

    private final ReferenceIndex items = new ReferenceIndex();
    private final UsageLog usage = new UsageLog();
    private volatile CredentialIndex credentials = CredentialIndex.empty();
    private volatile List<LiveCredentials.Found> apiTokens = List.of();
    private volatile List<LiveCredentials.Found> found = List.of();
    private volatile AppPasswordSummary summary = AppPasswordSummary.of(
            List.of(), CredentialIndex.empty(), new UsageLog(), DeprecationTimeline.current(Clock.systemUTC()));
    private volatile boolean ready;
    private final AtomicBoolean recomputeScheduled = new AtomicBoolean();
    private final AtomicBoolean refreshScheduled = new AtomicBoolean();

    /** Returns the one instance. */
    public static AppPasswordIndex get() {
        return ExtensionList.lookupSingleton(AppPasswordIndex.class);
    }

    /** Builds the index in the background once jobs are loaded, so startup never waits for it. */
    @Initializer(after = InitMilestone.JOB_CONFIG_ADAPTED)
    public static void buildInBackground() {
        Timer.get().execute(() -> get().rebuild());
    }

    /**
     * Reads every item's configuration and every local credential store, then recomputes the summary. A failure is
     * logged, never swallowed: the monitor then stays quiet rather than showing a wrong count.
     */
    public void rebuild() {
        try (var ignored = ACL.as2(ACL.SYSTEM2)) {
            for (Item item : JenkinsAccess.jenkins().allItems(Item.class)) {
                index(item);
            }
            refreshCredentials();
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

    /** Returns the current summary; cheap. Recomputed first if Bitbucket's removal moved on to another phase. */
    public AppPasswordSummary summary() {
        AppPasswordSummary current = summary;
        if (current.phase() != DeprecationTimeline.current(Clock.systemUTC())) {
            recompute();
            current = summary;
        }
        return current;
    }

    /** Recomputes the summary with the latest runtime evidence, for the manage page. */
    public AppPasswordSummary freshSummary() {
        recompute();
        return summary;
    }

    /** Returns the classified credentials of the local stores. */
    CredentialIndex credentials() {
        return credentials;
    }

    /** Returns the Bitbucket API token credentials of the local stores, for the expiry monitor. */
    List<LiveCredentials.Found> apiTokenCandidates() {
        return apiTokens;
    }

    /** Returns the runtime evidence. */
    public UsageLog usage() {
        return usage;
    }

    /** Re-reads the credentials of the local stores and recomputes the summary. */
    public void refreshCredentials() {
        try (var ignored = ACL.as2(ACL.SYSTEM2)) {
            use(LiveCredentials.readAll(JenkinsAccess.jenkins()));
        }
    }

    private synchronized void use(List<LiveCredentials.Found> all) {
        found = List.copyOf(all);
        credentials = CredentialIndex.of(
                found.stream().map(LiveCredentials.Found::record).toList());
        apiTokens = found.stream()
                .filter(f -> f.credentials() instanceof BitbucketApiTokenCredentials)
                .toList();
        recompute();
    }

    /**
     * Puts a credential that was just written into the index without re-reading any store, so that the page an
     * administrator returns to after a migration is already current.
     *
     * @param replaced where the old credential was found
     * @param replacement what is there now
     */
    void replaced(LiveCredentials.Found replaced, IdCredentials replacement) {
        LiveCredentials.Found now = new LiveCredentials.Found(
                LiveCredentials.record(replacement, replaced.record().store()),
                replaced.store(),
                replaced.domain(),
                replacement);
        List<LiveCredentials.Found> all = new java.util.ArrayList<>(
                found.stream().filter(f -> !f.equals(replaced)).toList());
        all.add(now);
        use(all);
    }

    /**
     * Returns the name of the domain a local credential lives in, when it is not the global domain.
     *
     * @param store the credential's store
     * @param id the credential's id
     * @return the domain's name; empty for the global domain or an unknown credential
     */
    public Optional<String> domainOf(StoreRef store, String id) {
        return found.stream()
                .filter(f -> f.record().store().equals(store) && f.record().id().equals(id))
                .findFirst()
                .map(LiveCredentials.Found::domain)
                .filter(domain -> !domain.isGlobal())
                .map(Domain::getName);
    }

    /**
     * Tells what replacing a local credential in place does to every item that uses it.
     *
     * @param store the credential's store
     * @param id the credential's id
     * @return the impact; empty for an unknown credential
     */
    public Optional<ReplacementImpact> impactOf(StoreRef store, String id) {
        CredentialIndex now = credentials;
        return now.find(store, id).map(c -> ReplacementImpact.of(c, items.items(), now));
    }

    void index(Item item) {
        if (isGenerated(item)) {
            return;
        }
        try {
            XmlFile file = Items.getConfigFile(item);
            if (!file.exists()) {
                return;
            }
            Validated<ItemRecord> record = ItemConfigReader.read(item.getFullName(), file.asString());
            record.value().ifPresent(items::put);
            record.error().ifPresent(p -> LOGGER.fine(() -> "Skipped " + item.getFullName() + ": " + p.message()));
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.FINE, "Could not read the configuration of " + item.getFullName(), e);
        }
    }

    /** Items generated by a multibranch project or an organization folder are reported under their owner. */
    private static boolean isGenerated(Item item) {
        return item.getParent() instanceof Item owner
                && ItemRecord.ownsGeneratedItems(owner.getClass().getName());
    }

    /**
     * Recomputes the summary soon on a background thread, once for any burst of events: with 50,000 items a
     * recompute takes about 0.1 s, which an item save should not wait for.
     */
    private void recomputeSoon() {
        if (recomputeScheduled.compareAndSet(false, true)) {
            Timer.get()
                    .schedule(
                            () -> {
                                recomputeScheduled.set(false);
                                recompute();
                            },
                            1,
                            TimeUnit.SECONDS);
        }
    }

    /**
     * Re-reads the local credential stores soon on a background thread, once for any burst of events: a folder
     * save, a rename of a folder with many descendants or an organization scan never waits for it.
     */
    private void refreshCredentialsSoon() {
        if (refreshScheduled.compareAndSet(false, true)) {
            Timer.get().schedule(this::settle, 1, TimeUnit.SECONDS);
        }
    }

    /** Runs a scheduled credential refresh now, if one is pending; for tests that must not sleep. */
    void settle() {
        if (refreshScheduled.compareAndSet(true, false)) {
            try {
                refreshCredentials();
            } catch (RuntimeException e) {
                LOGGER.log(Level.WARNING, "Could not re-read the credential stores", e);
            }
        }
    }

    private void recompute() {
        summary = AppPasswordSummary.of(
                items.items(), credentials, usage, DeprecationTimeline.current(Clock.systemUTC()));
    }

    /** Keeps the index current as items are created, saved, renamed, moved and deleted. */
    @Extension
    public static class ItemEvents extends ItemListener {
        @Override
        public void onCreated(Item item) {
            reindex(item);
        }

        // onUpdated is not needed: every update saves the item, which SaveEvents sees once.

        @Override
        public void onDeleted(Item item) {
            AppPasswordIndex index = get();
            index.items.remove(item.getFullName());
            index.recomputeSoon();
        }

        @Override
        public void onLocationChanged(Item item, String oldFullName, String newFullName) {
            AppPasswordIndex index = get();
            index.items.rename(oldFullName, newFullName);
            if (item instanceof AbstractFolder<?>) {
                index.refreshCredentialsSoon();
            } else {
                index.recomputeSoon();
            }
        }

        private static void reindex(Item item) {
            AppPasswordIndex index = get();
            index.index(item);
            if (item instanceof AbstractFolder<?>) {
                index.refreshCredentialsSoon();
            } else {
                index.recomputeSoon();
            }
        }
    }

    /** Notices saves of items (also through the REST API and scripts) and of the system credential store. */
    @Extension
    public static class SaveEvents extends SaveableListener {
        @Override
        public void onChange(Saveable o, XmlFile file) {
            if (o instanceof Item item) {
                ItemEvents.reindex(item);
            } else if (o instanceof SystemCredentialsProvider) {
                get().refreshCredentialsSoon();
            }
        }
    }

    /** Records when builds use credentials, for the "last used" column. */
    @Extension
    public static class UseEvents implements CredentialsUseListener {
        @Override
        public void onUse(Credentials c, Run run) {
            record(c);
        }

        @Override
        public void onUse(Credentials c, Node node) {
            record(c);
        }

        @Override
        public void onUse(Credentials c, Item item) {
            record(c);
        }

        private static void record(Credentials c) {
            if (c instanceof IdCredentials id) {
                get().usage.recordUse(id.getId(), Clock.systemUTC().instant());
            }
        }
    }

    /**
     * Records a failure diagnosed by {@code bitbucketCheckout}, for the "last failed" column.
     *
     * @param credentialsId the credential the checkout used
     * @param diagnosisCode core's diagnosis code
     */
    public void recordFailure(String credentialsId, String diagnosisCode) {
        usage.recordFailure(credentialsId, Clock.systemUTC().instant(), diagnosisCode);
        recomputeSoon();
    }
}
