package io.jenkins.plugins.bitbucketapitoken;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.util.FormValidation;
import io.jenkins.plugins.bitbucketapitoken.core.Message;
import org.junit.jupiter.api.Test;

class FormValidationsTest {

    @Test
    void shouldLinkEveryHttpsAddressAndEscapeTheRest() {
        String html = FormValidations.linked(
                "Create one at https://id.atlassian.com/manage-profile/security/api-tokens. <b>Then</b> try.");

        assertThat(html)
                .isEqualTo("Create one at <a href=\"https://id.atlassian.com/manage-profile/security/api-tokens\""
                        + " target=\"_blank\" rel=\"noopener noreferrer\">"
                        + "https://id.atlassian.com/manage-profile/security/api-tokens</a>. &lt;b&gt;Then&lt;/b&gt;"
                        + " try.");
    }

    @Test
    void shouldNotLetAnAddressBreakOutOfTheLink() {
        assertThat(FormValidations.linked("see https://x.example/\"onmouseover=alert(1)"))
                .doesNotContain("\"onmouseover")
                .contains("href=\"https://x.example/\"");
    }

    @Test
    void shouldShowAnAppPasswordRefusalWithALinkToWhereTokensAreMade() {
        FormValidation shown = FormValidations.of(Message.APP_PASSWORD.problem("ATBB"));

        assertThat(shown.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(shown.renderHtml())
                .contains("<a href=\"https://id.atlassian.com/manage-profile/security/api-tokens\"");
    }
}
