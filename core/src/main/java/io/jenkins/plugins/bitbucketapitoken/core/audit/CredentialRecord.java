package io.jenkins.plugins.bitbucketapitoken.core.audit;

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
 * @param kind what it holds, judged from its secret when that was readable
 */
public record CredentialRecord(
        String id, StoreRef store, CredentialScope scope, String type, Optional<String> username, CredentialKind kind) {

    /** Checks that no part is missing. */
    public CredentialRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(kind, "kind");
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
