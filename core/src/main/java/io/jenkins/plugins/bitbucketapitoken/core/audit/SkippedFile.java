package io.jenkins.plugins.bitbucketapitoken.core.audit;

import java.util.Objects;

/**
 * Says that a file or directory of a Jenkins home was not read, or not read in full, and why.
 *
 * @param path the path relative to the Jenkins home, with {@code /} separators
 * @param reason what was wrong and what to do, for a person
 */
public record SkippedFile(String path, String reason) {

    /** Checks that no part is missing. */
    public SkippedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(reason, "reason");
    }
}
