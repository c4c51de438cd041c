package io.jenkins.plugins.bitbucketapitoken.core.repo;

import java.net.URI;
import java.util.Objects;

/**
 * Names one Bitbucket Cloud repository.
 *
 * @param workspace the workspace id, lowercase
 * @param slug the repository slug, lowercase, without {@code .git}
 * @param cloneUrl the clean HTTPS clone URL: no user info, ending in {@code .git}
 */
public record RepositoryRef(String workspace, String slug, URI cloneUrl) {

    /** Checks that no part is missing. */
    public RepositoryRef {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(cloneUrl, "cloneUrl");
    }

    /** Returns {@code workspace/slug}. */
    public String fullName() {
        return workspace + "/" + slug;
    }
}
