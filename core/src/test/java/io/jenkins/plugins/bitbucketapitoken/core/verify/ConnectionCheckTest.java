package io.jenkins.plugins.bitbucketapitoken.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bitbucketapitoken.core.testing.TestSecrets;
import io.jenkins.plugins.bitbucketapitoken.core.testing.fake.FakeBitbucket;
import java.net.http.HttpClient;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectionCheckTest {

    private static final String TOKEN = TestSecrets.apiToken(1201);

    private FakeBitbucket bitbucket;
    private CredentialVerifier verifier;

    @BeforeEach
    void startBitbucket() {
        bitbucket = FakeBitbucket.start()
                .addAccount("jane@example.com", "jane-doe")
                .addApiToken("jane@example.com", TOKEN, FakeBitbucket.ALL_SCOPES, Optional.empty());
        bitbucket.addRepository("acme", "widget");
        HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        verifier = CredentialVerifier.create(http, bitbucket.endpoints());
    }

    @AfterEach
    void stop() {
        bitbucket.close();
    }

    @Test
    void shouldConfirmAWorkingTokenOnBothChannels() {
        ConnectionCheck.Outcome outcome = ConnectionCheck.run(verifier, "jane@example.com", TOKEN, "", "acme/widget");

        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.lines())
                .anyMatch(l -> l.startsWith("REST API: works"))
                .anyMatch(l -> l.contains("can read acme/widget"));
        assertThat(String.join("\n", outcome.lines())).doesNotContain(TOKEN);
    }

    @Test
    void shouldNeverSendAnAppPassword() {
        ConnectionCheck.Outcome outcome =
                ConnectionCheck.run(verifier, "jane@example.com", TestSecrets.appPassword(1202), "", "acme/widget");

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.report()).isEmpty();
        assertThat(outcome.lines()).singleElement().asString().contains("2026-07-28");
        assertThat(bitbucket.requestLog()).isEmpty();
    }

    @Test
    void shouldExplainAMissingRepository() {
        ConnectionCheck.Outcome outcome =
                ConnectionCheck.run(verifier, "jane@example.com", TOKEN, "jane-doe", "acme/nope");

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.lines()).anyMatch(l -> l.contains("What to do"));
    }

    @Test
    void shouldRefuseARepositoryOnAnotherHostBeforeSendingAnything() {
        ConnectionCheck.Outcome outcome =
                ConnectionCheck.run(verifier, "jane@example.com", TOKEN, "", "https://github.com/acme/widget.git");

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.lines()).singleElement().asString().contains("is not a Bitbucket Cloud host");
        assertThat(bitbucket.requestLog()).isEmpty();
    }
}
