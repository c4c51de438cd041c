package io.jenkins.plugins.bitbucketapitoken.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.plugins.credentials.CredentialsNameProvider;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.Descriptor.FormException;
import hudson.util.FormValidation;
import hudson.util.Secret;
import io.jenkins.plugins.bitbucketapitoken.BitbucketApiTokenConfiguration;
import io.jenkins.plugins.bitbucketapitoken.core.auth.Channel;
import io.jenkins.plugins.bitbucketapitoken.core.testing.TestSecrets;
import io.jenkins.plugins.bitbucketapitoken.core.testing.fake.FakeBitbucket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import net.sf.json.JSONObject;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.NameValuePair;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class BitbucketApiTokenCredentialsImplTest {

    private static final String TOKEN = TestSecrets.apiToken(501);

    private static BitbucketApiTokenCredentialsImpl credential(String gitUsername) throws FormException {
        BitbucketApiTokenCredentialsImpl c = new BitbucketApiTokenCredentialsImpl(
                CredentialsScope.GLOBAL, "bb", "CI bot", "jane@example.com", Secret.fromString(TOKEN));
        c.setGitUsername(gitUsername);
        c.setExpiry("2027-06-30");
        return c;
    }

    @Test
    void shouldPresentTheGitUsernameAndTheTokenToEveryGitConsumer(JenkinsRule j) throws Exception {
        StandardUsernamePasswordCredentials asGitSeesIt = credential(null);

        assertThat(asGitSeesIt.getUsername()).isEqualTo("x-bitbucket-api-token-auth");
        assertThat(asGitSeesIt.getPassword().getPlainText()).isEqualTo(TOKEN);
        assertThat(asGitSeesIt.isUsernameSecret()).isFalse();
        assertThat(credential("jane-doe").getUsername()).isEqualTo("jane-doe");
        assertThat(credential("jane-doe").getEmail()).isEqualTo("jane@example.com");
    }

    @Test
    void shouldRemoveWhitespaceThatPastingAdded(JenkinsRule j) throws Exception {
        BitbucketApiTokenCredentialsImpl c = new BitbucketApiTokenCredentialsImpl(
                CredentialsScope.GLOBAL, "bb", null, " jane@example.com ", Secret.fromString(" " + TOKEN + "\n"));

        assertThat(c.getToken().getPlainText()).isEqualTo(TOKEN);
        assertThat(c.getEmail()).isEqualTo("jane@example.com");
    }

    @Test
    void shouldBeNamedByItsEmailAndNeverShowTheToken(JenkinsRule j) throws Exception {
        String name = CredentialsNameProvider.name(credential(null));

        assertThat(name).isEqualTo("jane@example.com (Bitbucket API token bb) (CI bot)");
        assertThat(credential(null).toString()).doesNotContain(TOKEN);
    }

    @Test
    void shouldSurviveASaveAndReloadWithTheTokenEncryptedOnDisk(JenkinsRule j) throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(credential("jane-doe"));
        SystemCredentialsProvider.getInstance().save();

        String onDisk =
                Files.readString(Path.of(j.jenkins.getRootDir().getPath(), "credentials.xml"), StandardCharsets.UTF_8);
        SystemCredentialsProvider reloaded = (SystemCredentialsProvider)
                SystemCredentialsProvider.getConfigFile().read();
        List<BitbucketApiTokenCredentials> loaded = reloaded.getCredentials().stream()
                .filter(BitbucketApiTokenCredentials.class::isInstance)
                .map(BitbucketApiTokenCredentials.class::cast)
                .toList();

        assertThat(onDisk).contains("jane@example.com").doesNotContain(TOKEN);
        assertThat(loaded).singleElement().satisfies(c -> {
            assertThat(c.getToken().getPlainText()).isEqualTo(TOKEN);
            assertThat(c.getUsername()).isEqualTo("jane-doe");
            assertThat(c.getExpiry()).isEqualTo("2027-06-30");
        });
        j.assertEqualDataBoundBeans(credential("jane-doe"), loaded.get(0));
    }

    @Test
    void shouldKeepItsTypeWhenSnapshottedForAnAgent(JenkinsRule j) throws Exception {
        BitbucketApiTokenCredentialsImpl c = credential("jane-doe");

        StandardUsernamePasswordCredentials snapshot =
                CredentialsProvider.snapshot(StandardUsernamePasswordCredentials.class, c);

        assertThat(snapshot).isInstanceOf(BitbucketApiTokenCredentials.class);
        assertThat(((BitbucketApiTokenCredentials) snapshot).getEmail()).isEqualTo("jane@example.com");
        assertThat(snapshot.getUsername()).isEqualTo("jane-doe");
    }

    @Test
    void shouldCheckEachFieldThroughCore(JenkinsRule j) throws Exception {
        BitbucketApiTokenCredentialsImpl.DescriptorImpl d =
                j.jenkins.getDescriptorByType(BitbucketApiTokenCredentialsImpl.DescriptorImpl.class);

        assertThat(d.doCheckToken(null, TOKEN, null).kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(d.doCheckToken(null, Secret.fromString(TOKEN).getEncryptedValue(), null).kind)
                .isEqualTo(FormValidation.Kind.OK);
        FormValidation appPassword = d.doCheckToken(null, TestSecrets.appPassword(502), null);
        assertThat(appPassword.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(appPassword.getMessage()).contains("2026-07-28");
        assertThat(d.doCheckToken(null, TOKEN.substring(0, 120), null).kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(d.doCheckToken(null, "something-else", null).kind).isEqualTo(FormValidation.Kind.WARNING);
        assertThat(d.doCheckEmail("jane").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(d.doCheckEmail("jane@example.com").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(d.doCheckGitUsername("jane@example.com").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(d.doCheckGitUsername("jane-doe").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(d.doCheckExpiry("2001-01-01").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(d.doCheckExpiry(java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                                .plusDays(10)
                                .toString())
                        .kind)
                .isEqualTo(FormValidation.Kind.WARNING);
    }

    @Test
    void shouldTestTheConnectionOnBothChannelsAgainstTheConfiguredBitbucket(JenkinsRule j) throws Exception {
        try (FakeBitbucket bitbucket = FakeBitbucket.start()
                .addAccount("jane@example.com", "jane-doe")
                .addApiToken("jane@example.com", TOKEN, FakeBitbucket.ALL_SCOPES, Optional.empty())) {
            bitbucket.addRepository("acme", "widget");
            BitbucketApiTokenConfiguration.get()
                    .setApiUrl(bitbucket.endpoints().apiUrl().toString());
            BitbucketApiTokenConfiguration.get()
                    .setGitUrl(bitbucket.endpoints().gitUrl().toString());
            BitbucketApiTokenCredentialsImpl.DescriptorImpl d =
                    j.jenkins.getDescriptorByType(BitbucketApiTokenCredentialsImpl.DescriptorImpl.class);

            FormValidation works = d.doTestConnection(null, null, "jane@example.com", TOKEN, "", "acme/widget");
            FormValidation appPassword =
                    d.doTestConnection(null, null, "jane@example.com", TestSecrets.appPassword(503), "", "acme/widget");

            assertThat(works.kind).isEqualTo(FormValidation.Kind.OK);
            assertThat(works.renderHtml()).contains("can read acme/widget").doesNotContain(TOKEN);
            assertThat(appPassword.kind).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(appPassword.renderHtml()).contains("2026-07-28");
        }
    }

    @Test
    void shouldBeListedUnderItsOwnName(JenkinsRule j) throws Exception {
        assertThat(j.jenkins
                        .getDescriptorByType(BitbucketApiTokenCredentialsImpl.DescriptorImpl.class)
                        .getDisplayName())
                .isEqualTo("Bitbucket API token");
        assertThat(Domain.global()).isNotNull();
    }

    @Test
    void shouldRefuseAnAppPasswordWhateverCreatesTheCredential(JenkinsRule j) {
        assertThatThrownBy(() -> new BitbucketApiTokenCredentialsImpl(
                        CredentialsScope.GLOBAL,
                        "bb",
                        null,
                        "jane@example.com",
                        Secret.fromString(TestSecrets.appPassword(510))))
                .isInstanceOf(FormException.class)
                .hasMessageContaining("2026-07-28")
                .satisfies(e -> assertThat(((FormException) e).getFormField()).isEqualTo("token"))
                .hasMessageNotContaining(TestSecrets.appPassword(510));
    }

    @Test
    void shouldRefuseADamagedTokenWhateverCreatesTheCredential(JenkinsRule j) {
        assertThatThrownBy(() -> new BitbucketApiTokenCredentialsImpl(
                        CredentialsScope.GLOBAL,
                        "bb",
                        null,
                        "jane@example.com",
                        Secret.fromString(TOKEN.substring(0, 150))))
                .isInstanceOf(FormException.class)
                .satisfies(e -> assertThat(((FormException) e).getFormField()).isEqualTo("token"));
    }

    @Test
    void shouldRefuseAMissingEmailWhateverCreatesTheCredential(JenkinsRule j) {
        assertThatThrownBy(() -> new BitbucketApiTokenCredentialsImpl(
                        CredentialsScope.GLOBAL, "bb", null, " ", Secret.fromString(TOKEN)))
                .isInstanceOf(FormException.class)
                .satisfies(e -> assertThat(((FormException) e).getFormField()).isEqualTo("email"));
    }

    @Test
    void shouldRefuseAnEmailAsGitUsernameFromAScriptOrJcasc(JenkinsRule j) throws Exception {
        BitbucketApiTokenCredentialsImpl c = credential(null);

        assertThatThrownBy(() -> c.setGitUsername("jane@example.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jane@example.com");
        assertThat(c.getUsername()).isEqualTo("x-bitbucket-api-token-auth");
    }

    @Test
    void shouldNotShowErrorsOnAnEmptyFormBeforeAnythingIsTyped(JenkinsRule j) {
        BitbucketApiTokenCredentialsImpl.DescriptorImpl d =
                j.jenkins.getDescriptorByType(BitbucketApiTokenCredentialsImpl.DescriptorImpl.class);

        assertThat(d.doCheckEmail("").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(d.doCheckToken(null, "", null).kind).isEqualTo(FormValidation.Kind.OK);
    }

    @Test
    void shouldNeverDecryptAnotherCredentialsCiphertextSentToTheChecks(JenkinsRule j) throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(credential(null));
        SystemCredentialsProvider.getInstance().save();
        String foreign = Secret.fromString(TestSecrets.appPassword(511)).getEncryptedValue();
        BitbucketApiTokenCredentialsImpl.DescriptorImpl d =
                j.jenkins.getDescriptorByType(BitbucketApiTokenCredentialsImpl.DescriptorImpl.class);

        FormValidation check = d.doCheckToken(j.jenkins, foreign, "bb");
        FormValidation test = d.doTestConnection(j.jenkins, "bb", "jane@example.com", foreign, "", "acme/widget");

        assertThat(check.kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(check.renderHtml()).doesNotContain("app password");
        assertThat(test.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(test.renderHtml()).contains("Enter the token again");
    }

    @Test
    void shouldCheckTheStoredTokenOfTheCredentialBeingEdited(JenkinsRule j) throws Exception {
        BitbucketApiTokenCredentialsImpl stored = credential(null);
        SystemCredentialsProvider.getInstance().getCredentials().add(stored);
        SystemCredentialsProvider.getInstance().save();
        try (FakeBitbucket bitbucket = FakeBitbucket.start()
                .addAccount("jane@example.com", "jane-doe")
                .addApiToken("jane@example.com", TOKEN, FakeBitbucket.ALL_SCOPES, Optional.empty())) {
            bitbucket.addRepository("acme", "widget");
            BitbucketApiTokenConfiguration.get()
                    .setApiUrl(bitbucket.endpoints().apiUrl().toString());
            BitbucketApiTokenConfiguration.get()
                    .setGitUrl(bitbucket.endpoints().gitUrl().toString());
            BitbucketApiTokenCredentialsImpl.DescriptorImpl d =
                    j.jenkins.getDescriptorByType(BitbucketApiTokenCredentialsImpl.DescriptorImpl.class);
            String asTheFormShowsIt = stored.getToken().getEncryptedValue();

            FormValidation test =
                    d.doTestConnection(j.jenkins, "bb", "jane@example.com", asTheFormShowsIt, "", "acme/widget");

            assertThat(test.kind).isEqualTo(FormValidation.Kind.OK);
            assertThat(bitbucket.requestCount(Channel.GIT)).isPositive();
        }
    }

    @Test
    void shouldShowInlineMessagesForAnAppPasswordADamagedTokenAndAnEmailAsGitUsername(JenkinsRule j) throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(credential(null));
        SystemCredentialsProvider.getInstance().save();
        try (JenkinsRule.WebClient web = j.createWebClient()) {
            // the dialog is a fragment the credentials page loads into itself; its scripts need that page
            web.getOptions().setJavaScriptEnabled(false);
            HtmlPage dialog = web.goTo("manage/credentials/store/system/domain/_/credential/bb/updateDialog");
            HtmlForm form = dialog.getFormByName("updateCredentials");
            assertThat(form.getInputByName("_.token").getAttribute("checkUrl")).contains("checkToken");
            assertThat(form.getInputByName("_.gitUsername").getAttribute("checkUrl"))
                    .contains("checkGitUsername");

            String appPassword = check(j, web, "checkToken", "value", TestSecrets.appPassword(512), "id", "bb");
            String damaged = check(j, web, "checkToken", "value", TOKEN.substring(0, 150), "id", "bb");
            String emailAsGitUsername = check(j, web, "checkGitUsername", "value", "jane@example.com");

            assertThat(appPassword)
                    .contains("error")
                    .contains("app password")
                    .contains("2026-07-28")
                    .doesNotContain(TestSecrets.appPassword(512));
            assertThat(damaged).contains("error");
            assertThat(emailAsGitUsername).contains("error").contains("jane@example.com");
        }
    }

    @Test
    void shouldRefuseToSaveAnAppPasswordThroughTheFormAndKeepTheStoredToken(JenkinsRule j) throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(credential(null));
        SystemCredentialsProvider.getInstance().save();
        JSONObject submitted = new JSONObject()
                .element("stapler-class", BitbucketApiTokenCredentialsImpl.class.getName())
                .element("scope", "GLOBAL")
                .element("id", "bb")
                .element("description", "")
                .element("email", "jane@example.com")
                .element("token", TestSecrets.appPassword(513))
                .element("gitUsername", "")
                .element("expiry", "");
        try (JenkinsRule.WebClient web = j.createWebClient()) {
            web.getOptions().setThrowExceptionOnFailingStatusCode(false);
            WebRequest request = new WebRequest(
                    new URL(j.getURL(), "manage/credentials/store/system/domain/_/credential/bb/updateSubmit"),
                    HttpMethod.POST);
            request.setRequestParameters(List.of(new NameValuePair("json", submitted.toString())));
            web.addCrumb(request);

            Page answer = web.getPage(request);

            assertThat(answer.getWebResponse().getStatusCode()).isGreaterThanOrEqualTo(400);
            assertThat(answer.getWebResponse().getContentAsString())
                    .contains("app password")
                    .doesNotContain(TestSecrets.appPassword(513));
        }
        BitbucketApiTokenCredentials kept = (BitbucketApiTokenCredentials)
                SystemCredentialsProvider.getInstance().getCredentials().get(0);
        assertThat(kept.getToken().getPlainText()).isEqualTo(TOKEN);
    }

    /** Calls a form check of the credential type as the browser does (POST, crumb) and returns its HTML. */
    private static String check(JenkinsRule rule, JenkinsRule.WebClient web, String method, String... parameters)
            throws Exception {
        WebRequest request = new WebRequest(
                new URL(
                        rule.getURL(),
                        "descriptorByName/" + BitbucketApiTokenCredentialsImpl.class.getName() + "/" + method),
                HttpMethod.POST);
        List<NameValuePair> pairs = new java.util.ArrayList<>();
        for (int i = 0; i < parameters.length; i += 2) {
            pairs.add(new NameValuePair(parameters[i], parameters[i + 1]));
        }
        request.setRequestParameters(pairs);
        web.addCrumb(request);
        return web.getPage(request).getWebResponse().getContentAsString();
    }
}
