package io.jenkins.plugins.bitbucketapitoken.core.auth;

import io.jenkins.plugins.bitbucketapitoken.core.secret.SecretClassifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Holds a secret so that it cannot leak by accident: {@link #toString()} shows a mask, and only
 * {@link #reveal()} gives the text, at the one place that sends it.
 */
public final class SecretValue {

    private static final String MASK = "****";

    private final String secret;

    private SecretValue(String secret) {
        this.secret = secret;
    }

    /**
     * Wraps a secret exactly as given.
     *
     * @param secret the secret text
     * @return the wrapper
     */
    public static SecretValue of(String secret) {
        return new SecretValue(Objects.requireNonNull(secret, "secret"));
    }

    /**
     * Wraps a pasted secret without the spaces, line breaks and invisible characters pasting adds.
     *
     * @param pasted the secret as pasted
     * @return the wrapper holding the cleaned secret
     */
    public static SecretValue ofPasted(CharSequence pasted) {
        return new SecretValue(SecretClassifier.withoutWhitespace(pasted));
    }

    /** Returns the secret itself; call it only where the secret is sent, never to show or log it. */
    public String reveal() {
        return secret;
    }

    /** Tells whether the secret is empty. */
    public boolean isEmpty() {
        return secret.isEmpty();
    }

    /** Returns a mask, never the secret. */
    @Override
    public String toString() {
        return MASK;
    }

    /** Compares in constant time, so that comparing does not leak the secret through timing. */
    @Override
    public boolean equals(Object other) {
        return other instanceof SecretValue that
                && MessageDigest.isEqual(
                        secret.getBytes(StandardCharsets.UTF_8), that.secret.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return secret.hashCode();
    }
}
