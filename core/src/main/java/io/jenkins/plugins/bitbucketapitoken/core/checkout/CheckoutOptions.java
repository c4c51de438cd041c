package io.jenkins.plugins.bitbucketapitoken.core.checkout;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Holds the options of a checkout exactly as a Jenkinsfile gives them, before they are checked.
 *
 * @param repository {@code workspace/slug} or a repository URL in any form core understands
 * @param branch a branch, tag or commit; empty for the repository's main branch
 * @param depth how many commits to fetch; empty for the full history
 * @param submodules whether to update submodules recursively
 * @param lfs whether to pull Git LFS files
 * @param clean whether to clean the workspace before checkout
 * @param sparseCheckoutPaths paths to check out; empty for all
 * @param timeoutMinutes how long git may take; empty for the Git plugin's default
 */
public record CheckoutOptions(
        String repository,
        Optional<String> branch,
        OptionalInt depth,
        boolean submodules,
        boolean lfs,
        boolean clean,
        List<String> sparseCheckoutPaths,
        OptionalInt timeoutMinutes) {

    /** Copies the paths and treats a blank branch as absent. */
    public CheckoutOptions {
        branch = branch.filter(b -> !b.isBlank());
        sparseCheckoutPaths = List.copyOf(sparseCheckoutPaths);
    }

    /**
     * Returns the options for a repository with everything else left at its default.
     *
     * @param repository {@code workspace/slug} or a repository URL
     * @return the options
     */
    public static CheckoutOptions of(String repository) {
        return new CheckoutOptions(
                repository, Optional.empty(), OptionalInt.empty(), false, false, false, List.of(), OptionalInt.empty());
    }
}
