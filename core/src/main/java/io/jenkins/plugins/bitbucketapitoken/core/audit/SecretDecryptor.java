package io.jenkins.plugins.bitbucketapitoken.core.audit;

import java.util.Optional;

/**
 * Turns a secret as Jenkins stores it in XML into plain text, in memory only.
 *
 * <p>Implementations never log, print or keep what they decrypt. {@link JenkinsSecretDecryptor} reads Jenkins'
 * own keys; {@link #unavailable()} stands in when they cannot be read.
 */
public interface SecretDecryptor {

    /**
     * Returns the plain text of a stored secret, the way Jenkins' {@code Secret.fromString} reads it: an
     * encrypted value is decrypted, anything else is the plain text itself.
     *
     * @param stored the text of the element as stored, such as {@code {AQAAABAAAAAQ...}}
     * @return the plain text, or empty when it is encrypted and cannot be decrypted
     */
    Optional<String> plainText(String stored);

    /** Tells whether this decryptor holds keys, so that an empty answer means "damaged" and not "no keys". */
    boolean canDecrypt();

    /**
     * Returns a decryptor without keys: encrypted values stay unknown; values that look like plain text are
     * taken as such only when their shape is recognised by the caller.
     *
     * @return the decryptor
     */
    static SecretDecryptor unavailable() {
        return new SecretDecryptor() {
            @Override
            public Optional<String> plainText(String stored) {
                if (stored == null || JenkinsSecretDecryptor.looksEncrypted(stored)) {
                    return Optional.empty();
                }
                return Optional.of(stored);
            }

            @Override
            public boolean canDecrypt() {
                return false;
            }

            @Override
            public String toString() {
                return "SecretDecryptor[unavailable]";
            }
        };
    }
}
