package io.jenkins.plugins.bitbucketapitoken.core.audit;

import java.util.Locale;

/** Names where in an item's configuration a credential id was found. */
public enum ReferenceSource {
    /** An SCM: a Git remote of a job, of a Pipeline-from-SCM definition or of a library. */
    SCM,
    /** Pipeline script text. */
    SCRIPT,
    /** A multibranch project's branch source. */
    BRANCH_SOURCE,
    /** An organization folder's navigator. */
    NAVIGATOR,
    /** Anywhere else: triggers, build wrappers, bindings, parameters. */
    OTHER;

    /** Returns the report's name: {@code scm}, {@code script}, {@code branch-source}, {@code navigator}, {@code other}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
