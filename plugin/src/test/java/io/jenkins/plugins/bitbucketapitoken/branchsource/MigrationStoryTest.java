package io.jenkins.plugins.bitbucketapitoken.branchsource;

import static io.jenkins.plugins.bitbucketapitoken.branchsource.BranchSourceFixture.EMAIL;
import static io.jenkins.plugins.bitbucketapitoken.branchsource.BranchSourceFixture.USERNAME;
import static io.jenkins.plugins.bitbucketapitoken.branchsource.BranchSourceFixture.WIDGET;
import static io.jenkins.plugins.bitbucketapitoken.branchsource.BranchSourceFixture.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import hudson.plugins.git.BranchSpec;
import hudson.plugins.git.GitSCM;
import hudson.slaves.EnvironmentVariablesNodeProperty;
import io.jenkins.plugins.bitbucketapitoken.credentials.BitbucketApiTokenCredentials;
import io.jenkins.plugins.bitbucketapitoken.monitor.AppPasswordIndex;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The whole migration: one app-password credential used by a multibranch project, a freestyle Git job and a Pipeline
 * that calls the REST API with the bound username. All three fail since Bitbucket removed app passwords. The monitor
 * flags the REST Pipeline before anything is written, with the change that fixes it; after the credential is replaced
 * in place, the multibranch project and the Git job work again without an edit, and the REST Pipeline works with the
 * change the monitor gave.
 */
@WithJenkins
class MigrationStoryTest {

    private static final String REST_SCRIPT = """
            node {
              withCredentials([usernamePassword(credentialsId: 'legacy', usernameVariable: 'BB_USER', passwordVariable: 'BB_PASS')]) {
                sh 'curl -sS -f -o /dev/null -u "$BB_USER:$BB_PASS" "${BB_API:-https://api.bitbucket.org/2.0}/repositories/acme/widget"'
              }
            }
            """;

    private JenkinsRule j;
    private BranchSourceFixture fixture;
    private String token;

    @BeforeEach
    void startFakeBitbucketWithAnAppPasswordInUse(JenkinsRule rule) throws Exception {
        j = rule;
        fixture = BranchSourceFixture.start(rule);
        token = fixture.addApiToken(1301);
        fixture.addUsernamePassword("legacy", USERNAME, fixture.addAppPassword(1302));
        j.jenkins
                .getGlobalNodeProperties()
                .add(new EnvironmentVariablesNodeProperty(new EnvironmentVariablesNodeProperty.Entry(
                        "BB_API", fixture.bitbucket().base() + "/2.0")));
    }

    @AfterEach
    void stopFakeBitbucket() {
        fixture.close();
    }

    @Test
    void shouldFlagTheRestPipelineThenReplaceInPlaceSoThatTheOtherJobsWorkWithoutAnEdit() throws Exception {
        // given: three jobs on the app password, all failing
        WorkflowMultiBranchProject multibranch = fixture.multibranchProject("widget", WIDGET, "legacy");
        multibranch.save();
        FreeStyleProject gitJob = j.createFreeStyleProject("widget-build");
        gitJob.setScm(new GitSCM(
                GitSCM.createRepoList(
                        fixture.bitbucket().cloneUrl(WORKSPACE, WIDGET).toString(), "legacy"),
                List.of(new BranchSpec("*/main")),
                null,
                null,
                List.of()));
        gitJob.save();
        WorkflowJob restJob = j.createProject(WorkflowJob.class, "api-report");
        restJob.setDefinition(new CpsFlowDefinition(REST_SCRIPT, true));
        restJob.save();

        fixture.index(multibranch);
        assertThat(multibranch.getItems()).isEmpty();
        j.assertLogContains("410", j.buildAndAssertStatus(Result.FAILURE, gitJob));
        j.assertLogContains("401", j.buildAndAssertStatus(Result.FAILURE, restJob));
        String multibranchConfig = multibranch.getConfigFile().asString();
        String gitJobConfig = gitJob.getConfigFile().asString();
        AppPasswordIndex.get().rebuild();

        String fix;
        try (JenkinsRule.WebClient web = j.createWebClient()) {
            // when: the administrator opens the replace page
            HtmlPage form = web.goTo("administrativeMonitor/bitbucketAppPasswords/replace?store=system&id=legacy");

            // then: each use with its channel, before anything is written
            String impact = form.getElementById("impact").asNormalizedText();
            assertThat(impact)
                    .contains("api-report\tREST API through a binding\tBreaks:")
                    .contains("widget\tbitbucket-branch-source (REST and Git)\tKeeps working")
                    .contains("widget-build\tGit\tKeeps working");
            Matcher change = Pattern.compile("bitbucketApiToken\\([^)]*\\)").matcher(impact);
            assertThat(change.find()).isTrue();
            fix = change.group();
            assertThat(fix)
                    .isEqualTo("bitbucketApiToken(credentialsId: 'legacy', emailVariable: 'BB_USER', tokenVariable:"
                            + " 'BB_PASS')");

            // when: replacing without confirming, then confirming
            HtmlForm migrate = form.getFormByName("migrate");
            migrate.getInputByName("email").setValue(EMAIL);
            migrate.getInputByName("token").setValue(token);
            migrate.getInputByName("gitUsername").setValue(USERNAME);
            HtmlPage refused = j.submit(migrate);
            assertThat(refused.getElementById("refusal").asNormalizedText()).contains("would break api-report");
            assertThat(SystemCredentialsProvider.getInstance().getCredentials())
                    .noneMatch(c -> c instanceof BitbucketApiTokenCredentials);
            HtmlForm again = refused.getFormByName("migrate");
            again.getInputByName("token").setValue(token);
            again.getInputByName("confirmBreaking").setChecked(true);
            j.submit(again);
        }
        assertThat(SystemCredentialsProvider.getInstance().getCredentials())
                .singleElement()
                .isInstanceOf(BitbucketApiTokenCredentials.class);

        // then: the multibranch project and the Git job work again, unedited
        fixture.index(multibranch);
        assertThat(multibranch.getItems())
                .extracting(WorkflowJob::getDisplayName)
                .contains("main");
        j.assertBuildStatus(
                Result.SUCCESS, multibranch.getItemByBranchName("main").getLastBuild());
        j.buildAndAssertSuccess(gitJob);
        assertThat(multibranch.getConfigFile().asString()).isEqualTo(multibranchConfig);
        assertThat(gitJob.getConfigFile().asString()).isEqualTo(gitJobConfig);

        // and: the REST Pipeline fails as flagged, and works with the change the page gave
        j.assertLogContains("401", j.buildAndAssertStatus(Result.FAILURE, restJob));
        restJob.setDefinition(new CpsFlowDefinition(
                REST_SCRIPT.replaceFirst("usernamePassword\\([^)]*\\)", Matcher.quoteReplacement(fix)), true));
        j.assertLogNotContains(token, j.buildAndAssertSuccess(restJob));
    }
}
