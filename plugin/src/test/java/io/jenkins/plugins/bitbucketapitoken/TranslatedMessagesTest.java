package io.jenkins.plugins.bitbucketapitoken;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import io.jenkins.plugins.bitbucketapitoken.core.testing.TestSecrets;
import io.jenkins.plugins.bitbucketapitoken.credentials.BitbucketApiTokenCredentialsImpl;
import io.jenkins.plugins.bitbucketapitoken.monitor.AppPasswordIndex;
import java.net.URL;
import java.util.List;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Core's messages reach a person through its bundle, in the language of the request: shown here with the test
 * pseudo-locale {@code eo} (core's test {@code Messages_eo} brackets every English text; Jetty would turn {@code en-XA} into English).
 */
@WithJenkins
class TranslatedMessagesTest {

    @Test
    void shouldShowCoreMessagesInTheLanguageOfTheRequest(JenkinsRule j) throws Exception {
        SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new UsernamePasswordCredentialsImpl(
                        CredentialsScope.GLOBAL, "legacy", null, "jane-doe", TestSecrets.appPassword(1201)));
        SystemCredentialsProvider.getInstance().save();
        WorkflowJob job = j.createProject(WorkflowJob.class, "build");
        job.setDefinition(new CpsFlowDefinition(
                "node { git url: 'https://bitbucket.org/acme/widget.git', credentialsId: 'legacy' }", true));
        job.save();
        AppPasswordIndex.get().rebuild();

        try (JenkinsRule.WebClient web = j.createWebClient()) {
            WebRequest request = new WebRequest(
                    new URL(
                            j.getURL(),
                            "descriptorByName/" + BitbucketApiTokenCredentialsImpl.class.getName() + "/checkToken"),
                    HttpMethod.POST);
            request.setRequestParameters(List.of(new NameValuePair("value", TestSecrets.appPassword(1202))));
            request.setAdditionalHeader("Accept-Language", "eo");
            web.addCrumb(request);
            String check = web.getPage(request).getWebResponse().getContentAsString();
            String manage = inPseudoLocale(j, web, "manage/");
            String page = inPseudoLocale(j, web, "administrativeMonitor/bitbucketAppPasswords/");

            assertThat(check)
                    .contains("[This looks like a Bitbucket app password")
                    .contains("2026-07-28");
            assertThat(manage).contains("[Bitbucket removed app passwords on 2026-07-28");
            assertThat(page).contains("[Bitbucket removed app passwords on 2026-07-28");
        }
        try (JenkinsRule.WebClient web = j.createWebClient()) {
            assertThat(web.goTo("manage/").asNormalizedText())
                    .contains("Bitbucket removed app passwords on 2026-07-28")
                    .doesNotContain("[Bitbucket removed");
        }
    }

    private static String inPseudoLocale(JenkinsRule j, JenkinsRule.WebClient web, String path) throws Exception {
        WebRequest request = new WebRequest(new URL(j.getURL(), path));
        request.setAdditionalHeader("Accept-Language", "eo");
        return web.getPage(request).getWebResponse().getContentAsString();
    }
}
