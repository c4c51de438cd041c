package io.jenkins.plugins.bitbucketapitoken.core.checkout;

import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import io.jenkins.plugins.bitbucketapitoken.core.Validated;
import io.jenkins.plugins.bitbucketapitoken.core.repo.BitbucketEndpoints;
import io.jenkins.plugins.bitbucketapitoken.core.repo.RepositoryRef;
import io.jenkins.plugins.bitbucketapitoken.core.repo.RepositoryReferences;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Checks a checkout's options and turns them into a {@link CheckoutPlan}: the repository and its clean URL, the
 * revision with its refspec, shallow, submodule, LFS, clean, sparse and timeout settings. Pure; never throws.
 */
public final class CheckoutPlanner {

    private CheckoutPlanner() {}

    /**
     * Plans a checkout.
     *
     * @param options the options as given
     * @param endpoints the hosts the credential may go to
     * @return the plan, or the first thing wrong with the options
     */
    public static Validated<CheckoutPlan> plan(CheckoutOptions options, BitbucketEndpoints endpoints) {
        Validated<RepositoryRef> repository = RepositoryReferences.parse(options.repository(), endpoints);
        if (!repository.isValid()) {
            return Validated.invalid(repository.error().orElseThrow());
        }
        List<Problem> notes = new ArrayList<>(repository.problems());
        Optional<Revision> revision = Optional.empty();
        if (options.branch().isPresent()) {
            Validated<Revision> parsed = Revision.parse(options.branch().get());
            if (!parsed.isValid()) {
                return Validated.invalid(parsed.error().orElseThrow());
            }
            revision = parsed.value();
        }
        OptionalInt depth = options.depth();
        if (depth.isPresent() && depth.getAsInt() < 1) {
            return Validated.invalid(Message.DEPTH_INVALID.problem(depth.getAsInt()));
        }
        if (depth.isPresent()
                && revision.filter(r -> r.kind() == RevisionKind.COMMIT).isPresent()) {
            notes.add(Message.SHALLOW_COMMIT_IGNORED.problem(revision.get().name()));
            depth = OptionalInt.empty();
        }
        if (options.timeoutMinutes().isPresent() && options.timeoutMinutes().getAsInt() < 1) {
            return Validated.invalid(
                    Message.TIMEOUT_INVALID.problem(options.timeoutMinutes().getAsInt()));
        }
        List<String> sparse = new ArrayList<>();
        for (String path : options.sparseCheckoutPaths()) {
            Optional<String> clean = sparsePath(path);
            if (clean.isEmpty()) {
                return Validated.invalid(Message.SPARSE_PATH_INVALID.problem(path));
            }
            sparse.add(clean.get());
        }
        return Validated.valid(
                new CheckoutPlan(
                        repository.orElseThrow(),
                        revision,
                        depth,
                        options.submodules(),
                        options.lfs(),
                        options.clean(),
                        sparse,
                        options.timeoutMinutes(),
                        notes),
                notes);
    }

    private static Optional<String> sparsePath(String path) {
        String p = path == null ? "" : path.strip().replace('\\', '/');
        if (p.isEmpty() || p.startsWith("/") || p.chars().anyMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        for (String segment : p.split("/")) {
            if (segment.equals("..")) {
                return Optional.empty();
            }
        }
        return Optional.of(p);
    }
}
