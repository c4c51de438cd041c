package io.jenkins.plugins.bitbucketapitoken.branchsource;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.PluginWrapper;
import hudson.util.Secret;
import io.jenkins.plugins.bitbucketapitoken.core.testing.TestSecrets;
import io.jenkins.plugins.bitbucketapitoken.credentials.BitbucketApiTokenCredentialsImpl;
import io.jenkins.plugins.bitbucketapitoken.monitor.AppPasswordMonitor;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.RealJenkinsExtension;

/** bitbucket-branch-source is an optional dependency: a real controller without it loads the plugin and uses it. */
class WithoutBranchSourceTest {

    @RegisterExtension
    private final RealJenkinsExtension controller = new RealJenkinsExtension()
            .omitPlugins("cloudbees-bitbucket-branch-source", "workflow-multibranch", "branch-api");

    @Test
    void shouldLoadAndBindTheCredentialWithoutBitbucketBranchSource() throws Throwable {
        controller.then(WithoutBranchSourceTest::loadsAndBinds);
    }

    private static void loadsAndBinds(JenkinsRule r) throws Throwable {
        assertThat(r.jenkins.getPluginManager().getPlugin("cloudbees-bitbucket-branch-source"))
                .isNull();
        PluginWrapper self = r.jenkins.getPluginManager().getPlugin("bitbucket-api-token");
        assertThat(self).isNotNull();
        assertThat(self.isActive()).isTrue();
        assertThat(r.jenkins.getPluginManager().getFailedPlugins()).isEmpty();
        assertThat(r.jenkins.getExtensionList(AppPasswordMonitor.class)).hasSize(1);
        SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new BitbucketApiTokenCredentialsImpl(
                        CredentialsScope.GLOBAL,
                        "bb",
                        null,
                        "jane@example.com",
                        Secret.fromString(TestSecrets.apiToken(721))));
        WorkflowJob job = r.createProject(WorkflowJob.class, "bind");
        job.setDefinition(new CpsFlowDefinition(
                "withCredentials([bitbucketApiToken(credentialsId: 'bb', emailVariable: 'E')]) {"
                        + " echo \"bound ${env.E.length()}\" }",
                true));

        r.assertLogContains("bound 16", r.buildAndAssertSuccess(job));
    }
}
