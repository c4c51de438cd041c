package io.jenkins.plugins.bitbucketapitoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.bitbucketapitoken.core.testing.TestSecrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClassifyCommandTest {

    private static final String TOKEN = TestSecrets.apiToken(21);

    private static JsonNode json(CliRun run) throws IOException {
        return Json.MAPPER.readTree(run.out());
    }

    @Test
    void shouldDescribeAnApiTokenWithTheRightUsernamePerChannel() throws IOException {
        CliRun run = CliRun.run(TOKEN + "\n", "classify", "--email", "jane@example.com", "--format", "json");

        assertThat(run.exitCode()).isZero();
        JsonNode json = json(run);
        assertThat(json.get("kind").asText()).isEqualTo("API_TOKEN");
        assertThat(json.get("intact").asBoolean()).isTrue();
        assertThat(json.get("problems")).isEmpty();
        assertThat(json.at("/git/username").asText()).isEqualTo("x-bitbucket-api-token-auth");
        assertThat(json.at("/git/usable").asBoolean()).isTrue();
        assertThat(json.at("/rest/username").asText()).isEqualTo("jane@example.com");
        assertThat(json.at("/rest/scheme").asText()).isEqualTo("basic");
        assertThat(json.at("/rest/usable").asBoolean()).isTrue();
        assertThat(run.all()).doesNotContain(TOKEN.substring(12, 60));
    }

    static Stream<Arguments> everyKindOfSecret() {
        String token = TestSecrets.apiToken(22);
        return Stream.of(
                Arguments.of("API token", token, "API_TOKEN", "true", 0),
                Arguments.of("API token padded", "  " + token + " \n\n", "API_TOKEN", "true", 0),
                Arguments.of("API token truncated", token.substring(0, 120), "API_TOKEN", "false", 1),
                Arguments.of("access token", TestSecrets.accessToken(23), "ACCESS_TOKEN", "true", 0),
                Arguments.of("app password", TestSecrets.appPassword(24), "APP_PASSWORD", "null", 1),
                Arguments.of("old app password", TestSecrets.oldAppPassword(25), "APP_PASSWORD", "null", 1),
                Arguments.of("account password", "correct-horse-battery", "UNKNOWN", "null", 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyKindOfSecret")
    void shouldClassifyEveryKindOfSecretWithoutPrintingIt(
            String name, String secret, String kind, String intact, int exitCode) throws IOException {
        CliRun run = CliRun.run(secret, "classify", "--email", "jane@example.com", "--format", "json");

        assertThat(run.exitCode()).isEqualTo(exitCode);
        JsonNode json = json(run);
        assertThat(json.get("kind").asText()).isEqualTo(kind);
        assertThat(json.get("intact").toString()).isEqualTo(intact);
        assertThat(run.all()).doesNotContain(secret.strip());
    }

    @Test
    void shouldExplainAnAppPasswordInPlainText() {
        CliRun run = CliRun.run(TestSecrets.appPassword(26), "classify", "--username", "jane-doe");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .contains("Bitbucket app password")
                .contains("removed app passwords on 2026-07-28")
                .contains("What to do: Create an API token");
    }

    @Test
    void shouldFailWhenBothChannelsHaveTheWrongUsername() throws IOException {
        CliRun run =
                CliRun.run(TOKEN, "classify", "--username", "jane@example.com", "--email", "jane", "--format", "json");

        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode json = json(run);
        assertThat(json.at("/git/usable").asBoolean()).isFalse();
        assertThat(json.at("/rest/usable").asBoolean()).isFalse();
        assertThat(json.get("problems").findValuesAsText("code"))
                .containsExactly("GIT_USERNAME_IS_EMAIL", "EMAIL_INVALID");
    }

    @Test
    void shouldReadTheSecretFromAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("token");
        Files.writeString(file, TOKEN + "\n", StandardCharsets.UTF_8);

        CliRun run = CliRun.run("", "classify", "--secret-file", file.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Atlassian API token (checksum intact)");
    }

    @Test
    void shouldExitWithTwoAndSayWhatToDoWhenTheFileIsMissing(@TempDir Path dir) {
        CliRun run =
                CliRun.run("", "classify", "--secret-file", dir.resolve("nope").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("does not exist").contains("Give the file that holds the secret");
    }

    @Test
    void shouldExitWithTwoOnAnUnknownOption() {
        CliRun run = CliRun.run("", "classify", "--secret", "abc");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option");
    }

    @Test
    void shouldRejectAnUnknownFormat() {
        assertThat(CliRun.run(TOKEN, "classify", "--format", "xml").exitCode()).isEqualTo(2);
    }

    @Test
    void shouldPrintHelpAndVersion() {
        CliRun help = CliRun.run("", "--help");
        CliRun version = CliRun.run("", "--version");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("bitbucket-api-token").contains("classify");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("bitbucket-api-token ").doesNotContain("unknown");
    }
}
