package io.jenkins.plugins.bitbucketapitoken.core.verify;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reports what a verification found on each channel, and why anything failed.
 *
 * @param rest the REST API result; empty when the REST channel was not checked
 * @param git the Git result; empty when the Git channel was not checked
 * @param diagnoses one diagnosis per failure, in the order found; empty when all is well
 */
public record VerificationReport(Optional<RestCheck> rest, Optional<GitCheck> git, List<Diagnosis> diagnoses) {

    /** Copies the diagnoses so that the value stays immutable. */
    public VerificationReport {
        Objects.requireNonNull(rest, "rest");
        Objects.requireNonNull(git, "git");
        diagnoses = List.copyOf(diagnoses);
    }

    /** Tells whether every checked channel works. */
    public boolean allOk() {
        return rest.map(RestCheck::ok).orElse(true) && git.map(GitCheck::ok).orElse(true) && diagnoses.isEmpty();
    }
}
