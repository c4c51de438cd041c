package io.jenkins.plugins.bitbucketapitoken.core.audit;

import io.jenkins.plugins.bitbucketapitoken.core.secret.SecretClassifier;
import java.util.Optional;

/**
 * Names what a credential holds, as far as Bitbucket is concerned.
 *
 * <p>{@link #classify(String, Optional)} decides it from the credential's type and, when known, its plain secret,
 * with the foundation's {@link SecretClassifier}; the plugin calls it on live secrets, the scanner on secrets it
 * decrypted.
 */
public enum CredentialKind {
    /** An Atlassian API token. */
    API_TOKEN,
    /** A Bitbucket app password: removed by Bitbucket, must be replaced. */
    APP_PASSWORD,
    /** A repository, project or workspace access token. */
    ACCESS_TOKEN,
    /**
     * Something else: an SSH key, a certificate, a password of another shape, or a secret that could not be read
     * but that its files prove is no app password (the credential's evidence says how).
     */
    OTHER,
    /** Could be anything, an app password included: its secret could not be read and nothing proves otherwise. */
    UNKNOWN;

    /**
     * Classifies a credential from its type and, when known, its plain secret; the secret is not kept.
     *
     * @param type the credential's class name, such as
     *     {@code com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl}
     * @param plainSecret the password, secret text or token in plain text; empty when it could not be read or
     *     the type has none
     * @return {@link #UNKNOWN} when the type carries a password or token that could not be read, {@link #OTHER}
     *     for key and certificate types, otherwise what the secret's shape says
     */
    public static CredentialKind classify(String type, Optional<String> plainSecret) {
        if (plainSecret.isPresent() && !plainSecret.get().isEmpty()) {
            return switch (SecretClassifier.classify(plainSecret.get()).kind()) {
                case API_TOKEN -> API_TOKEN;
                case APP_PASSWORD -> APP_PASSWORD;
                case ACCESS_TOKEN -> ACCESS_TOKEN;
                case UNKNOWN -> OTHER;
            };
        }
        return carriesPasswordOrToken(type) ? UNKNOWN : OTHER;
    }

    /**
     * Classifies a credential from its type, its plain secret and its username, which may refute the older
     * app-password form (20 letters and digits): app passwords went with the Bitbucket username, never with an
     * e-mail address or a fixed token name. Twenty letters without a digit count as an app password only with
     * context this method does not have (an item that uses it with Bitbucket Cloud, a domain for bitbucket.org:
     * see {@link JenkinsHomeScanner}), so here they do not.
     *
     * @param type the credential's class name
     * @param plainSecret the password, secret text or token in plain text; empty when it could not be read
     * @param username the credential's username, if it has one that is not marked secret
     * @return the kind; the secret is not kept
     */
    public static CredentialKind classify(String type, Optional<String> plainSecret, Optional<String> username) {
        if (plainSecret.isEmpty() || plainSecret.get().isEmpty()) {
            return classify(type, plainSecret);
        }
        CredentialJudge.Facts facts =
                new CredentialJudge.Facts(type == null ? "" : type, username, false, plainSecret, false, false);
        return CredentialJudge.judge(facts, PLAIN).kind();
    }

    /** Reads secrets that are already plain text. */
    private static final SecretDecryptor PLAIN = new SecretDecryptor() {
        @Override
        public Optional<String> plainText(String stored) {
            return Optional.ofNullable(stored);
        }

        @Override
        public boolean canDecrypt() {
            return true;
        }
    };

    /**
     * Tells whether credentials of a type hold a password or token that could be an app password.
     *
     * @param type a credential class name
     * @return true for username/password, secret text and token types
     */
    public static boolean carriesPasswordOrToken(String type) {
        if (type == null) {
            return false;
        }
        return type.contains("UsernamePassword")
                || type.contains("StringCredentials")
                || type.contains("Token")
                || type.contains("Bitbucket");
    }
}
