package io.jenkins.plugins.bitbucketapitoken.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.util.Secret;
import io.jenkins.plugins.bitbucketapitoken.BitbucketApiTokenConfiguration;
import io.jenkins.plugins.bitbucketapitoken.core.testing.TestSecrets;
import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WithJenkinsConfiguredWithCode
class ConfigurationAsCodeTest {

    private static final String TOKEN = TestSecrets.apiToken(601);

    @BeforeEach
    void provideTheTokenThroughAVariable() {
        System.setProperty("BB_CASC_TEST_TOKEN", TOKEN);
    }

    @AfterEach
    void forgetIt() {
        System.clearProperty("BB_CASC_TEST_TOKEN");
    }

    private static void apply(JenkinsConfiguredWithCodeRule j) throws Exception {
        URL yaml = ConfigurationAsCodeTest.class.getResource("configuration-as-code.yml");
        ConfigurationAsCode.get().configure(Objects.requireNonNull(yaml).toExternalForm());
    }

    @Test
    void shouldImportTheCredentialWithItsTokenFromAVariable(JenkinsConfiguredWithCodeRule j) throws Exception {
        apply(j);

        List<BitbucketApiTokenCredentials> found = CredentialsProvider.lookupCredentialsInItemGroup(
                BitbucketApiTokenCredentials.class, Jenkins.get(), null, List.of());

        assertThat(found).singleElement().satisfies(c -> {
            assertThat(c.getId()).isEqualTo("bitbucket-ci");
            assertThat(c.getEmail()).isEqualTo("ci-bot@example.com");
            assertThat(c.getUsername()).isEqualTo("ci-bot");
            assertThat(c.getToken().getPlainText()).isEqualTo(TOKEN);
            assertThat(c.getExpiry()).isEqualTo("2027-06-30");
        });
        assertThat(BitbucketApiTokenConfiguration.get().getApiUrl()).isEqualTo("http://127.0.0.1:7990/2.0");
        assertThat(BitbucketApiTokenConfiguration.get().endpoints().gitUrl().toString())
                .isEqualTo("http://127.0.0.1:7990");
    }

    @Test
    void shouldExportTheCredentialWithTheTokenEncrypted(JenkinsConfiguredWithCodeRule j) throws Exception {
        apply(j);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        ConfigurationAsCode.get().export(out);

        String yaml = out.toString(StandardCharsets.UTF_8);
        Matcher token =
                Pattern.compile("(?m)^\\s*token: \"?(\\{[^\"\\s]+})\"?$").matcher(yaml);
        assertThat(yaml)
                .contains("bitbucketApiToken:")
                .contains("email: \"ci-bot@example.com\"")
                .contains("gitUsername: \"ci-bot\"")
                .doesNotContain(TOKEN);
        assertThat(token.find()).as("an encrypted token in %s", yaml).isTrue();
        assertThat(Secret.decrypt(token.group(1)).getPlainText()).isEqualTo(TOKEN);
    }

    @Test
    void shouldRefuseAnAppPasswordGivenAsTheTokenAndSaySo(JenkinsConfiguredWithCodeRule j) throws Exception {
        System.setProperty("BB_CASC_TEST_TOKEN", TestSecrets.appPassword(602));
        URL yaml = ConfigurationAsCodeTest.class.getResource("configuration-as-code.yml");

        assertThatThrownBy(() -> ConfigurationAsCode.get()
                        .configure(Objects.requireNonNull(yaml).toExternalForm()))
                .satisfies(e ->
                        assertThat(messages(e)).contains("app password").doesNotContain(TestSecrets.appPassword(602)));
        assertThat(CredentialsProvider.lookupCredentialsInItemGroup(
                        BitbucketApiTokenCredentials.class, Jenkins.get(), null, List.of()))
                .isEmpty();
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
