package io.jenkins.plugins.bitbucketapitoken.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.FreeStyleProject;
import hudson.model.Label;
import hudson.model.Result;
import hudson.util.Secret;
import io.jenkins.plugins.bitbucketapitoken.core.testing.TestSecrets;
import java.util.List;
import org.jenkinsci.plugins.credentialsbinding.impl.SecretBuildWrapper;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class BitbucketApiTokenBindingTest {

    private static final String TOKEN = TestSecrets.apiToken(701);

    private JenkinsRule j;

    @BeforeEach
    void addCredential(JenkinsRule rule) throws Exception {
        j = rule;
        BitbucketApiTokenCredentialsImpl c = new BitbucketApiTokenCredentialsImpl(
                CredentialsScope.GLOBAL, "bb", null, "jane@example.com", Secret.fromString(TOKEN));
        c.setGitUsername("jane-doe");
        SystemCredentialsProvider.getInstance().getCredentials().add(c);
        SystemCredentialsProvider.getInstance().save();
    }

    private WorkflowRun run(String script) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "binding");
        job.setDefinition(new CpsFlowDefinition(script, true));
        return j.buildAndAssertSuccess(job);
    }

    @Test
    void shouldBindEmailTokenAndGitUsernameAndMaskTheToken() throws Exception {
        WorkflowRun run = run("""
                withCredentials([bitbucketApiToken(credentialsId: 'bb', emailVariable: 'BB_EMAIL',
                                                   tokenVariable: 'BB_TOKEN', gitUsernameVariable: 'BB_GIT_USER')]) {
                  echo "email=${env.BB_EMAIL} git=${env.BB_GIT_USER}"
                  echo "token=${env.BB_TOKEN}"
                  echo "length=${env.BB_TOKEN.length()}"
                }
                """);

        j.assertLogContains("email=jane@example.com git=jane-doe", run);
        j.assertLogContains("token=****", run);
        j.assertLogContains("length=" + TOKEN.length(), run);
        j.assertLogNotContains(TOKEN, run);
    }

    @Test
    void shouldUseDefaultVariableNames() throws Exception {
        WorkflowRun run = run("""
                withCredentials([bitbucketApiToken(credentialsId: 'bb')]) {
                  echo "email=${env.BITBUCKET_EMAIL} git=${env.BITBUCKET_GIT_USERNAME} set=${env.BITBUCKET_API_TOKEN != null}"
                }
                """);

        j.assertLogContains("email=jane@example.com git=jane-doe set=true", run);
    }

    @Test
    void shouldWorkOnAnAgentWithTheTokenMaskedInShellOutput() throws Exception {
        j.createOnlineSlave(Label.get("remote"));

        WorkflowRun run = run("""
                node('remote') {
                  withCredentials([bitbucketApiToken(credentialsId: 'bb', tokenVariable: 'T', emailVariable: 'E')]) {
                    if (isUnix()) {
                      sh 'echo "agent sees $E and $T"'
                      sh 'test "$E" = jane@example.com'
                    } else {
                      bat 'echo agent sees %E% and %T%'
                      bat 'if not "%E%"=="jane@example.com" exit /b 1'
                    }
                  }
                }
                """);

        j.assertLogContains("agent sees jane@example.com and ****", run);
        j.assertLogNotContains(TOKEN, run);
    }

    @Test
    void shouldFailClearlyWhenTheCredentialIsMissing() throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "missing");
        job.setDefinition(new CpsFlowDefinition(
                "withCredentials([bitbucketApiToken(credentialsId: 'nope')]) { echo 'never' }", true));

        WorkflowRun run = j.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));

        j.assertLogContains("nope", run);
        j.assertLogNotContains("never", run);
    }

    @Test
    void shouldStopWithAClearErrorWhenNoCredentialIsChosen() throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "unchosen");
        job.setDefinition(new CpsFlowDefinition("withCredentials([bitbucketApiToken()]) { echo 'never' }", true));

        WorkflowRun run = j.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));

        j.assertLogContains("bitbucketApiToken needs a credentialsId", run);
        j.assertLogNotContains("NullPointerException", run);
        j.assertLogNotContains("never", run);
    }

    @Test
    void shouldKeepTheChosenCredentialThroughTheFreestyleConfigurationForm() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject("freestyle");
        BitbucketApiTokenBinding binding = new BitbucketApiTokenBinding("bb");
        binding.setEmailVariable("BB_EMAIL");
        project.getBuildWrappersList().add(new SecretBuildWrapper(List.of(binding)));

        j.configRoundtrip(project);

        SecretBuildWrapper wrapper = project.getBuildWrappersList().get(SecretBuildWrapper.class);
        assertThat(wrapper.getBindings()).singleElement().satisfies(b -> {
            assertThat(b).isInstanceOf(BitbucketApiTokenBinding.class);
            assertThat(b.getCredentialsId()).isEqualTo("bb");
            assertThat(((BitbucketApiTokenBinding) b).getEmailVariable()).isEqualTo("BB_EMAIL");
        });
    }
}
