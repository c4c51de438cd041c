package io.jenkins.plugins.bitbucketapitoken.core.auth;

import io.jenkins.plugins.bitbucketapitoken.core.secret.SecretClassification;
import io.jenkins.plugins.bitbucketapitoken.core.secret.SecretClassifier;
import java.util.Objects;

/**
 * Pairs a secret with who it belongs to: what every check and every request of this library works on.
 *
 * @param identity the usernames configured with the secret
 * @param secret the secret, masked in {@link #toString()}
 */
public record Credential(CredentialIdentity identity, SecretValue secret) {

    /** Checks that no part is missing. */
    public Credential {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(secret, "secret");
    }

    /** Classifies the secret by its shape. */
    public SecretClassification classification() {
        return SecretClassifier.classify(secret.reveal());
    }

    /** Decides, offline, which username and scheme go on each channel. */
    public CredentialAssessment assess() {
        return CredentialAssessment.of(classification(), identity);
    }
}
