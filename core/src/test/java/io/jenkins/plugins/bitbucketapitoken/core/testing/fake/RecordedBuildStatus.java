package io.jenkins.plugins.bitbucketapitoken.core.testing.fake;

import java.util.Objects;
import java.util.Optional;

/**
 * Records one build status a client POSTed to {@code /2.0/repositories/{workspace}/{slug}/commit/{hash}/statuses/build}
 * of the fake Bitbucket.
 *
 * @param repository the repository's {@code workspace/slug}
 * @param commit the full hash of the commit the status is for
 * @param key the status key; a later status with the same key replaces it on Bitbucket
 * @param state {@code INPROGRESS}, {@code SUCCESSFUL}, {@code FAILED} or {@code STOPPED}
 * @param name the name shown on Bitbucket
 * @param url the link back to the build
 * @param refname the branch or tag the build was for, when the client sent one
 * @param username the Basic username the status was posted with
 */
public record RecordedBuildStatus(
        String repository,
        String commit,
        String key,
        String state,
        String name,
        String url,
        Optional<String> refname,
        Optional<String> username) {

    /** Checks that no part is missing. */
    public RecordedBuildStatus {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(refname, "refname");
        Objects.requireNonNull(username, "username");
    }
}
