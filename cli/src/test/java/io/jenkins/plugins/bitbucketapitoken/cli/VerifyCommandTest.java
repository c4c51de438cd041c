package io.jenkins.plugins.bitbucketapitoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.bitbucketapitoken.core.BitbucketCloud;
import io.jenkins.plugins.bitbucketapitoken.core.auth.Channel;
import io.jenkins.plugins.bitbucketapitoken.core.testing.TestSecrets;
import io.jenkins.plugins.bitbucketapitoken.core.testing.fake.FakeBitbucket;
import io.jenkins.plugins.bitbucketapitoken.core.testing.fake.RecordedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {

    static final String EMAIL = "jane@example.com";
    static final String TOKEN = TestSecrets.apiToken(301);
    static final String APP_PASSWORD = TestSecrets.appPassword(302);

    FakeBitbucket bitbucket;

    @BeforeEach
    void start() {
        bitbucket = FakeBitbucket.start();
        bitbucket.addAccount(EMAIL, "jane-doe");
        bitbucket.addRepository("acme", "widget");
    }

    @AfterEach
    void stop() {
        bitbucket.close();
    }

    CliRun verify(Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of(
                "verify",
                "--api-url",
                bitbucket.endpoints().apiUrl().toString(),
                "--git-url",
                bitbucket.endpoints().gitUrl().toString()));
        all.addAll(List.of(args));
        return CliRun.run("", env, all.toArray(String[]::new));
    }

    static JsonNode json(CliRun run) throws IOException {
        return Json.MAPPER.readTree(run.out());
    }

    @Test
    void shouldReportBothChannelsAsJsonAndExitZeroWhenEverythingWorks() throws IOException {
        bitbucket.addApiToken(EMAIL, TOKEN, FakeBitbucket.ALL_SCOPES, Optional.empty());

        CliRun run = verify(
                Map.of("BITBUCKET_API_TOKEN", TOKEN),
                "--email",
                EMAIL,
                "--repository",
                "acme/widget",
                "--push",
                "--format",
                "json");

        assertThat(run.exitCode()).as(run.all()).isZero();
        JsonNode json = json(run);
        assertThat(json.at("/rest/ok").asBoolean()).isTrue();
        assertThat(json.at("/rest/status").asInt()).isEqualTo(200);
        assertThat(json.at("/rest/account").asText()).isEqualTo("jane-doe");
        assertThat(json.at("/rest/scopes")).hasSize(3);
        assertThat(json.at("/git/ok").asBoolean()).isTrue();
        assertThat(json.at("/git/status").asInt()).isEqualTo(200);
        assertThat(json.at("/git/push/ok").asBoolean()).isTrue();
        assertThat(json.get("diagnoses")).isEmpty();
        assertThat(bitbucket.requestCount(Channel.REST)).isEqualTo(2);
        assertThat(bitbucket.requestCount(Channel.GIT)).isEqualTo(2);
    }

    @Test
    void shouldExplainAnAppPasswordOnBothChannelsInPlainWords(@TempDir Path dir) throws IOException {
        bitbucket.addAppPassword("jane-doe", APP_PASSWORD);
        Path file = dir.resolve("token");
        Files.writeString(file, APP_PASSWORD + "\n", StandardCharsets.UTF_8);

        CliRun run = verify(
                Map.of(),
                "--email",
                EMAIL,
                "--git-username",
                "jane-doe",
                "--token-file",
                file.toString(),
                "--repository",
                "acme/widget");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .contains("REST API: FAILS (HTTP 401)")
                .contains("Git:      FAILS (HTTP 410)")
                .contains("removed app passwords on 2026-07-28")
                .contains("What to do: Create an API token");
    }

    @Test
    void shouldGiveJsonDiagnosesWithCodeChannelMessageAndAction() throws IOException {
        bitbucket.addApiToken(
                EMAIL,
                TOKEN,
                Set.of(BitbucketCloud.SCOPE_READ_USER, BitbucketCloud.SCOPE_READ_REPOSITORY),
                Optional.empty());

        CliRun run = verify(
                Map.of("BITBUCKET_API_TOKEN", TOKEN),
                "--email",
                EMAIL,
                "--git-username",
                EMAIL,
                "--repository",
                "acme/widget",
                "--push",
                "--format",
                "json");

        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode json = json(run);
        assertThat(json.at("/rest/ok").asBoolean()).isTrue();
        assertThat(json.at("/git/ok").asBoolean()).isFalse();
        assertThat(json.at("/git/status").asInt()).isEqualTo(401);
        assertThat(json.at("/git/push").isNull()).isTrue();
        JsonNode diagnosis = json.get("diagnoses").get(0);
        assertThat(diagnosis.get("code").asText()).isEqualTo("EMAIL_AS_GIT_USERNAME");
        assertThat(diagnosis.get("channel").asText()).isEqualTo("git");
        assertThat(diagnosis.get("action").asText()).contains(BitbucketCloud.API_TOKEN_GIT_USERNAME);
    }

    @Test
    void shouldCheckOnlyRestWithoutARepositoryAndSaySo() {
        bitbucket.addApiToken(EMAIL, TOKEN, FakeBitbucket.ALL_SCOPES, Optional.empty());

        CliRun run = verify(Map.of("BITBUCKET_API_TOKEN", TOKEN), "--email", EMAIL);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("REST API: works (account jane-doe)").contains("Git:      not checked");
        assertThat(bitbucket.requestCount(Channel.GIT)).isZero();
    }

    @Test
    void shouldNeverPrintTheTokenEvenWhenVerbose() {
        bitbucket.addApiToken(EMAIL, TOKEN, Set.of(BitbucketCloud.SCOPE_READ_USER), Optional.empty());

        CliRun run = verify(
                Map.of("BITBUCKET_API_TOKEN", TOKEN),
                "--email",
                EMAIL,
                "--repository",
                "acme/widget",
                "--push",
                "--verbose");

        assertThat(run.err())
                .contains("GET " + bitbucket.endpoints().apiUrl() + "/user -> 200")
                .contains("/acme/widget.git/info/refs?service=git-upload-pack -> 403");
        assertThat(run.all()).doesNotContain(TOKEN).doesNotContain(TOKEN.substring(20, 60));
        assertThat(bitbucket.requestLog())
                .allMatch(r -> r.presented(TOKEN))
                .extracting(RecordedRequest::path)
                .allMatch(p -> p.startsWith("/2.0/user")
                        || p.startsWith("/2.0/repositories/acme/widget")
                        || p.startsWith("/acme/widget.git/info/refs"));
    }

    @Test
    void shouldExitWithTwoWithoutAToken() {
        CliRun run = verify(Map.of(), "--email", EMAIL);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--token-file").contains("BITBUCKET_API_TOKEN");
        assertThat(bitbucket.requestLog()).isEmpty();
    }

    @Test
    void shouldExitWithTwoForPushWithoutRepositoryOrAnInsecureUrl() {
        CliRun push = verify(Map.of("BITBUCKET_API_TOKEN", TOKEN), "--email", EMAIL, "--push");
        CliRun insecure = CliRun.run(
                "",
                Map.of("BITBUCKET_API_TOKEN", TOKEN),
                "verify",
                "--email",
                EMAIL,
                "--api-url",
                "http://api.example.com/2.0");
        CliRun badRepo = verify(
                Map.of("BITBUCKET_API_TOKEN", TOKEN), "--email", EMAIL, "--repository", "https://evil.example.com/a/b");

        assertThat(push.exitCode()).isEqualTo(2);
        assertThat(insecure.exitCode()).isEqualTo(2);
        assertThat(insecure.err()).contains("plain http");
        assertThat(badRepo.exitCode()).isEqualTo(2);
        assertThat(badRepo.err()).contains("evil.example.com");
        assertThat(bitbucket.requestLog()).isEmpty();
    }

    @Test
    void shouldUseXTokenAuthByDefaultForAnAccessToken() throws IOException {
        String accessToken = TestSecrets.accessToken(303);
        bitbucket.addAccessToken(accessToken, "acme/widget", Set.of("repository"));

        CliRun run =
                verify(Map.of("BITBUCKET_API_TOKEN", accessToken), "--repository", "acme/widget", "--format", "json");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(bitbucket.requestLog())
                .filteredOn(r -> r.channel() == Channel.GIT)
                .allMatch(r -> r.username().orElseThrow().equals(BitbucketCloud.ACCESS_TOKEN_GIT_USERNAME));
    }
}
