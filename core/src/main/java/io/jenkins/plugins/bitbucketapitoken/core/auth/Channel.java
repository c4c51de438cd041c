package io.jenkins.plugins.bitbucketapitoken.core.auth;

import java.util.Locale;

/** Names the two ways Jenkins talks to Bitbucket Cloud; each wants its own username for the same token. */
public enum Channel {
    /** Git over HTTPS: clone, fetch, ls-remote, push. */
    GIT,
    /** The REST API at api.bitbucket.org/2.0. */
    REST;

    /** Returns the lowercase name used in JSON and on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
