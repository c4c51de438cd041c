package io.jenkins.plugins.bitbucketapitoken.core.monitor;

import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialIndex;
import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialKind;
import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialRecord;
import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialReference;
import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialResolver;
import io.jenkins.plugins.bitbucketapitoken.core.audit.ItemRecord;
import io.jenkins.plugins.bitbucketapitoken.core.audit.StoreRef;
import io.jenkins.plugins.bitbucketapitoken.core.timeline.DeprecationPhase;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Keeps, for the plugin's administrative monitor, the credential references of every item, the credentials of
 * every local store and, item by item, the app passwords each item resolves to; every change re-resolves only the
 * items it can affect, so the summary costs the number of rows, not the number of items.
 *
 * <ul>
 *   <li>an item saved: {@link #putItem(ItemRecord)} re-resolves that item only;
 *   <li>a store re-read: {@link #putStore(StoreRef, Collection)} re-resolves only the items that name an id whose
 *       credential changed in that store and that can see the store (the folder's items, or every item for the
 *       system store);
 *   <li>a rename or move: {@link #rename(String, String)} moves the items and folder stores at or below the old
 *       name and re-resolves the moved items; calling it again for the children, as Jenkins does, finds nothing
 *       to move;
 *   <li>a delete: {@link #remove(String)} drops the items and folder stores at or below the name.
 * </ul>
 *
 * <p>The result is always what {@link AppPasswordSummary#of} computes from all items and all credentials. Thread
 * safe: every method holds one lock, and results are copies.
 */
public final class AppPasswordUsageIndex {

    private static final Comparator<CredentialRecord> BY_STORE_AND_ID =
            Comparator.comparing((CredentialRecord c) -> c.store().id()).thenComparing(CredentialRecord::id);

    private final TreeMap<String, ItemRecord> items = new TreeMap<>();
    private final Map<String, Set<String>> itemsById = new HashMap<>();
    private final Map<StoreRef, Map<String, CredentialRecord>> stores = new HashMap<>();
    private final TreeMap<String, List<CredentialRecord>> appPasswordUses = new TreeMap<>();
    private final TreeSet<CredentialRecord> appPasswords = new TreeSet<>(BY_STORE_AND_ID);

    /** Creates an empty index. */
    public AppPasswordUsageIndex() {}

    /**
     * Stores an item's record after it was created or saved, and re-resolves that item only.
     *
     * @param item the record read from the item's configuration
     */
    public synchronized void putItem(ItemRecord item) {
        unindex(item.fullName());
        items.put(item.fullName(), item);
        for (CredentialReference reference : item.references()) {
            itemsById
                    .computeIfAbsent(reference.credentialsId(), k -> new HashSet<>())
                    .add(item.fullName());
        }
        resolve(item);
    }

    /**
     * Replaces the credentials of one store after it was read, and re-resolves the items whose resolution that can
     * change: those that name an id whose credential was added, removed or changed, and that see the store.
     *
     * @param store the store
     * @param credentials everything it holds now; where an id occurs twice (two domains), the first wins
     * @return how many items were re-resolved
     */
    public synchronized int putStore(StoreRef store, Collection<CredentialRecord> credentials) {
        Map<String, CredentialRecord> now = new LinkedHashMap<>();
        for (CredentialRecord credential : credentials) {
            if (!credential.store().equals(store)) {
                throw new IllegalArgumentException(
                        credential.id() + " belongs to " + credential.store() + ", not to " + store);
            }
            now.putIfAbsent(credential.id(), credential);
        }
        Map<String, CredentialRecord> before = stores.getOrDefault(store, Map.of());
        Set<String> changed = new HashSet<>();
        for (String id : union(before.keySet(), now.keySet())) {
            if (!Objects.equals(before.get(id), now.get(id))) {
                changed.add(id);
            }
        }
        appPasswords.removeAll(before.values());
        if (now.isEmpty()) {
            stores.remove(store);
        } else {
            stores.put(store, now);
        }
        now.values().stream().filter(AppPasswordUsageIndex::isAppPassword).forEach(appPasswords::add);
        Set<String> affected = new TreeSet<>();
        for (String id : changed) {
            for (String name : itemsById.getOrDefault(id, Set.of())) {
                if (sees(items.get(name), store)) {
                    affected.add(name);
                }
            }
        }
        affected.forEach(name -> resolve(items.get(name)));
        return affected.size();
    }

    /**
     * Moves an item, every item below it and their folder stores to a new full name after a rename or a move, and
     * re-resolves the moved items, whose enclosing folders may have changed.
     *
     * @param oldFullName the full name before
     * @param newFullName the full name after
     */
    public synchronized void rename(String oldFullName, String newFullName) {
        if (oldFullName.equals(newFullName)) {
            return;
        }
        List<ItemRecord> moved = new ArrayList<>();
        for (String name : List.copyOf(atOrBelow(items, oldFullName).keySet())) {
            moved.add(items.get(name).withFullName(renamed(name, oldFullName, newFullName)));
            unindex(name);
        }
        for (StoreRef store : foldersAtOrBelow(oldFullName)) {
            Map<String, CredentialRecord> credentials = stores.remove(store);
            appPasswords.removeAll(credentials.values());
            StoreRef target = StoreRef.folder(renamed(store.name(), oldFullName, newFullName));
            Map<String, CredentialRecord> relocated = new LinkedHashMap<>();
            credentials.values().forEach(c -> relocated.put(c.id(), inStore(c, target)));
            stores.put(target, relocated);
            relocated.values().stream()
                    .filter(AppPasswordUsageIndex::isAppPassword)
                    .forEach(appPasswords::add);
        }
        moved.forEach(this::putItem);
    }

    /**
     * Drops an item, every item below it and their folder stores after a delete.
     *
     * @param fullName the item's full name
     */
    public synchronized void remove(String fullName) {
        for (String name : List.copyOf(atOrBelow(items, fullName).keySet())) {
            unindex(name);
        }
        for (StoreRef store : foldersAtOrBelow(fullName)) {
            appPasswords.removeAll(stores.remove(store).values());
        }
    }

    /** Forgets every item and every store, before indexing everything anew. */
    public synchronized void clear() {
        items.clear();
        itemsById.clear();
        stores.clear();
        appPasswordUses.clear();
        appPasswords.clear();
    }

    /**
     * Sums up which items and credentials use app passwords, from what is indexed: costs the number of rows and of
     * app-password credentials, not the number of items.
     *
     * @param usage the runtime evidence
     * @param phase the phase today
     * @return the same summary {@link AppPasswordSummary#of} computes from every item and credential
     */
    public synchronized AppPasswordSummary summary(UsageLog usage, DeprecationPhase phase) {
        List<AppPasswordSummary.Row> rows = new ArrayList<>();
        // the summary sorts its rows by item, then credential
        appPasswordUses.forEach((item, credentials) -> credentials.forEach(
                c -> rows.add(new AppPasswordSummary.Row(item, c, usage.evidence(c.store(), c.id())))));
        return new AppPasswordSummary(phase, rows, List.copyOf(appPasswords));
    }

    /**
     * Finds a credential of a local store.
     *
     * @param store the store
     * @param id the credential id
     * @return the credential, if the store holds it
     */
    public synchronized Optional<CredentialRecord> credential(StoreRef store, String id) {
        return Optional.ofNullable(stores.getOrDefault(store, Map.of()).get(id));
    }

    /**
     * Tells what replacing a credential in place does to every item that uses it, looking only at the items that
     * name its id.
     *
     * @param store the credential's store
     * @param id the credential's id
     * @return the impact; empty for an unknown credential
     */
    public synchronized Optional<ReplacementImpact> impactOf(StoreRef store, String id) {
        Optional<CredentialRecord> credential = credential(store, id);
        if (credential.isEmpty()) {
            return Optional.empty();
        }
        List<ItemRecord> naming =
                itemsById.getOrDefault(id, Set.of()).stream().map(items::get).toList();
        List<CredentialRecord> sameId = stores.values().stream()
                .map(s -> s.get(id))
                .filter(Objects::nonNull)
                .toList();
        return Optional.of(ReplacementImpact.of(credential.get(), naming, CredentialIndex.of(sameId)));
    }

    /** Returns every item's record, sorted by full name. */
    public synchronized List<ItemRecord> items() {
        return List.copyOf(items.values());
    }

    /** Returns every credential of every store, ordered by store, then as the store lists them. */
    public synchronized List<CredentialRecord> credentials() {
        return stores.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .flatMap(e -> e.getValue().values().stream())
                .toList();
    }

    /** Returns how many items are indexed. */
    public synchronized int size() {
        return items.size();
    }

    private void resolve(ItemRecord item) {
        Set<CredentialRecord> used = new LinkedHashSet<>();
        for (CredentialReference reference : item.references()) {
            find(item, reference.credentialsId())
                    .filter(AppPasswordUsageIndex::isAppPassword)
                    .ifPresent(used::add);
        }
        if (used.isEmpty()) {
            appPasswordUses.remove(item.fullName());
        } else {
            appPasswordUses.put(item.fullName(), List.copyOf(used));
        }
    }

    /** Resolves an id as {@link CredentialResolver} does, on this index's stores. */
    private Optional<CredentialRecord> find(ItemRecord item, String id) {
        for (StoreRef store : CredentialResolver.searchOrder(item.fullName(), item.isFolder())) {
            CredentialRecord found = stores.getOrDefault(store, Map.of()).get(id);
            if (found != null && found.isVisibleToItems()) {
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }

    private static boolean sees(ItemRecord item, StoreRef store) {
        return switch (store.type()) {
            case SYSTEM -> true;
            case FOLDER ->
                item.fullName().startsWith(store.name() + "/")
                        || (item.isFolder() && item.fullName().equals(store.name()));
            case USER -> false;
        };
    }

    private void unindex(String fullName) {
        ItemRecord old = items.remove(fullName);
        appPasswordUses.remove(fullName);
        if (old == null) {
            return;
        }
        for (CredentialReference reference : old.references()) {
            Set<String> names = itemsById.get(reference.credentialsId());
            if (names != null) {
                names.remove(fullName);
                if (names.isEmpty()) {
                    itemsById.remove(reference.credentialsId());
                }
            }
        }
    }

    private List<StoreRef> foldersAtOrBelow(String fullName) {
        return stores.keySet().stream()
                .filter(s -> s.type() == StoreRef.Type.FOLDER)
                .filter(s -> s.name().equals(fullName) || s.name().startsWith(fullName + "/"))
                .toList();
    }

    /** Returns the entries named {@code fullName} or starting with {@code fullName/}: one range of the map. */
    private static <V> SortedMap<String, V> atOrBelow(TreeMap<String, V> map, String fullName) {
        SortedMap<String, V> result = new TreeMap<>(map.subMap(fullName + "/", fullName + "0"));
        V self = map.get(fullName);
        if (self != null) {
            result.put(fullName, self);
        }
        return result;
    }

    private static String renamed(String name, String oldFullName, String newFullName) {
        return newFullName + name.substring(oldFullName.length());
    }

    private static CredentialRecord inStore(CredentialRecord c, StoreRef store) {
        return new CredentialRecord(
                c.id(), store, c.scope(), c.type(), c.username(), c.kind(), c.evidence(), c.useDependence());
    }

    private static boolean isAppPassword(CredentialRecord c) {
        return c.kind() == CredentialKind.APP_PASSWORD;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
