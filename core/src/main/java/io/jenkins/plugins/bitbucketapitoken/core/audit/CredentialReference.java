package io.jenkins.plugins.bitbucketapitoken.core.audit;

import java.util.Objects;

/**
 * Says that an item's configuration names a credential id.
 *
 * @param credentialsId the id as written
 * @param where the part of the configuration it was found in
 */
public record CredentialReference(String credentialsId, ReferenceSource where) {

    /** Checks that no part is missing. */
    public CredentialReference {
        Objects.requireNonNull(credentialsId, "credentialsId");
        Objects.requireNonNull(where, "where");
    }
}
