package io.jenkins.plugins.bitbucketapitoken.core.auth;

import java.util.Optional;

/**
 * Describes who a credential says it is, without its secret.
 *
 * @param username the username the credential presents to Git (a Bitbucket username, a fixed name such as
 *     {@code x-bitbucket-api-token-auth}, or, by mistake, an e-mail); empty when none is configured
 * @param email the Atlassian account e-mail for the REST API; empty when none is configured
 */
public record CredentialIdentity(Optional<String> username, Optional<String> email) {

    /** Treats blank values as absent and trims the others. */
    public CredentialIdentity {
        username = username.map(String::strip).filter(s -> !s.isEmpty());
        email = email.map(String::strip).filter(s -> !s.isEmpty());
    }

    /** Describes a credential with neither username nor e-mail. */
    public static CredentialIdentity none() {
        return new CredentialIdentity(Optional.empty(), Optional.empty());
    }

    /**
     * Describes a credential from values that may be {@code null} or blank.
     *
     * @param username the Git username, or {@code null}
     * @param email the account e-mail, or {@code null}
     * @return the identity
     */
    public static CredentialIdentity of(String username, String email) {
        return new CredentialIdentity(Optional.ofNullable(username), Optional.ofNullable(email));
    }
}
