package io.jenkins.plugins.bitbucketapitoken.core.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Keeps the credential references of live items current, for the plugin's administrative monitor: item
 * listeners feed it, and the monitor asks it instead of rescanning.
 *
 * <p>What it holds after each item event:
 *
 * <ul>
 *   <li>create and save: {@link #put(ItemRecord)} stores the item's record, replacing any earlier one;
 *   <li>rename and move: {@link #rename(String, String)} moves the item's record and those of every item below
 *       it to the new name; calling it again for the children (as Jenkins does) changes nothing;
 *   <li>delete: {@link #remove(String)} drops the item's record and those of every item below it.
 * </ul>
 *
 * <p>It stores only records, never credentials: which items use app passwords is computed on demand from the
 * credentials given, so a changed credential needs no re-indexing. Thread-safe: every method holds one lock,
 * and results are copies.
 */
public final class ReferenceIndex {

    private final Map<String, ItemRecord> items = new HashMap<>();
    private final Map<String, TreeSet<String>> byCredentialId = new HashMap<>();

    /** Creates an empty index. */
    public ReferenceIndex() {}

    /**
     * Stores an item's record after it was created or saved, replacing any earlier one.
     *
     * @param item the record read from the item's configuration
     */
    public synchronized void put(ItemRecord item) {
        unindex(item.fullName());
        items.put(item.fullName(), item);
        for (CredentialReference reference : item.references()) {
            byCredentialId
                    .computeIfAbsent(reference.credentialsId(), k -> new TreeSet<>())
                    .add(item.fullName());
        }
    }

    /**
     * Drops an item, and every item below it, after it was deleted.
     *
     * @param fullName the item's full name
     * @return whether anything was dropped
     */
    public synchronized boolean remove(String fullName) {
        List<String> gone = namesAtOrBelow(fullName);
        gone.forEach(this::unindex);
        return !gone.isEmpty();
    }

    /**
     * Moves an item, and every item below it, to a new full name after a rename or a move.
     *
     * @param oldFullName the full name before
     * @param newFullName the full name after
     */
    public synchronized void rename(String oldFullName, String newFullName) {
        if (oldFullName.equals(newFullName)) {
            return;
        }
        List<ItemRecord> moved = new ArrayList<>();
        for (String name : namesAtOrBelow(oldFullName)) {
            moved.add(items.get(name).withFullName(newFullName + name.substring(oldFullName.length())));
            unindex(name);
        }
        moved.forEach(this::put);
    }

    /**
     * Returns an item's record.
     *
     * @param fullName the item's full name
     * @return the record, if the item is indexed
     */
    public synchronized Optional<ItemRecord> get(String fullName) {
        return Optional.ofNullable(items.get(fullName));
    }

    /** Returns every record, sorted by full name. */
    public synchronized List<ItemRecord> items() {
        return items.values().stream()
                .sorted(Comparator.comparing(ItemRecord::fullName))
                .toList();
    }

    /** Returns how many items are indexed. */
    public synchronized int size() {
        return items.size();
    }

    /**
     * Returns the items that name a credential id, whichever store it resolves in.
     *
     * @param credentialsId the id
     * @return their full names, sorted
     */
    public synchronized List<String> itemsReferencing(String credentialsId) {
        return List.copyOf(byCredentialId.getOrDefault(credentialsId, new TreeSet<>()));
    }

    /**
     * Returns the items whose references resolve to an app password among the given credentials.
     *
     * @param credentials the credentials of every store, as the plugin reads them live
     * @return their full names, sorted
     */
    public List<String> itemsUsingAppPasswords(CredentialIndex credentials) {
        List<ItemRecord> snapshot = items();
        List<String> result = new ArrayList<>();
        for (ItemRecord item : snapshot) {
            boolean uses = item.references().stream()
                    .map(r -> CredentialResolver.resolve(credentials, item, r.credentialsId()))
                    .anyMatch(c -> c.filter(x -> x.kind() == CredentialKind.APP_PASSWORD)
                            .isPresent());
            if (uses) {
                result.add(item.fullName());
            }
        }
        return result;
    }

    private List<String> namesAtOrBelow(String fullName) {
        String prefix = fullName + "/";
        return items.keySet().stream()
                .filter(n -> n.equals(fullName) || n.startsWith(prefix))
                .sorted()
                .toList();
    }

    private void unindex(String fullName) {
        ItemRecord old = items.remove(fullName);
        if (old == null) {
            return;
        }
        for (CredentialReference reference : old.references()) {
            TreeSet<String> names = byCredentialId.get(reference.credentialsId());
            if (names != null) {
                names.remove(fullName);
                if (names.isEmpty()) {
                    byCredentialId.remove(reference.credentialsId());
                }
            }
        }
    }
}
