package io.jenkins.plugins.bitbucketapitoken.core.audit;

import java.util.Objects;
import java.util.Optional;

/**
 * Pairs a credential reference with the credential it resolves to.
 *
 * @param reference what the item names
 * @param credential the credential Jenkins would use; empty when the id resolves to nothing visible
 */
public record ResolvedReference(CredentialReference reference, Optional<CredentialRecord> credential) {

    /** Checks that no part is missing. */
    public ResolvedReference {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(credential, "credential");
    }

    /** Returns the store the id resolved in, if any. */
    public Optional<StoreRef> resolvedStore() {
        return credential.map(CredentialRecord::store);
    }

    /** Returns the kind of the credential the id resolved to, if any. */
    public Optional<CredentialKind> kind() {
        return credential.map(CredentialRecord::kind);
    }

    /** Tells whether the id resolves to an app password. */
    public boolean isAppPassword() {
        return credential.isPresent() && credential.get().kind() == CredentialKind.APP_PASSWORD;
    }

    /**
     * Tells whether the id may resolve to an app password: to a credential whose secret could not be read and
     * whose files do not prove otherwise, used here with Bitbucket Cloud or with a host the configuration does not
     * name.
     */
    public boolean isPossiblyAppPassword() {
        return credential.isPresent()
                && credential.get().kind() == CredentialKind.UNKNOWN
                && !reference.isUsedWithAnotherHost();
    }
}
