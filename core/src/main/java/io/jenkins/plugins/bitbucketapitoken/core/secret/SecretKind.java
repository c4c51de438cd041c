package io.jenkins.plugins.bitbucketapitoken.core.secret;

/** Names what a secret is, judged from its shape. */
public enum SecretKind {
    /** An Atlassian API token ({@code ATATT3xFfGF0...}); works with Bitbucket scopes. */
    API_TOKEN,
    /** A Bitbucket app password; removed by Bitbucket on 2026-07-28. */
    APP_PASSWORD,
    /** A repository, project or workspace access token ({@code ATCTT3xFfGN0...}). */
    ACCESS_TOKEN,
    /** None of the above. */
    UNKNOWN;

    /** Tells whether secrets of this kind end with a CRC32 checksum that can be checked offline. */
    public boolean hasChecksum() {
        return this == API_TOKEN || this == ACCESS_TOKEN;
    }
}
