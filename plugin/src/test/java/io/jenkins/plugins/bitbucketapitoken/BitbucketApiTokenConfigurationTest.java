package io.jenkins.plugins.bitbucketapitoken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class BitbucketApiTokenConfigurationTest {

    @Test
    void shouldRefuseAnUnusableBaseUrlOnSaveWithTheFormsMessage(JenkinsRule j) throws Exception {
        try (JenkinsRule.WebClient web = j.createWebClient()) {
            web.getOptions().setThrowExceptionOnFailingStatusCode(false);
            HtmlForm form = web.goTo("manage/configure").getFormByName("config");
            form.getInputByName("_.apiUrl").setValue("http://mirror.example.com/2.0");

            HtmlPage answer = j.submit(form);

            assertThat(answer.getWebResponse().getStatusCode()).isGreaterThanOrEqualTo(400);
            assertThat(answer.asNormalizedText()).contains("mirror.example.com");
        }
        assertThat(BitbucketApiTokenConfiguration.get().getApiUrl()).isNull();
    }

    @Test
    void shouldSaveAUsableBaseUrlThroughTheForm(JenkinsRule j) throws Exception {
        try (JenkinsRule.WebClient web = j.createWebClient()) {
            HtmlForm form = web.goTo("manage/configure").getFormByName("config");
            form.getInputByName("_.apiUrl").setValue("http://127.0.0.1:7990/2.0");

            j.submit(form);
        }
        assertThat(BitbucketApiTokenConfiguration.get().endpoints().apiUrl().toString())
                .isEqualTo("http://127.0.0.1:7990/2.0");
    }

    @Test
    void shouldRefuseAnUnusableBaseUrlFromAScriptOrJcasc(JenkinsRule j) {
        BitbucketApiTokenConfiguration configuration = BitbucketApiTokenConfiguration.get();

        assertThatThrownBy(() -> configuration.setGitUrl("http://mirror.example.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gitUrl");
        assertThat(configuration.getGitUrl()).isNull();
    }
}
