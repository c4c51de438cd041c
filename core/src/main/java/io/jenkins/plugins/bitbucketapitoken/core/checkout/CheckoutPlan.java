package io.jenkins.plugins.bitbucketapitoken.core.checkout;

import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import io.jenkins.plugins.bitbucketapitoken.core.repo.RepositoryRef;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Describes a checked checkout, ready to become a Git plugin configuration: what to fetch, how, and what to tell
 * the person.
 *
 * @param repository the repository, with its clean clone URL (no user info)
 * @param revision what to check out; empty when the main branch must first be read from the REST API
 * @param depth the shallow depth; empty for a full clone
 * @param submodules whether to update submodules recursively with the same credential
 * @param lfs whether to pull Git LFS files
 * @param clean whether to clean before checkout
 * @param sparseCheckoutPaths the sparse checkout paths, normalised
 * @param timeoutMinutes the git timeout; empty for the default
 * @param notes warnings for the build log
 */
public record CheckoutPlan(
        RepositoryRef repository,
        Optional<Revision> revision,
        OptionalInt depth,
        boolean submodules,
        boolean lfs,
        boolean clean,
        List<String> sparseCheckoutPaths,
        OptionalInt timeoutMinutes,
        List<Problem> notes) {

    /** Copies the lists. */
    public CheckoutPlan {
        sparseCheckoutPaths = List.copyOf(sparseCheckoutPaths);
        notes = List.copyOf(notes);
    }

    /** Tells whether the main branch must be read from the REST API before the checkout. */
    public boolean needsMainBranch() {
        return revision.isEmpty();
    }

    /**
     * Returns the same plan for a known revision, as found for the main branch; a depth stays if it still applies.
     *
     * @param resolved the revision to check out
     * @return the completed plan
     */
    public CheckoutPlan withRevision(Revision resolved) {
        return new CheckoutPlan(
                repository,
                Optional.of(resolved),
                depth,
                submodules,
                lfs,
                clean,
                sparseCheckoutPaths,
                timeoutMinutes,
                notes);
    }
}
