package io.jenkins.plugins.bitbucketapitoken.core.audit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Holds the credentials of every store, looked up by store and id. Immutable; where a store holds an id twice
 * (in two domains), the first one wins, as in Jenkins.
 */
public final class CredentialIndex {

    private static final CredentialIndex EMPTY = new CredentialIndex(List.of());

    private final List<CredentialRecord> records;
    private final Map<StoreRef, Map<String, CredentialRecord>> byStore;

    private CredentialIndex(Collection<CredentialRecord> records) {
        List<CredentialRecord> kept = new ArrayList<>();
        Map<StoreRef, Map<String, CredentialRecord>> index = new HashMap<>();
        for (CredentialRecord record : records) {
            if (index.computeIfAbsent(record.store(), s -> new HashMap<>()).putIfAbsent(record.id(), record) == null) {
                kept.add(record);
            }
        }
        this.records = List.copyOf(kept);
        this.byStore = index;
    }

    /**
     * Indexes credentials.
     *
     * @param records the credentials of any number of stores
     * @return the index
     */
    public static CredentialIndex of(Collection<CredentialRecord> records) {
        return records.isEmpty() ? EMPTY : new CredentialIndex(records);
    }

    /** Returns an index without credentials. */
    public static CredentialIndex empty() {
        return EMPTY;
    }

    /**
     * Finds a credential by store and id.
     *
     * @param store the store
     * @param id the credential id
     * @return the credential, if that store holds it
     */
    public Optional<CredentialRecord> find(StoreRef store, String id) {
        return Optional.ofNullable(byStore.getOrDefault(store, Map.of()).get(id));
    }

    /** Returns every credential, each id once per store, in the order given. */
    public List<CredentialRecord> records() {
        return Collections.unmodifiableList(records);
    }
}
