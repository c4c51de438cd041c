package io.jenkins.plugins.bitbucketapitoken.core;

/** Says how much a {@link Problem} matters to the person who reads it. */
public enum Severity {
    /** Something will not work until the person acts. */
    ERROR,
    /** Something may not work, or will stop working soon. */
    WARNING,
    /** Worth knowing; nothing needs to change. */
    INFO
}
