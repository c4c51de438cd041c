package io.jenkins.plugins.bitbucketapitoken.core.audit;

import java.util.Locale;

/**
 * Tells over which channel a use of a credential reaches Bitbucket, and so what an in-place replacement with an API
 * token does to it: Git takes the Git username, the REST API the account e-mail.
 */
public enum UseChannel {
    /** An SCM, {@code git}, {@code checkout} or {@code bitbucketCheckout}: keeps working with the Git username. */
    GIT(Safety.SAFE),
    /**
     * A bitbucket-branch-source branch source or navigator: REST (discovery, build status, webhooks) and Git. Keeps
     * working: the plugin's authenticator sends the e-mail to REST and the Git username to Git.
     */
    BRANCH_SOURCE(Safety.SAFE),
    /**
     * A binding whose script sends the bound username to the REST API: breaks, because the bound username becomes the
     * Git username. The script must bind the e-mail instead.
     */
    BINDING_REST(Safety.UNSAFE),
    /** Anything else: what the use does with the username cannot be told from the configuration. */
    UNKNOWN(Safety.REVIEW);

    /** What an in-place replacement does to a use. */
    public enum Safety {
        /** Keeps working unchanged. */
        SAFE,
        /** Breaks unless the job is changed: the replacement needs an explicit confirmation. */
        UNSAFE,
        /** Cannot be told: the administrator should look. */
        REVIEW
    }

    private final Safety safety;

    UseChannel(Safety safety) {
        this.safety = safety;
    }

    /**
     * Returns what an in-place replacement does to a use over this channel.
     *
     * @return the safety
     */
    public Safety safety() {
        return safety;
    }

    /**
     * Returns the id used in reports: {@code git}, {@code branch-source}, {@code binding-rest} or {@code unknown}.
     *
     * @return the report id
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Returns the channel of a reference found in a configuration element, before any script is read.
     *
     * @param where where the reference was found
     * @return its channel
     */
    public static UseChannel of(ReferenceSource where) {
        return switch (where) {
            case SCM -> GIT;
            case BRANCH_SOURCE, NAVIGATOR -> BRANCH_SOURCE;
            case SCRIPT, OTHER -> UNKNOWN;
        };
    }
}
