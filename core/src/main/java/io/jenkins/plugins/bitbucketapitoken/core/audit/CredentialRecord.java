package io.jenkins.plugins.bitbucketapitoken.core.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Describes one credential in a store, without its secret: only the facts an audit needs.
 *
 * @param id the credential id items refer to
 * @param store the store that holds it
 * @param scope who may use it
 * @param type the credential's class name
 * @param username the username, if the type has one and it is not marked secret
 * @param kind what it holds, judged from its secret when that was readable, else from what the files prove
 * @param evidence what decided the kind, for a person: shapes, usernames, lengths, domains and uses, never the
 *     secret
 * @param useDependence whether how items use it can still change the kind; {@link UseDependence#NONE} once an
 *     {@link AuditBuilder} has weighed every use
 */
public record CredentialRecord(
        String id,
        StoreRef store,
        CredentialScope scope,
        String type,
        Optional<String> username,
        CredentialKind kind,
        List<String> evidence,
        UseDependence useDependence) {

    /** Checks that no part is missing and copies the evidence. */
    public CredentialRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(kind, "kind");
        evidence = List.copyOf(evidence);
        Objects.requireNonNull(useDependence, "useDependence");
    }

    /**
     * Describes a credential whose kind is final, without evidence: as the plugin reads live credentials.
     *
     * @param id the credential id items refer to
     * @param store the store that holds it
     * @param scope who may use it
     * @param type the credential's class name
     * @param username the username, if the type has one and it is not marked secret
     * @param kind what it holds
     */
    public CredentialRecord(
            String id,
            StoreRef store,
            CredentialScope scope,
            String type,
            Optional<String> username,
            CredentialKind kind) {
        this(id, store, scope, type, username, kind, List.of(), UseDependence.NONE);
    }

    /**
     * Returns the same credential with its final kind, once its uses have been weighed.
     *
     * @param finalKind the kind
     * @param moreEvidence what the uses added to the evidence
     * @return the credential, with {@link UseDependence#NONE}
     */
    public CredentialRecord decided(CredentialKind finalKind, List<String> moreEvidence) {
        List<String> all = new ArrayList<>(evidence);
        all.addAll(moreEvidence);
        return new CredentialRecord(id, store, scope, type, username, finalKind, all, UseDependence.NONE);
    }

    /** Tells whether items may see this credential: every scope but {@link CredentialScope#SYSTEM}. */
    public boolean isVisibleToItems() {
        return scope != CredentialScope.SYSTEM;
    }

    /** Describes the credential by store, id, scope, type, username and kind; it never holds a secret. */
    @Override
    public String toString() {
        return "CredentialRecord[" + store.id() + " " + id + " " + scope + " " + type + " " + username.orElse("-") + " "
                + kind + "]";
    }
}
