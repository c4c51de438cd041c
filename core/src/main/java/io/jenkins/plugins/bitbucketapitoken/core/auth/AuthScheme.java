package io.jenkins.plugins.bitbucketapitoken.core.auth;

import java.util.Locale;

/** Names how a secret travels in the {@code Authorization} header. */
public enum AuthScheme {
    /** HTTP Basic with a username and the secret. */
    BASIC,
    /** {@code Authorization: Bearer} with the secret alone. */
    BEARER;

    /** Returns the lowercase name used in JSON and on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
