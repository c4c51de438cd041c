package io.jenkins.plugins.bitbucketapitoken.core.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import io.jenkins.plugins.bitbucketapitoken.core.Validated;
import io.jenkins.plugins.bitbucketapitoken.core.repo.BitbucketEndpoints;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CheckoutPlannerTest {

    private static CheckoutOptions options(String repository, String branch) {
        return new CheckoutOptions(
                repository,
                Optional.ofNullable(branch),
                OptionalInt.empty(),
                false,
                false,
                false,
                List.of(),
                OptionalInt.empty());
    }

    @Test
    void shouldPlanACheckoutOfTheMainBranchFromAShorthand() {
        CheckoutPlan plan = CheckoutPlanner.plan(CheckoutOptions.of("acme/widget"), BitbucketEndpoints.cloud())
                .orElseThrow();

        assertThat(plan.repository().cloneUrl()).isEqualTo(URI.create("https://bitbucket.org/acme/widget.git"));
        assertThat(plan.needsMainBranch()).isTrue();
        assertThat(plan.withRevision(Revision.branch("main")).revision()).contains(Revision.branch("main"));
    }

    @ParameterizedTest
    @CsvSource({
        "main, BRANCH, main, +refs/heads/main:refs/remotes/origin/main, refs/heads/main",
        "release/2.x, BRANCH, release/2.x, +refs/heads/release/2.x:refs/remotes/origin/release/2.x, refs/heads/release/2.x",
        "refs/heads/feature/x, BRANCH, feature/x, +refs/heads/feature/x:refs/remotes/origin/feature/x, refs/heads/feature/x",
        "origin/main, BRANCH, main, +refs/heads/main:refs/remotes/origin/main, refs/heads/main",
        "refs/tags/v1.0, TAG, v1.0, +refs/tags/v1.0:refs/tags/v1.0, refs/tags/v1.0",
        "tags/v2, TAG, v2, +refs/tags/v2:refs/tags/v2, refs/tags/v2",
        "a1b2c3d, COMMIT, a1b2c3d, +refs/heads/*:refs/remotes/origin/*, a1b2c3d",
        "0123456789ABCDEF0123456789abcdef01234567, COMMIT, 0123456789abcdef0123456789abcdef01234567, +refs/heads/*:refs/remotes/origin/*, 0123456789abcdef0123456789abcdef01234567",
        "deadbeef, BRANCH, deadbeef, +refs/heads/deadbeef:refs/remotes/origin/deadbeef, refs/heads/deadbeef",
    })
    void shouldTellBranchesTagsAndCommitsApartAndFetchOnlyWhatIsNeeded(
            String branch, RevisionKind kind, String name, String refspec, String branchSpec) {
        Revision revision = Revision.parse(branch).orElseThrow();

        assertThat(revision.kind()).isEqualTo(kind);
        assertThat(revision.name()).isEqualTo(name);
        assertThat(revision.refspec()).isEqualTo(refspec);
        assertThat(revision.branchSpec()).isEqualTo(branchSpec);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "a..b",
                "feature/",
                "/main",
                "has space",
                "x~1",
                "x^",
                "a:b",
                "x.lock",
                "@",
                "refs/tags/",
                "a//b",
                "-x",
                "--upload-pack=touch /tmp/pwned",
                "refs/heads/-x",
                "refs/tags/-v1",
                "tags/-v1",
                "origin/-x"
            })
    void shouldRefuseNamesGitWouldRefuse(String branch) {
        assertThat(Revision.parse(branch).error())
                .get()
                .extracting(Problem::code)
                .isEqualTo(Message.BRANCH_INVALID);
    }

    @Test
    void shouldIgnoreDepthForACommitAndSaySo() {
        CheckoutOptions withDepth = new CheckoutOptions(
                "acme/widget",
                Optional.of("a1b2c3d4"),
                OptionalInt.of(1),
                false,
                false,
                false,
                List.of(),
                OptionalInt.empty());

        Validated<CheckoutPlan> plan = CheckoutPlanner.plan(withDepth, BitbucketEndpoints.cloud());

        assertThat(plan.orElseThrow().depth()).isEmpty();
        assertThat(plan.problems()).extracting(Problem::code).containsExactly(Message.SHALLOW_COMMIT_IGNORED);
    }

    @Test
    void shouldCarryEveryOptionIntoThePlan() {
        CheckoutOptions all = new CheckoutOptions(
                "https://bitbucket.org/acme/widget.git",
                Optional.of("release/2.x"),
                OptionalInt.of(1),
                true,
                true,
                true,
                List.of(" src/ ", "docs\\api"),
                OptionalInt.of(20));

        CheckoutPlan plan =
                CheckoutPlanner.plan(all, BitbucketEndpoints.cloud()).orElseThrow();

        assertThat(plan.depth()).hasValue(1);
        assertThat(plan.submodules()).isTrue();
        assertThat(plan.lfs()).isTrue();
        assertThat(plan.clean()).isTrue();
        assertThat(plan.sparseCheckoutPaths()).containsExactly("src/", "docs/api");
        assertThat(plan.timeoutMinutes()).hasValue(20);
        assertThat(plan.notes()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "0, , , DEPTH_INVALID",
        ", 0, , TIMEOUT_INVALID",
        ", , ../etc, SPARSE_PATH_INVALID",
        ", , /abs, SPARSE_PATH_INVALID",
    })
    void shouldExplainBadOptions(Integer depth, Integer timeout, String sparse, Message expected) {
        CheckoutOptions bad = new CheckoutOptions(
                "acme/widget",
                Optional.of("main"),
                depth == null ? OptionalInt.empty() : OptionalInt.of(depth),
                false,
                false,
                false,
                sparse == null ? List.of() : List.of(sparse),
                timeout == null ? OptionalInt.empty() : OptionalInt.of(timeout));

        assertThat(CheckoutPlanner.plan(bad, BitbucketEndpoints.cloud()).error())
                .get()
                .extracting(Problem::code)
                .isEqualTo(expected);
    }

    @Test
    void shouldRefuseRepositoriesOnHostsNobodyConfigured() {
        assertThat(CheckoutPlanner.plan(
                                options("https://github.com/acme/widget.git", "main"), BitbucketEndpoints.cloud())
                        .error())
                .get()
                .extracting(Problem::code)
                .isEqualTo(Message.REPOSITORY_HOST_NOT_ALLOWED);
    }

    @Test
    void shouldKeepUserInfoOutOfTheRemoteUrl() {
        Validated<CheckoutPlan> plan = CheckoutPlanner.plan(
                options("https://jane:secret@bitbucket.org/acme/widget.git", "main"), BitbucketEndpoints.cloud());

        assertThat(plan.orElseThrow().repository().cloneUrl().toString())
                .doesNotContain("jane")
                .doesNotContain("secret");
        assertThat(plan.problems()).extracting(Problem::code).containsExactly(Message.REPOSITORY_CREDENTIALS_IN_URL);
    }

    @Property(tries = 2000)
    void shouldNeverThrowOnAnyBranchName(@ForAll String branch) {
        Validated<Revision> revision = Revision.parse(branch);

        assertThat(revision.isValid() || revision.error().isPresent()).isTrue();
        revision.value()
                .ifPresent(r -> assertThat(r.refspec()).doesNotContain(" ").doesNotContain(".."));
    }
}
