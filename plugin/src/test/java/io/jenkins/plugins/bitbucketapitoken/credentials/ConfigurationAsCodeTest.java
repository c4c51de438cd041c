package io.jenkins.plugins.bitbucketapitoken.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.casc.CredentialsRootConfigurator;
import hudson.util.Secret;
import io.jenkins.plugins.bitbucketapitoken.BitbucketApiTokenConfiguration;
import io.jenkins.plugins.bitbucketapitoken.core.testing.TestSecrets;
import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.CNode;
import io.jenkins.plugins.casc.model.Mapping;
import java.net.URL;
import java.util.List;
import java.util.Objects;
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
        CredentialsRootConfigurator root = Jenkins.get()
                .getExtensionList(CredentialsRootConfigurator.class)
                .get(0);
        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());

        CNode exported = Objects.requireNonNull(root.describe(root.getTargetComponent(context), context));
        String yaml = Util.toYamlString(exported);
        Mapping token = exported.asMapping()
                .get("system")
                .asMapping()
                .get("domainCredentials")
                .asSequence()
                .get(0)
                .asMapping()
                .get("credentials")
                .asSequence()
                .get(0)
                .asMapping()
                .get("bitbucketApiToken")
                .asMapping();

        assertThat(yaml)
                .contains("bitbucketApiToken")
                .contains("ci-bot@example.com")
                .doesNotContain(TOKEN);
        assertThat(token.getScalarValue("email")).isEqualTo("ci-bot@example.com");
        assertThat(token.getScalarValue("gitUsername")).isEqualTo("ci-bot");
        assertThat(Secret.decrypt(token.getScalarValue("token")).getPlainText()).isEqualTo(TOKEN);
    }
}
