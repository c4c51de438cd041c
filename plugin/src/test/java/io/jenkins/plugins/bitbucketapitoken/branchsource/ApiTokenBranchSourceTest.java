package io.jenkins.plugins.bitbucketapitoken.branchsource;

import static io.jenkins.plugins.bitbucketapitoken.branchsource.BranchSourceFixture.EMAIL;
import static io.jenkins.plugins.bitbucketapitoken.branchsource.BranchSourceFixture.FEATURE;
import static io.jenkins.plugins.bitbucketapitoken.branchsource.BranchSourceFixture.GADGET;
import static io.jenkins.plugins.bitbucketapitoken.branchsource.BranchSourceFixture.USERNAME;
import static io.jenkins.plugins.bitbucketapitoken.branchsource.BranchSourceFixture.WIDGET;
import static io.jenkins.plugins.bitbucketapitoken.branchsource.BranchSourceFixture.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.model.Item;
import hudson.util.Secret;
import io.jenkins.plugins.bitbucketapitoken.core.auth.Channel;
import io.jenkins.plugins.bitbucketapitoken.core.testing.TestSecrets;
import io.jenkins.plugins.bitbucketapitoken.core.testing.fake.FakeBitbucket;
import io.jenkins.plugins.bitbucketapitoken.core.testing.fake.RecordedBuildStatus;
import io.jenkins.plugins.bitbucketapitoken.credentials.BitbucketApiTokenCredentialsImpl;
import java.util.Optional;
import jenkins.branch.OrganizationFolder;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A multibranch project and an organization folder on bitbucket-branch-source with one Bitbucket API token
 * credential: REST gets the e-mail, Git gets the Git username, and the token may have any length.
 */
@WithJenkins
class ApiTokenBranchSourceTest {

    private JenkinsRule j;
    private BranchSourceFixture fixture;
    private String token;

    @BeforeEach
    void startFakeBitbucketAndStoreAnApiTokenCredential(JenkinsRule rule) throws Exception {
        j = rule;
        fixture = BranchSourceFixture.start(rule);
        // Not 192 characters: branch-source's own API-token matcher would not take it; ours does.
        token = TestSecrets.apiToken(1201, 180, false);
        fixture.bitbucket().addApiToken(EMAIL, token, FakeBitbucket.BRANCH_SOURCE_SCOPES, Optional.empty());
        BitbucketApiTokenCredentialsImpl credential = new BitbucketApiTokenCredentialsImpl(
                CredentialsScope.GLOBAL, "bb", null, EMAIL, Secret.fromString(token));
        credential.setGitUsername(USERNAME);
        fixture.addCredentials(credential);
    }

    @AfterEach
    void stopFakeBitbucket() {
        fixture.close();
    }

    @Test
    void shouldDiscoverBranchesAndThePullRequestBuildThemAndPostStatusesWithOneCredential() throws Exception {
        WorkflowMultiBranchProject project = fixture.multibranchProject("widget", WIDGET, "bb");

        fixture.index(project);

        assertThat(project.getItems())
                .extracting(WorkflowJob::getDisplayName)
                .containsExactlyInAnyOrder("main", FEATURE, "Add a login (#1)");
        j.assertLogContains("README says: widget main", fixture.successfulBuild(project, "main"));
        j.assertLogContains("README says: widget login", fixture.successfulBuild(project, "PR-1"));
        String mainHead = fixture.repository(WIDGET).head("main").orElseThrow().name();
        assertThat(fixture.bitbucket().buildStatuses(WORKSPACE + "/" + WIDGET))
                .isNotEmpty()
                .allSatisfy(status -> assertThat(status.username()).contains(EMAIL))
                .filteredOn(status -> status.commit().equals(mainHead))
                .extracting(RecordedBuildStatus::state)
                .contains("INPROGRESS", "SUCCESSFUL");
        fixture.assertRestUsedTheEmailAndGitUsed(token, USERNAME);
        assertEveryGitRequestWithTheTokenWasLetIn();
        assertThat(BranchSourceFixture.indexingLog(project)).doesNotContain(token);
        for (WorkflowJob job : project.getItems()) {
            j.assertLogNotContains(token, job.getLastBuild());
        }
    }

    @Test
    void shouldScanAnOrganizationFolderWithTheSameCredential() throws Exception {
        OrganizationFolder folder = fixture.organizationFolder("acme", "bb");

        fixture.index(folder);

        assertThat(folder.getItems()).extracting(Item::getName).containsExactlyInAnyOrder(WIDGET, GADGET);
        WorkflowMultiBranchProject gadget = (WorkflowMultiBranchProject) folder.getItem(GADGET);
        j.assertLogContains("README says: gadget main", fixture.successfulBuild(gadget, "main"));
        fixture.assertRestUsedTheEmailAndGitUsed(token, USERNAME);
        assertEveryGitRequestWithTheTokenWasLetIn();
        assertThat(BranchSourceFixture.indexingLog(folder)).doesNotContain(token);
    }

    private void assertEveryGitRequestWithTheTokenWasLetIn() {
        assertThat(fixture.bitbucket().requestLog())
                .filteredOn(r -> r.channel() == Channel.GIT && r.secretPresented())
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
    }
}
