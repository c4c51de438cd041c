package io.jenkins.plugins.bitbucketapitoken.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.plugins.credentials.CredentialsNameProvider;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.Descriptor.FormException;
import hudson.model.Item;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.Secret;
import io.jenkins.plugins.bitbucketapitoken.BitbucketApiTokenConfiguration;
import io.jenkins.plugins.bitbucketapitoken.checkout.BitbucketCheckoutStep;
import io.jenkins.plugins.bitbucketapitoken.core.auth.Channel;
import io.jenkins.plugins.bitbucketapitoken.core.testing.TestSecrets;
import io.jenkins.plugins.bitbucketapitoken.core.testing.fake.FakeBitbucket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
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

        try (JenkinsRule.WebClient web = j.createWebClient()) {
            assertThat(check(j, web, "checkToken", "value", TOKEN)).doesNotContain("error", "warning");
            assertThat(check(j, web, "checkToken", "value", TestSecrets.appPassword(502)))
                    .contains("error")
                    .contains("2026-07-28");
            assertThat(check(j, web, "checkToken", "value", TOKEN.substring(0, 120)))
                    .contains("error");
            assertThat(check(j, web, "checkToken", "value", "something-else")).contains("warning");
        }
        try (JenkinsRule.WebClient web = j.createWebClient()) {
            assertThat(check(j, web, "checkEmail", "value", "jane")).contains("error");
            assertThat(check(j, web, "checkEmail", "value", "jane@example.com")).doesNotContain("error");
            assertThat(check(j, web, "checkGitUsername", "value", "jane@example.com"))
                    .contains("error");
            assertThat(check(j, web, "checkGitUsername", "value", "jane-doe")).doesNotContain("error");
            assertThat(check(j, web, "checkExpiry", "value", "2001-01-01")).contains("error");
            assertThat(check(
                            j,
                            web,
                            "checkExpiry",
                            "value",
                            java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                                    .plusDays(10)
                                    .toString()))
                    .contains("warning");
        }
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
            String works;
            String appPassword;
            try (JenkinsRule.WebClient web = j.createWebClient()) {
                works = check(
                        j,
                        web,
                        "testConnection",
                        "email",
                        "jane@example.com",
                        "token",
                        TOKEN,
                        "testRepository",
                        "acme/widget");
                appPassword = check(
                        j,
                        web,
                        "testConnection",
                        "email",
                        "jane@example.com",
                        "token",
                        TestSecrets.appPassword(503),
                        "testRepository",
                        "acme/widget");
            }

            assertThat(works)
                    .contains("can read acme/widget")
                    .doesNotContain(TOKEN)
                    .doesNotContain("error");
            assertThat(appPassword).contains("error").contains("2026-07-28");
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
    void shouldNotShowErrorsOnAnEmptyFormBeforeAnythingIsTyped(JenkinsRule j) throws Exception {
        try (JenkinsRule.WebClient web = j.createWebClient()) {
            assertThat(check(j, web, "checkEmail", "value", "")).doesNotContain("error", "warning");
            assertThat(check(j, web, "checkToken", "value", "")).doesNotContain("error", "warning");
        }
    }

    @Test
    void shouldNeverClassifyOrSendAForeignCiphertextPostedToTheRoot(JenkinsRule j) throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(credential(null));
        SystemCredentialsProvider.getInstance().save();
        String foreign = Secret.fromString(TestSecrets.appPassword(511)).getEncryptedValue();

        try (FakeBitbucket bitbucket = configuredBitbucket();
                JenkinsRule.WebClient web = j.createWebClient()) {
            String withoutId = check(j, web, "checkToken", "value", foreign);
            String withAnId = check(j, web, "checkToken", "value", foreign, "id", "bb");
            String test = check(
                    j,
                    web,
                    "testConnection",
                    "id",
                    "bb",
                    "email",
                    "jane@example.com",
                    "token",
                    foreign,
                    "testRepository",
                    "acme/widget");

            // Jenkins' own converter would have decrypted it and the check would name an app password
            assertThat(withoutId).doesNotContain("app password").doesNotContain("error");
            assertThat(withAnId).doesNotContain("app password").doesNotContain("error");
            assertThat(test).contains("Enter the token again");
            assertThat(bitbucket.requestLog()).isEmpty();
        }
    }

    @Test
    void shouldNeverTestTheSystemTokensCiphertextForAUserOfOneFolderOrOnHisOwnPage(JenkinsRule j) throws Exception {
        BitbucketApiTokenCredentialsImpl system = credential(null);
        SystemCredentialsProvider.getInstance().getCredentials().add(system);
        SystemCredentialsProvider.getInstance().save();
        Folder team = j.jenkins.createProject(Folder.class, "team");
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ)
                .everywhere()
                .to("alice")
                .grant(Item.READ, CredentialsProvider.CREATE, CredentialsProvider.UPDATE)
                .onItems(team)
                .to("alice"));
        String ciphertext = system.getToken().getEncryptedValue();

        try (FakeBitbucket bitbucket = configuredBitbucket();
                JenkinsRule.WebClient web = j.createWebClient().login("alice")) {
            for (String page : List.of("job/team/", "user/alice/")) {
                String test = post(
                        j,
                        web,
                        page + "descriptorByName/" + BitbucketApiTokenCredentialsImpl.class.getName()
                                + "/testConnection",
                        "id",
                        "bb",
                        "email",
                        "jane@example.com",
                        "token",
                        ciphertext,
                        "testRepository",
                        "acme/private-repo");

                assertThat(test).as(page).contains("Enter the token again").doesNotContain("works");
            }
            assertThat(bitbucket.requestLog()).isEmpty();
        }
    }

    @Test
    void shouldNeverCompareACiphertextWithAnotherUsersPersonalToken(JenkinsRule j) throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(
                        Jenkins.READ,
                        CredentialsProvider.CREATE,
                        CredentialsProvider.UPDATE,
                        CredentialsProvider.USE_OWN)
                .everywhere()
                .toAuthenticated());
        User bob = User.getById("bob", true);
        BitbucketApiTokenCredentialsImpl personal = credential(null);
        try (ACLContext ignored = ACL.as(bob)) {
            CredentialsStore store = userStore(bob);
            store.addCredentials(Domain.global(), personal);
        }
        String ciphertext = personal.getToken().getEncryptedValue();

        try (FakeBitbucket bitbucket = configuredBitbucket()) {
            String byAlice;
            String byBob;
            try (JenkinsRule.WebClient web = j.createWebClient().login("alice")) {
                byAlice = testConnectionOn(j, web, "user/bob/", ciphertext);
            }
            long requestsAfterAlice = bitbucket.requestLog().size();
            try (JenkinsRule.WebClient web = j.createWebClient().login("bob")) {
                byBob = testConnectionOn(j, web, "user/bob/", ciphertext);
            }

            assertThat(byAlice).contains("Enter the token again");
            assertThat(requestsAfterAlice).isZero();
            assertThat(byBob).doesNotContain("Enter the token again").contains("can read acme/widget");
        }
    }

    @Test
    void shouldCheckAndTestTheStoredTokenOfTheCredentialBeingEditedThroughHttp(JenkinsRule j) throws Exception {
        BitbucketApiTokenCredentialsImpl stored = credential(null);
        SystemCredentialsProvider.getInstance().getCredentials().add(stored);
        SystemCredentialsProvider.getInstance().save();
        String asTheFormShowsIt = stored.getToken().getEncryptedValue();

        try (FakeBitbucket bitbucket = configuredBitbucket();
                JenkinsRule.WebClient web = j.createWebClient()) {
            String test = testConnectionOn(j, web, "", asTheFormShowsIt);

            assertThat(test).contains("can read acme/widget").doesNotContain("Enter the token again");
            assertThat(bitbucket.requestCount(Channel.GIT)).isPositive();
        }
    }

    @Test
    void shouldNeverEchoTheDecryptedTextOfACiphertextPostedToAnyCheck(JenkinsRule j) throws Exception {
        BitbucketApiTokenCredentialsImpl system = credential(null);
        SystemCredentialsProvider.getInstance().getCredentials().add(system);
        SystemCredentialsProvider.getInstance().save();
        String ciphertext = system.getToken().getEncryptedValue();
        WorkflowJob job = j.createProject(WorkflowJob.class, "any");
        String step = "job/any/descriptorByName/" + BitbucketCheckoutStep.class.getName() + "/";
        String configuration = "descriptorByName/" + BitbucketApiTokenConfiguration.class.getName() + "/";

        try (JenkinsRule.WebClient web = j.createWebClient()) {
            List<String> answers = List.of(
                    check(j, web, "checkEmail", "value", ciphertext),
                    check(j, web, "checkGitUsername", "value", ciphertext),
                    check(j, web, "checkExpiry", "value", ciphertext),
                    post(j, web, step + "checkRepository", "value", ciphertext),
                    post(j, web, step + "checkUrl", "value", ciphertext),
                    post(j, web, step + "checkBranch", "value", ciphertext),
                    post(j, web, step + "fillCredentialsIdItems", "credentialsId", ciphertext),
                    post(j, web, configuration + "checkApiUrl", "value", ciphertext),
                    post(j, web, configuration + "checkGitUrl", "value", ciphertext));

            assertThat(answers)
                    .allSatisfy(
                            answer -> assertThat(answer).doesNotContain(TOKEN).doesNotContain(TOKEN.substring(0, 40)));
        }
        assertThat(job.getFullName()).isEqualTo("any");
    }

    @Test
    void shouldAnswerAMalformedCiphertextWithAMessageNotAnError500(JenkinsRule j) throws Exception {
        try (JenkinsRule.WebClient web = j.createWebClient()) {
            web.getOptions().setThrowExceptionOnFailingStatusCode(false);
            for (String malformed : List.of("{AQAA}", "{AQ==}", "{AQAAAA==}")) {
                WebRequest request = request(
                        j,
                        "descriptorByName/" + BitbucketApiTokenCredentialsImpl.class.getName() + "/checkToken",
                        "value",
                        malformed);
                web.addCrumb(request);
                Page check = web.getPage(request);
                WebRequest testRequest = request(
                        j,
                        "descriptorByName/" + BitbucketApiTokenCredentialsImpl.class.getName() + "/testConnection",
                        "token",
                        malformed,
                        "email",
                        "jane@example.com");
                web.addCrumb(testRequest);
                Page test = web.getPage(testRequest);

                assertThat(check.getWebResponse().getStatusCode()).as(malformed).isEqualTo(200);
                assertThat(check.getWebResponse().getContentAsString()).contains("cannot read it");
                assertThat(test.getWebResponse().getStatusCode()).as(malformed).isEqualTo(200);
                assertThat(test.getWebResponse().getContentAsString()).contains("cannot read it");
            }
        }
    }

    private static FakeBitbucket configuredBitbucket() {
        FakeBitbucket bitbucket = FakeBitbucket.start()
                .addAccount("jane@example.com", "jane-doe")
                .addApiToken("jane@example.com", TOKEN, FakeBitbucket.ALL_SCOPES, Optional.empty());
        bitbucket.addRepository("acme", "widget");
        bitbucket.addRepository("acme", "private-repo");
        BitbucketApiTokenConfiguration.get()
                .setApiUrl(bitbucket.endpoints().apiUrl().toString());
        BitbucketApiTokenConfiguration.get()
                .setGitUrl(bitbucket.endpoints().gitUrl().toString());
        return bitbucket;
    }

    private static CredentialsStore userStore(User user) {
        for (CredentialsStore store : CredentialsProvider.lookupStores(user)) {
            if (store.getContext() == user) {
                return store;
            }
        }
        throw new AssertionError("no store for " + user.getId());
    }

    private static String testConnectionOn(JenkinsRule j, JenkinsRule.WebClient web, String page, String token)
            throws Exception {
        return post(
                j,
                web,
                page + "descriptorByName/" + BitbucketApiTokenCredentialsImpl.class.getName() + "/testConnection",
                "id",
                "bb",
                "email",
                "jane@example.com",
                "token",
                token,
                "testRepository",
                "acme/widget");
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
        return post(
                rule,
                web,
                "descriptorByName/" + BitbucketApiTokenCredentialsImpl.class.getName() + "/" + method,
                parameters);
    }

    /** Posts form parameters to a path below the root as the browser does (crumb included); returns the answer. */
    private static String post(JenkinsRule rule, JenkinsRule.WebClient web, String path, String... parameters)
            throws Exception {
        WebRequest request = request(rule, path, parameters);
        web.addCrumb(request);
        web.getOptions().setThrowExceptionOnFailingStatusCode(false);
        var response = web.getPage(request).getWebResponse();
        return response.getStatusCode() == 200
                ? response.getContentAsString()
                : "HTTP " + response.getStatusCode() + ": " + response.getContentAsString();
    }

    private static WebRequest request(JenkinsRule rule, String path, String... parameters) throws Exception {
        WebRequest request = new WebRequest(new URL(rule.getURL(), path), HttpMethod.POST);
        List<NameValuePair> pairs = new java.util.ArrayList<>();
        for (int i = 0; i < parameters.length; i += 2) {
            pairs.add(new NameValuePair(parameters[i], parameters[i + 1]));
        }
        request.setRequestParameters(pairs);
        return request;
    }
}
