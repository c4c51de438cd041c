package io.jenkins.plugins.bitbucketapitoken.core.audit;

import java.util.List;
import java.util.Objects;

/**
 * Describes one credential in an audit, with the items that resolve to it.
 *
 * @param credential the credential, without secret
 * @param usedBy the full names of the items whose references resolve to it, sorted
 */
public record AuditedCredential(CredentialRecord credential, List<String> usedBy) {

    /** Copies the list and checks that no part is missing. */
    public AuditedCredential {
        Objects.requireNonNull(credential, "credential");
        usedBy = List.copyOf(usedBy);
    }
}
