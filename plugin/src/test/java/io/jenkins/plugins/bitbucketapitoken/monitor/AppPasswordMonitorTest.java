package io.jenkins.plugins.bitbucketapitoken.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.hudson.plugins.folder.properties.FolderCredentialsProvider;
import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.cloudbees.plugins.credentials.domains.DomainCredentials;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.User;
import hudson.security.ACL;
import hudson.util.Secret;
import io.jenkins.plugins.bitbucketapitoken.core.testing.TestSecrets;
import io.jenkins.plugins.bitbucketapitoken.credentials.BitbucketApiTokenCredentials;
import io.jenkins.plugins.bitbucketapitoken.credentials.BitbucketApiTokenCredentialsImpl;
import java.net.URL;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.springframework.security.access.AccessDeniedException;

@WithJenkins
class AppPasswordMonitorTest {

    private static final String APP_PASSWORD = TestSecrets.appPassword(1001);
    private static final String TOKEN = TestSecrets.apiToken(1002);

    private JenkinsRule j;
    private WorkflowJob legacyJob;

    @BeforeEach
    void addAnAppPasswordAndAJobThatUsesIt(JenkinsRule rule) throws Exception {
        j = rule;
        SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new UsernamePasswordCredentialsImpl(
                        CredentialsScope.GLOBAL, "legacy", "old bot", "jane-doe", APP_PASSWORD));
        SystemCredentialsProvider.getInstance().save();
        Folder team = j.jenkins.createProject(Folder.class, "team");
        legacyJob = team.createProject(WorkflowJob.class, "build");
        legacyJob.setDefinition(new CpsFlowDefinition(
                "node { git url: 'https://bitbucket.org/acme/widget.git', credentialsId: 'legacy' }", true));
        legacyJob.save();
        j.createProject(WorkflowJob.class, "unrelated").setDefinition(new CpsFlowDefinition("echo 'hi'", true));
        AppPasswordIndex.get().rebuild();
    }

    private static AppPasswordMonitor monitor() {
        return Jenkins.get().getExtensionList(AppPasswordMonitor.class).get(0);
    }

    @Test
    void shouldActivateAndListTheJobsThatUseAnAppPassword() {
        AppPasswordMonitor monitor = monitor();

        assertThat(monitor.isActivated()).isTrue();
        assertThat(monitor.getFreshSummary().items()).containsExactly("team/build");
        assertThat(monitor.getHeadline().message()).contains("2026-07-28").contains("Jobs on app passwords: 1;");
        assertThat(monitor.isDanger()).isTrue();
    }

    @Test
    void shouldFollowARenameAndADeleteWithoutARescan() throws Exception {
        legacyJob.renameTo("build-old");

        assertThat(monitor().getFreshSummary().items()).containsExactly("team/build-old");

        legacyJob.delete();

        assertThat(monitor().getFreshSummary().items()).isEmpty();
    }

    @Test
    void shouldExportCsvAndJsonWithoutSecrets() {
        String csv = io.jenkins.plugins.bitbucketapitoken.core.monitor.AppPasswordSummaryExport.toCsv(
                monitor().getFreshSummary());
        String json = io.jenkins.plugins.bitbucketapitoken.core.monitor.AppPasswordSummaryExport.toJson(
                monitor().getFreshSummary());

        assertThat(csv).contains("team/build,legacy,system,APP_PASSWORD").doesNotContain(APP_PASSWORD);
        assertThat(json).contains("\"team/build\"").doesNotContain(APP_PASSWORD);
    }

    @Test
    void shouldReplaceTheCredentialInPlaceKeepingItsIdAndTheJobUntouched() throws Exception {
        String jobConfigBefore = legacyJob.getConfigFile().asString();

        try (var ignored = ACL.as2(ACL.SYSTEM2)) {
            monitor()
                    .doMigrate(
                            "system",
                            "legacy",
                            "jane@example.com",
                            TOKEN,
                            "jane-doe",
                            "",
                            monitor().fingerprint("system", "legacy"),
                            false);
        }

        List<StandardUsernamePasswordCredentials> found = CredentialsProvider.lookupCredentialsInItem(
                StandardUsernamePasswordCredentials.class, legacyJob, ACL.SYSTEM2, List.of());
        assertThat(found).singleElement().satisfies(c -> {
            assertThat(c.getId()).isEqualTo("legacy");
            assertThat(c).isInstanceOf(BitbucketApiTokenCredentials.class);
            assertThat(c.getDescription()).isEqualTo("old bot");
            assertThat(c.getUsername()).isEqualTo("jane-doe");
            assertThat(((BitbucketApiTokenCredentials) c).getEmail()).isEqualTo("jane@example.com");
        });
        assertThat(legacyJob.getConfigFile().asString()).isEqualTo(jobConfigBefore);
        assertThat(monitor().isActivated()).isFalse();
    }

    @Test
    void shouldKeepTheFormWithTheMessageWhenTheReplacementIsNotAnApiTokenAndChangeNothing() throws Exception {
        try (JenkinsRule.WebClient web = j.createWebClient()) {
            HtmlPage form = web.goTo("administrativeMonitor/bitbucketAppPasswords/replace?store=system&id=legacy");
            HtmlForm migrate = form.getFormByName("migrate");
            migrate.getInputByName("email").setValue("jane@example.com");
            migrate.getInputByName("token").setValue(APP_PASSWORD);

            HtmlPage after = j.submit(migrate);

            assertThat(after.getElementById("refusal").asNormalizedText()).contains("app password");
            assertThat(after.getFormByName("migrate").getInputByName("email").getValue())
                    .isEqualTo("jane@example.com");
            assertThat(after.getFormByName("migrate").getInputByName("token").getValue())
                    .isEmpty();
            assertThat(after.asXml()).doesNotContain(APP_PASSWORD);
        }

        List<Credentials> stored = SystemCredentialsProvider.getInstance().getCredentials();
        assertThat(stored).singleElement().isInstanceOf(UsernamePasswordCredentialsImpl.class);
        assertThat(monitor().isActivated()).isTrue();
    }

    @Test
    void shouldComeBackWhenDismissedInAnEarlierPhase() throws Exception {
        AppPasswordMonitor monitor = monitor();
        Jenkins.get().setDisabledAdministrativeMonitors(new HashSet<>(Set.of("bitbucketAppPasswords@BROWNOUT")));
        assertThat(Jenkins.get().getDisabledAdministrativeMonitors()).contains("bitbucketAppPasswords@BROWNOUT");

        assertThat(monitor.isEnabled()).isTrue();

        monitor.disable(true);

        assertThat(monitor.isEnabled()).isFalse();
        assertThat(Jenkins.get().getDisabledAdministrativeMonitors()).contains("bitbucketAppPasswords@REMOVED");
    }

    @Test
    void shouldWarnAboutApiTokensThatExpireSoon() throws Exception {
        BitbucketApiTokenCredentialsImpl soon = new BitbucketApiTokenCredentialsImpl(
                CredentialsScope.GLOBAL, "soon", null, "jane@example.com", Secret.fromString(TOKEN));
        soon.setExpiry(LocalDate.now(ZoneOffset.UTC).plusDays(10).toString());
        SystemCredentialsProvider.getInstance().getCredentials().add(soon);
        SystemCredentialsProvider.getInstance().save();
        AppPasswordIndex.get().settle();

        ExpiringTokenMonitor expiry =
                Jenkins.get().getExtensionList(ExpiringTokenMonitor.class).get(0);

        assertThat(expiry.isActivated()).isTrue();
        assertThat(expiry.getExpiring().tokens())
                .singleElement()
                .satisfies(t -> assertThat(t.id()).isEqualTo("soon"));
    }

    @Test
    void shouldShowTheBannerWithItsTextOnManageJenkins() throws Exception {
        try (JenkinsRule.WebClient web = j.createWebClient()) {
            HtmlPage manage = web.goTo("manage/");

            String text = manage.asNormalizedText();
            assertThat(text)
                    .contains("Bitbucket removed app passwords on 2026-07-28")
                    .contains("Jobs on app passwords: 1;")
                    .contains("Review and replace");
            assertThat(manage.getAnchorByText("Review and replace").getHrefAttribute())
                    .endsWith("administrativeMonitor/bitbucketAppPasswords/");
        }
    }

    @Test
    void shouldListJobsWithLinksAndExportThemFromThePage() throws Exception {
        try (JenkinsRule.WebClient web = j.createWebClient()) {
            HtmlPage page = web.goTo("administrativeMonitor/bitbucketAppPasswords/");
            Page csv = web.goTo("administrativeMonitor/bitbucketAppPasswords/csv", "text/csv");
            Page json = web.goTo("administrativeMonitor/bitbucketAppPasswords/json", "application/json");

            assertThat(page.getAnchorByText("team/build").getHrefAttribute()).endsWith("job/team/job/build/");
            assertThat(page.asNormalizedText()).contains("legacy").doesNotContain(APP_PASSWORD);
            assertThat(csv.getWebResponse().getContentAsString()).contains("team/build,legacy");
            assertThat(json.getWebResponse().getResponseHeaderValue("Content-Disposition"))
                    .contains("attachment");
            assertThat(json.getWebResponse().getContentAsString())
                    .contains("\"team/build\"")
                    .doesNotContain(APP_PASSWORD);
        }
    }

    @Test
    void shouldShowEachUseWithItsChannelAndRefuseABreakingReplacementUntilConfirmed() throws Exception {
        WorkflowJob report = j.createProject(WorkflowJob.class, "api-report");
        report.setDefinition(new CpsFlowDefinition(
                "withCredentials([usernamePassword(credentialsId: 'legacy', usernameVariable: 'BB_USER',"
                        + " passwordVariable: 'BB_PASS')]) {\n"
                        + "  sh 'curl -u \"$BB_USER:$BB_PASS\" https://api.bitbucket.org/2.0/repositories/acme'\n}",
                true));
        report.save();
        AppPasswordIndex.get().settle();

        try (JenkinsRule.WebClient web = j.createWebClient()) {
            HtmlPage form = web.goTo("administrativeMonitor/bitbucketAppPasswords/replace?store=system&id=legacy");

            String impact = form.getElementById("impact").asNormalizedText();
            assertThat(impact)
                    .contains("team/build\tGit\tKeeps working: Git gets the Git username.")
                    .contains("api-report\tREST API through a binding\tBreaks:")
                    .contains("bitbucketApiToken(credentialsId: 'legacy', emailVariable: 'BB_USER', tokenVariable:"
                            + " 'BB_PASS')");
            HtmlForm migrate = form.getFormByName("migrate");
            migrate.getInputByName("email").setValue("jane@example.com");
            migrate.getInputByName("token").setValue(TOKEN);

            HtmlPage refused = j.submit(migrate);

            assertThat(refused.getElementById("refusal").asNormalizedText())
                    .contains("Replacing legacy in place would break api-report");
            assertThat(SystemCredentialsProvider.getInstance().getCredentials())
                    .singleElement()
                    .isInstanceOf(UsernamePasswordCredentialsImpl.class);

            HtmlForm again = refused.getFormByName("migrate");
            again.getInputByName("token").setValue(TOKEN);
            again.getInputByName("confirmBreaking").setChecked(true);
            j.submit(again);
        }
        assertThat(SystemCredentialsProvider.getInstance().getCredentials())
                .singleElement()
                .isInstanceOf(BitbucketApiTokenCredentials.class);
    }

    @Test
    void shouldReplaceACredentialThroughTheFormEndToEnd() throws Exception {
        try (JenkinsRule.WebClient web = j.createWebClient()) {
            HtmlPage page = web.goTo("administrativeMonitor/bitbucketAppPasswords/");
            HtmlPage form = page.getAnchorByText("Replace with an API token").click();
            HtmlForm migrate = form.getFormByName("migrate");
            migrate.getInputByName("email").setValue("jane@example.com");
            migrate.getInputByName("token").setValue(TOKEN);

            HtmlPage after = j.submit(migrate);

            assertThat(after.asNormalizedText()).contains("No job uses an app password");
        }
        Credentials replaced =
                SystemCredentialsProvider.getInstance().getCredentials().get(0);
        assertThat(replaced).isInstanceOf(BitbucketApiTokenCredentials.class);
        assertThat(((BitbucketApiTokenCredentials) replaced).getId()).isEqualTo("legacy");
        assertThat(monitor().isActivated()).isFalse();
    }

    @Test
    void shouldRefuseTheMigrationToAUserWhoMayUpdateCredentialsButNotAdministerJenkins() throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, CredentialsProvider.VIEW, CredentialsProvider.UPDATE)
                .everywhere()
                .to("bob"));

        try (var ignored = ACL.as2(User.getById("bob", true).impersonate2())) {
            assertThatThrownBy(
                            () -> monitor().doMigrate("system", "legacy", "jane@example.com", TOKEN, "", "", "", false))
                    .isInstanceOf(AccessDeniedException.class);
        }
        // the same request as a browser sends it, with the fingerprint the page would show
        String fingerprint = monitor().fingerprint("system", "legacy");
        int status;
        try (JenkinsRule.WebClient web = j.createWebClient().login("bob")) {
            web.getOptions().setThrowExceptionOnFailingStatusCode(false);
            WebRequest request = new WebRequest(
                    new URL(j.getURL(), "administrativeMonitor/bitbucketAppPasswords/migrate"), HttpMethod.POST);
            request.setRequestParameters(List.of(
                    new NameValuePair("store", "system"),
                    new NameValuePair("id", "legacy"),
                    new NameValuePair("email", "jane@example.com"),
                    new NameValuePair("token", TOKEN),
                    new NameValuePair("fingerprint", fingerprint)));
            web.addCrumb(request);
            status = web.getPage(request).getWebResponse().getStatusCode();
        }

        assertThat(status).isEqualTo(403);
        assertThat(SystemCredentialsProvider.getInstance().getCredentials())
                .singleElement()
                .isInstanceOf(UsernamePasswordCredentialsImpl.class);
    }

    @Test
    void shouldRefuseAReplacementWhenTheCredentialChangedSinceThePageShowedIt() throws Exception {
        try (JenkinsRule.WebClient web = j.createWebClient()) {
            HtmlPage form = web.goTo("administrativeMonitor/bitbucketAppPasswords/replace?store=system&id=legacy");
            // meanwhile another administrator puts a new app password into the credential
            UsernamePasswordCredentialsImpl edited = new UsernamePasswordCredentialsImpl(
                    CredentialsScope.GLOBAL, "legacy", "edited", "john-doe", TestSecrets.appPassword(1004));
            SystemCredentialsProvider.StoreImpl store = new SystemCredentialsProvider.StoreImpl();
            assertThat(store.updateCredentials(
                            Domain.global(),
                            SystemCredentialsProvider.getInstance()
                                    .getCredentials()
                                    .get(0),
                            edited))
                    .isTrue();
            HtmlForm migrate = form.getFormByName("migrate");
            migrate.getInputByName("email").setValue("jane@example.com");
            migrate.getInputByName("token").setValue(TOKEN);

            HtmlPage refused = j.submit(migrate);

            assertThat(refused.getElementById("refusal").asNormalizedText())
                    .contains("was changed or removed since this page showed it")
                    .contains("Reload the page");
            assertThat(SystemCredentialsProvider.getInstance().getCredentials())
                    .singleElement()
                    .satisfies(c -> assertThat(((UsernamePasswordCredentialsImpl) c).getUsername())
                            .isEqualTo("john-doe"));

            HtmlForm again = web.goTo("administrativeMonitor/bitbucketAppPasswords/replace?store=system&id=legacy")
                    .getFormByName("migrate");
            again.getInputByName("email").setValue("jane@example.com");
            again.getInputByName("token").setValue(TOKEN);
            j.submit(again);
        }
        assertThat(SystemCredentialsProvider.getInstance().getCredentials())
                .singleElement()
                .isInstanceOf(BitbucketApiTokenCredentials.class);
    }

    @Test
    void shouldRefuseAReplacementWhenTheCredentialWasRemovedInBetween() throws Exception {
        try (JenkinsRule.WebClient web = j.createWebClient()) {
            HtmlPage form = web.goTo("administrativeMonitor/bitbucketAppPasswords/replace?store=system&id=legacy");
            SystemCredentialsProvider.getInstance().getCredentials().clear();
            SystemCredentialsProvider.getInstance().save();
            HtmlForm migrate = form.getFormByName("migrate");
            migrate.getInputByName("email").setValue("jane@example.com");
            migrate.getInputByName("token").setValue(TOKEN);

            HtmlPage refused = j.submit(migrate);

            assertThat(refused.getElementById("refusal").asNormalizedText())
                    .contains("was changed or removed since this page showed it");
        }
        assertThat(SystemCredentialsProvider.getInstance().getCredentials()).isEmpty();
    }

    @Test
    void shouldNeitherRecordMadeUpIdsNorMarkACredentialTheJobCannotSeeAsFailed() throws Exception {
        SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new UsernamePasswordCredentialsImpl(
                        CredentialsScope.SYSTEM, "admin-only", null, "jane-doe", TestSecrets.appPassword(1005)));
        SystemCredentialsProvider.getInstance().save();
        AppPasswordIndex.get().settle();
        WorkflowJob sandboxed = j.createProject(WorkflowJob.class, "made-up");
        sandboxed.setDefinition(new CpsFlowDefinition("""
                node {
                  for (id in ['admin-only'] + (0..<200).collect { "made-up-${it}" }) {
                    try {
                      bitbucketCheckout repository: 'acme/widget', credentialsId: id
                    } catch (e) {
                      echo "refused ${id}"
                    }
                  }
                }
                """, true));

        WorkflowRun run = j.buildAndAssertSuccess(sandboxed);

        j.assertLogContains("refused made-up-199", run);
        assertThat(AppPasswordIndex.get().usage().size()).isZero();
        try (JenkinsRule.WebClient web = j.createWebClient()) {
            HtmlPage page = web.goTo("administrativeMonitor/bitbucketAppPasswords/");
            assertThat(page.asNormalizedText()).contains("admin-only").doesNotContain("refused before checkout");
        }
    }

    @Test
    void shouldRecordAFailureUnderTheStoreThatHoldsTheCredential() throws Exception {
        WorkflowJob checkout = j.createProject(WorkflowJob.class, "checkout");
        checkout.setDefinition(new CpsFlowDefinition(
                "node { bitbucketCheckout repository: 'acme/widget', credentialsId: 'legacy' }", true));

        j.buildAndAssertStatus(hudson.model.Result.FAILURE, checkout);

        try (JenkinsRule.WebClient web = j.createWebClient()) {
            HtmlPage page = web.goTo("administrativeMonitor/bitbucketAppPasswords/");
            assertThat(page.asNormalizedText()).contains("refused before checkout");
        }
    }

    @Test
    void shouldDefuseCellsASpreadsheetWouldRunInTheCsvExport() throws Exception {
        UsernamePasswordCredentialsImpl hostile = new UsernamePasswordCredentialsImpl(
                CredentialsScope.GLOBAL, "hostile", null, "\t=HYPERLINK(\"https://evil.example.com\")", APP_PASSWORD);
        hostile.setUsernameSecret(false);
        SystemCredentialsProvider.getInstance().getCredentials().add(hostile);
        SystemCredentialsProvider.getInstance().save();
        legacyJob.setDefinition(new CpsFlowDefinition(
                "node { git url: 'https://bitbucket.org/acme/widget.git', credentialsId: 'hostile' }", true));
        legacyJob.save();
        AppPasswordIndex.get().settle();

        try (JenkinsRule.WebClient web = j.createWebClient()) {
            String csv = web.goTo("administrativeMonitor/bitbucketAppPasswords/csv", "text/csv")
                    .getWebResponse()
                    .getContentAsString();

            assertThat(csv).contains("\"'\t=HYPERLINK(").doesNotContain("\"\t=HYPERLINK(");
        }
    }

    @Test
    void shouldKeepALinkUnderManageJenkinsAfterTheBannerIsDismissed() throws Exception {
        monitor().disable(true);

        try (JenkinsRule.WebClient web = j.createWebClient()) {
            HtmlPage manage = web.goTo("manage/");
            HtmlPage target = web.goTo("manage/" + AppPasswordManagementLink.URL_NAME);

            assertThat(manage.asNormalizedText())
                    .doesNotContain("Review and replace")
                    .contains("Bitbucket app passwords")
                    .contains("Jobs on app passwords: 1; app-password credentials: 1");
            assertThat(target.getUrl().toString()).endsWith("administrativeMonitor/bitbucketAppPasswords/");
            assertThat(target.asNormalizedText()).contains("team/build");
        }
    }

    @Test
    void shouldPickUpAnAppPasswordAddedToAFolderStore() throws Exception {
        Folder team = (Folder) j.jenkins.getItem("team");
        FolderCredentialsProvider.FolderCredentialsProperty property =
                team.getProperties().get(FolderCredentialsProvider.FolderCredentialsProperty.class);
        if (property == null) {
            property = new FolderCredentialsProvider.FolderCredentialsProperty(new DomainCredentials[0]);
            team.addProperty(property);
        }
        CredentialsStore store = property.getStore();
        store.addCredentials(
                Domain.global(),
                new UsernamePasswordCredentialsImpl(
                        CredentialsScope.GLOBAL, "team-legacy", null, "jane-doe", TestSecrets.appPassword(1003)));

        AppPasswordIndex index = AppPasswordIndex.get();
        index.settle();

        assertThat(index.summary().appPasswordCredentials())
                .extracting(c -> c.store().id() + ":" + c.id())
                .contains("folder:team:team-legacy");
    }

    @Test
    void shouldLinkNoLongerExistingItemsToNothing() throws Exception {
        AppPasswordMonitor monitor = monitor();

        assertThat(monitor.itemUrl("team/build")).isEqualTo("job/team/job/build/");
        assertThat(monitor.itemUrl("gone")).isNull();
    }
}
