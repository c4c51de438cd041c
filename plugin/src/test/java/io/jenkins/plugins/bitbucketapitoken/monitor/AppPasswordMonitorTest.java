package io.jenkins.plugins.bitbucketapitoken.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.Failure;
import hudson.security.ACL;
import hudson.util.Secret;
import io.jenkins.plugins.bitbucketapitoken.core.testing.TestSecrets;
import io.jenkins.plugins.bitbucketapitoken.credentials.BitbucketApiTokenCredentials;
import io.jenkins.plugins.bitbucketapitoken.credentials.BitbucketApiTokenCredentialsImpl;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

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
        assertThat(monitor.getHeadline().message()).contains("2026-07-28").contains("1 jobs");
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
            monitor().doMigrate("system", "legacy", "jane@example.com", TOKEN, "jane-doe", "");
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
    void shouldRefuseAReplacementThatIsNotAnApiTokenAndChangeNothing() {
        try (var ignored = ACL.as2(ACL.SYSTEM2)) {
            assertThatThrownBy(() -> monitor().doMigrate("system", "legacy", "jane@example.com", APP_PASSWORD, "", ""))
                    .isInstanceOf(Failure.class)
                    .hasMessageContaining("app password");
        }

        List<Credentials> stored = SystemCredentialsProvider.getInstance().getCredentials();
        assertThat(stored).singleElement().isInstanceOf(UsernamePasswordCredentialsImpl.class);
        assertThat(monitor().isActivated()).isTrue();
    }

    @Test
    void shouldComeBackWhenDismissedInAnEarlierPhase() throws Exception {
        AppPasswordMonitor monitor = monitor();
        Jenkins.get().getDisabledAdministrativeMonitors().add("bitbucketAppPasswords@BROWNOUT");

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

        ExpiringTokenMonitor expiry =
                Jenkins.get().getExtensionList(ExpiringTokenMonitor.class).get(0);

        assertThat(expiry.isActivated()).isTrue();
        assertThat(expiry.getExpiring().tokens()).singleElement().satisfies(t -> assertThat(t.id())
                .isEqualTo("soon"));
    }
}
