package io.jenkins.plugins.bitbucketapitoken.branchsource;

import static io.jenkins.plugins.bitbucketapitoken.branchsource.BranchSourceFixture.EMAIL;
import static io.jenkins.plugins.bitbucketapitoken.branchsource.BranchSourceFixture.FEATURE;
import static io.jenkins.plugins.bitbucketapitoken.branchsource.BranchSourceFixture.GADGET;
import static io.jenkins.plugins.bitbucketapitoken.branchsource.BranchSourceFixture.USERNAME;
import static io.jenkins.plugins.bitbucketapitoken.branchsource.BranchSourceFixture.WIDGET;
import static io.jenkins.plugins.bitbucketapitoken.branchsource.BranchSourceFixture.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Item;
import io.jenkins.plugins.bitbucketapitoken.core.BitbucketCloud;
import io.jenkins.plugins.bitbucketapitoken.core.auth.Channel;
import io.jenkins.plugins.bitbucketapitoken.core.testing.fake.RecordedBuildStatus;
import io.jenkins.plugins.bitbucketapitoken.core.testing.fake.RecordedRequest;
import java.util.List;
import jenkins.branch.OrganizationFolder;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Proves the fake Bitbucket and the redirection with what bitbucket-branch-source 937.3.8 supports today: a plain
 * username/password credential holding the account e-mail and a 192-character API token.
 */
@WithJenkins
class StockBranchSourceWithFakeBitbucketTest {

    private JenkinsRule j;
    private BranchSourceFixture fixture;
    private String token;

    @BeforeEach
    void startFakeBitbucketAndStoreAnEmailTokenCredential(JenkinsRule rule) throws Exception {
        j = rule;
        fixture = BranchSourceFixture.start(rule);
        token = fixture.addApiToken(1101);
        fixture.addUsernamePassword("stock", EMAIL, token);
    }

    @AfterEach
    void stopFakeBitbucket() {
        fixture.close();
    }

    @Test
    void shouldIndexBranchesAndPullRequestThenBuildWithCheckoutScmAndPostTheBuildStatus() throws Exception {
        WorkflowMultiBranchProject project = fixture.multibranchProject("widget", WIDGET, "stock");

        fixture.index(project);

        assertThat(project.getItems())
                .extracting(WorkflowJob::getDisplayName)
                .contains("main", FEATURE)
                .hasSize(3);
        WorkflowRun main = fixture.successfulBuild(project, "main");
        j.assertLogContains("README says: widget main", main);
        j.assertLogContains("README says: widget login", fixture.successfulBuild(project, FEATURE));
        j.assertLogContains("README says: widget login", fixture.successfulBuild(project, "PR-1"));
        String mainHead = fixture.repository(WIDGET).head("main").orElseThrow().name();
        assertThat(fixture.bitbucket().buildStatuses(WORKSPACE + "/" + WIDGET))
                .allSatisfy(status -> assertThat(status.username()).contains(EMAIL))
                .filteredOn(status -> status.commit().equals(mainHead))
                .extracting(RecordedBuildStatus::state)
                .contains("SUCCESSFUL");
        fixture.assertRestUsedTheEmailAndGitUsed(token, BitbucketCloud.API_TOKEN_GIT_USERNAME);
        assertThat(BranchSourceFixture.indexingLog(project)).doesNotContain(token);
        for (WorkflowJob job : project.getItems()) {
            j.assertLogNotContains(token, job.getLastBuild());
        }
    }

    @Test
    void shouldCreateAMultibranchProjectForEachRepositoryWithAJenkinsfile() throws Exception {
        OrganizationFolder folder = fixture.organizationFolder("acme", "stock");

        fixture.index(folder);

        assertThat(folder.getItems()).extracting(Item::getName).containsExactlyInAnyOrder(WIDGET, GADGET);
        WorkflowMultiBranchProject gadget = (WorkflowMultiBranchProject) folder.getItem(GADGET);
        j.assertLogContains("README says: gadget main", fixture.successfulBuild(gadget, "main"));
        assertThat(fixture.bitbucket().requestLog())
                .extracting(RecordedRequest::path)
                .contains("/2.0/workspaces/" + WORKSPACE)
                .anyMatch(path -> path.startsWith("/2.0/repositories/" + WORKSPACE + "?"));
        fixture.assertRestUsedTheEmailAndGitUsed(token, BitbucketCloud.API_TOKEN_GIT_USERNAME);
        assertThat(BranchSourceFixture.indexingLog(folder)).doesNotContain(token);
    }

    @Test
    void shouldDiscoverNothingWithAnAppPasswordAndLogWhatBitbucketAnswered() throws Exception {
        String appPassword = fixture.addAppPassword(1102);
        fixture.addUsernamePassword("legacy", USERNAME, appPassword);
        WorkflowMultiBranchProject project = fixture.multibranchProject("legacy-widget", WIDGET, "legacy");

        fixture.index(project);

        assertThat(project.getItems()).isEmpty();
        List<RecordedRequest> rest = fixture.bitbucket().requestLog().stream()
                .filter(r -> r.channel() == Channel.REST)
                .toList();
        // Stock branch-source has no Cloud authenticator for a username and an app password: it asks anonymously.
        assertThat(rest).isNotEmpty().allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.secretPresented()).isFalse();
        });
        assertThat(fixture.bitbucket().requestLog()).noneMatch(r -> r.channel() == Channel.GIT);
        String log = BranchSourceFixture.indexingLog(project);
        assertThat(log)
                .contains("HTTP 401")
                .contains("This API is only accessible with the following authentication types")
                .doesNotContain(appPassword);
        assertThat(fixture.bitbucket().buildStatuses()).isEmpty();
    }
}
