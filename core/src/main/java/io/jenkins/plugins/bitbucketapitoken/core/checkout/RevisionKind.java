package io.jenkins.plugins.bitbucketapitoken.core.checkout;

/** Names what a checkout's {@code branch} option points at. */
public enum RevisionKind {
    /** A branch: {@code main}, {@code release/2.x}, {@code refs/heads/main}. */
    BRANCH,
    /** A tag: {@code refs/tags/v1.0} or {@code tags/v1.0}. */
    TAG,
    /** A commit id: 7 to 40 hex digits. */
    COMMIT
}
