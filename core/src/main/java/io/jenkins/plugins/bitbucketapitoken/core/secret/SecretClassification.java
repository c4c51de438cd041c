package io.jenkins.plugins.bitbucketapitoken.core.secret;

import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import java.util.List;
import java.util.Optional;

/**
 * Describes what a secret is, judged offline from its shape, without holding the secret itself.
 *
 * @param kind what the secret looks like
 * @param intact for kinds with a checksum, whether it matches; empty for the others
 * @param strayWhitespace whether spaces or line breaks surrounded or split the secret
 * @param problems everything a person should know, most important first
 */
public record SecretClassification(
        SecretKind kind, Optional<Boolean> intact, boolean strayWhitespace, List<Problem> problems) {

    /** Copies the problem list so that the value stays immutable. */
    public SecretClassification {
        problems = List.copyOf(problems);
    }

    /** Tells whether the secret is an API or access token whose checksum matches. */
    public boolean isIntactToken() {
        return kind.hasChecksum() && intact.orElse(false);
    }

    /** Tells whether any problem stops the secret from working. */
    public boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }
}
