package io.jenkins.plugins.bitbucketapitoken.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsNameProvider;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.util.FormValidation;
import hudson.util.Secret;
import io.jenkins.plugins.bitbucketapitoken.BitbucketApiTokenConfiguration;
import io.jenkins.plugins.bitbucketapitoken.core.testing.TestSecrets;
import io.jenkins.plugins.bitbucketapitoken.core.testing.fake.FakeBitbucket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class BitbucketApiTokenCredentialsImplTest {

    private static final String TOKEN = TestSecrets.apiToken(501);

    private static BitbucketApiTokenCredentialsImpl credential(String gitUsername) {
        BitbucketApiTokenCredentialsImpl c = new BitbucketApiTokenCredentialsImpl(
                CredentialsScope.GLOBAL, "bb", "CI bot", "jane@example.com", Secret.fromString(TOKEN));
        c.setGitUsername(gitUsername);
        c.setExpiry("2027-06-30");
        return c;
    }

    @Test
    void shouldPresentTheGitUsernameAndTheTokenToEveryGitConsumer(JenkinsRule j) {
        StandardUsernamePasswordCredentials asGitSeesIt = credential(null);

        assertThat(asGitSeesIt.getUsername()).isEqualTo("x-bitbucket-api-token-auth");
        assertThat(asGitSeesIt.getPassword().getPlainText()).isEqualTo(TOKEN);
        assertThat(asGitSeesIt.isUsernameSecret()).isFalse();
        assertThat(credential("jane-doe").getUsername()).isEqualTo("jane-doe");
        assertThat(credential("jane-doe").getEmail()).isEqualTo("jane@example.com");
    }

    @Test
    void shouldRemoveWhitespaceThatPastingAdded(JenkinsRule j) {
        BitbucketApiTokenCredentialsImpl c = new BitbucketApiTokenCredentialsImpl(
                CredentialsScope.GLOBAL, "bb", null, " jane@example.com ", Secret.fromString(" " + TOKEN + "\n"));

        assertThat(c.getToken().getPlainText()).isEqualTo(TOKEN);
        assertThat(c.getEmail()).isEqualTo("jane@example.com");
    }

    @Test
    void shouldBeNamedByItsEmailAndNeverShowTheToken(JenkinsRule j) {
        String name = CredentialsNameProvider.name(credential(null));

        assertThat(name).isEqualTo("jane@example.com (Bitbucket API token) (CI bot)");
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
    void shouldKeepItsTypeWhenSnapshottedForAnAgent(JenkinsRule j) {
        BitbucketApiTokenCredentialsImpl c = credential("jane-doe");

        StandardUsernamePasswordCredentials snapshot =
                CredentialsProvider.snapshot(StandardUsernamePasswordCredentials.class, c);

        assertThat(snapshot).isInstanceOf(BitbucketApiTokenCredentials.class);
        assertThat(((BitbucketApiTokenCredentials) snapshot).getEmail()).isEqualTo("jane@example.com");
        assertThat(snapshot.getUsername()).isEqualTo("jane-doe");
    }

    @Test
    void shouldCheckEachFieldThroughCore(JenkinsRule j) {
        BitbucketApiTokenCredentialsImpl.DescriptorImpl d =
                j.jenkins.getDescriptorByType(BitbucketApiTokenCredentialsImpl.DescriptorImpl.class);

        assertThat(d.doCheckToken(null, TOKEN).kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(d.doCheckToken(null, Secret.fromString(TOKEN).getEncryptedValue()).kind)
                .isEqualTo(FormValidation.Kind.OK);
        FormValidation appPassword = d.doCheckToken(null, TestSecrets.appPassword(502));
        assertThat(appPassword.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(appPassword.getMessage()).contains("2026-07-28");
        assertThat(d.doCheckToken(null, TOKEN.substring(0, 120)).kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(d.doCheckToken(null, "something-else").kind).isEqualTo(FormValidation.Kind.WARNING);
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
    void shouldTestTheConnectionOnBothChannelsAgainstTheConfiguredBitbucket(JenkinsRule j) {
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

            FormValidation works = d.doTestConnection(null, "jane@example.com", TOKEN, "", "acme/widget");
            FormValidation appPassword =
                    d.doTestConnection(null, "jane@example.com", TestSecrets.appPassword(503), "", "acme/widget");

            assertThat(works.kind).isEqualTo(FormValidation.Kind.OK);
            assertThat(works.renderHtml()).contains("can read acme/widget").doesNotContain(TOKEN);
            assertThat(appPassword.kind).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(appPassword.renderHtml()).contains("2026-07-28");
        }
    }

    @Test
    void shouldBeListedUnderItsOwnName(JenkinsRule j) {
        assertThat(j.jenkins
                        .getDescriptorByType(BitbucketApiTokenCredentialsImpl.DescriptorImpl.class)
                        .getDisplayName())
                .isEqualTo("Bitbucket API token");
        assertThat(Domain.global()).isNotNull();
    }
}
