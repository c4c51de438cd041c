package io.jenkins.plugins.bitbucketapitoken.core.audit;

/**
 * Says whether how items use a credential can still change its kind, once every item has been read: the context
 * a credentials store alone cannot give (see {@code docs/audit.md}).
 */
public enum UseDependence {
    /** The kind is final. */
    NONE,
    /**
     * The secret is 20 letters without a digit: an app password only when an item uses it with Bitbucket Cloud
     * (a Git remote or source on {@code bitbucket.org}, or any place in an item that talks to Bitbucket Cloud).
     */
    CLOUD_USE_CONFIRMS,
    /**
     * The credential is, or may be, an app password, unless every item that uses it does so with a host that is
     * not Bitbucket Cloud's (GitHub, Bitbucket Data Center, another Git server).
     */
    USE_ELSEWHERE_REFUTES
}
