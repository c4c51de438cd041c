package io.jenkins.plugins.bitbucketapitoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.bitbucketapitoken.core.audit.testing.SyntheticJenkinsHome;
import io.jenkins.plugins.bitbucketapitoken.core.audit.testing.SyntheticJenkinsHome.Cred;
import io.jenkins.plugins.bitbucketapitoken.core.testing.TestSecrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScanCommandTest {

    @TempDir
    Path dir;

    @Test
    void shouldLeadWithTheJobsToChangeAndWhatToDoThenExitOne() {
        SyntheticJenkinsHome.example(dir);

        CliRun run = CliRun.run("", "scan", dir.toString(), "--as-of", "2026-08-01");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .startsWith("Jenkins home: " + dir)
                .contains(
                        "4 item(s) still use a Bitbucket app password.\nWhat to do: For each app-password credential they use")
                .contains("  - gateway\n  - legacy-nightly\n  - widget-build\n  - widget-release\n")
                .contains("bitbucket -> API_TOKEN in folder:payments");
        assertThat(run.out().indexOf("What to do")).isLessThan(run.out().indexOf("Items ("));
    }

    @Test
    void shouldWriteTheDocumentedJsonDocument() throws IOException {
        SyntheticJenkinsHome.example(dir);

        CliRun run = CliRun.run("", "scan", dir.toString(), "--format", "json", "--as-of", "2026-06-10");
        JsonNode json = Json.MAPPER.readTree(run.out());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(json.get("jenkinsHome").asText()).isEqualTo(dir.toString());
        assertThat(json.get("asOf").asText()).isEqualTo("2026-06-10");
        assertThat(json.get("phase").asText()).isEqualTo("BROWNOUT");
        assertThat(json.get("secretsReadable").asBoolean()).isTrue();
        assertThat(json.get("jobsUsingAppPasswords").findValuesAsText("x")).isEmpty();
        assertThat(json.get("jobsUsingAppPasswords").toString())
                .isEqualTo("[\"gateway\",\"legacy-nightly\",\"widget-build\",\"widget-release\"]");
        JsonNode folderCredential = null;
        for (JsonNode c : json.get("credentials")) {
            if (c.get("store").asText().equals("folder:payments")) {
                folderCredential = c;
            }
        }
        assertThat(folderCredential).isNotNull();
        assertThat(folderCredential.get("kind").asText()).isEqualTo("API_TOKEN");
        assertThat(folderCredential.get("usedBy").toString())
                .isEqualTo("[\"payments/ledger\",\"payments/ledger-build\"]");
        JsonNode first = json.get("items").get(0);
        assertThat(first.get("fullName").asText()).isEqualTo("acme");
        assertThat(first.at("/references/0/where").asText()).isEqualTo("navigator");
        assertThat(first.at("/references/0/resolvedStore").asText()).isEqualTo("system");
        assertThat(json.get("skipped")).isEmpty();
    }

    @Test
    void shouldWriteCsv() {
        SyntheticJenkinsHome.example(dir);

        CliRun run = CliRun.run("", "scan", dir.toString(), "--format", "csv");

        assertThat(run.out())
                .startsWith("item,itemType,disabled,credentialsId,where,resolvedStore,kind,appPassword,host,"
                        + "possiblyAppPassword,channel,fix\r\n")
                .contains("widget-build,hudson.model.FreeStyleProject,false,bitbucket,scm,system,APP_PASSWORD,true,"
                        + "bitbucket.org,false,git,\r\n")
                .contains(
                        "gateway,org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject,false,bitbucket,"
                                + "branch-source,system,APP_PASSWORD,true,bitbucket.org,false,branch-source,\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "json", "csv"})
    void shouldNeverPrintASecretOrItsCipherText(String format) throws IOException {
        SyntheticJenkinsHome.example(dir);
        String stores = Files.readString(dir.resolve("credentials.xml"))
                + Files.readString(dir.resolve("jobs/payments/config.xml"));

        CliRun run = CliRun.run("", "scan", dir.toString(), "--format", format);

        for (long seed = 101; seed <= 106; seed++) {
            assertThat(run.all())
                    .doesNotContain(TestSecrets.appPassword(seed))
                    .doesNotContain(TestSecrets.apiToken(seed).substring(20, 80))
                    .doesNotContain(TestSecrets.accessToken(seed).substring(20, 80));
        }
        for (String part : stores.split("[{}]")) {
            if (part.startsWith("AQAAAB")) {
                assertThat(run.all()).doesNotContain(part);
            }
        }
        assertThat(run.all()).doesNotContain(Files.readString(dir.resolve("secrets/master.key")));
    }

    @Test
    void shouldExitZeroWhenNothingUsesAnAppPassword() {
        SyntheticJenkinsHome.at(dir, 1)
                .systemCredentials(
                        List.of(Cred.usernamePassword("t", "x-bitbucket-api-token-auth", TestSecrets.apiToken(1))),
                        List.of())
                .freestyleJob("build", "https://bitbucket.org/acme/w.git", "t", false);

        CliRun run = CliRun.run("", "scan", dir.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("No item uses a Bitbucket app password.");
    }

    @Test
    void shouldExitThreeWhenNothingUsesAnAppPasswordButSomethingCouldNotBeRead() throws IOException {
        SyntheticJenkinsHome.at(dir, 2)
                .systemCredentials(
                        List.of(Cred.usernamePassword("t", "x-bitbucket-api-token-auth", TestSecrets.apiToken(2))),
                        List.of())
                .freestyleJob("build", "https://bitbucket.org/acme/w.git", "t", false)
                .raw("jobs/broken/config.xml", "<project><scm>".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        CliRun run = CliRun.run("", "scan", dir.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).contains("jobs/broken/config.xml: The file is not well-formed XML");
    }

    @Test
    void shouldSayWhatItCouldNotKnowWithoutTheSecrets() throws IOException {
        SyntheticJenkinsHome.example(dir);
        Files.delete(dir.resolve("secrets/master.key"));

        CliRun run = CliRun.run("", "scan", dir.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out())
                .startsWith("Secrets could not be read, so the answer is \"possibly\": 4 item(s) may use a Bitbucket"
                        + " app password; the files prove that the other items do not.\n")
                .contains("  - gateway\n", "  - legacy-nightly\n", "  - widget-build\n", "  - widget-release\n")
                .contains("bitbucket-api-token -> OTHER in system", "bitbucket -> OTHER in folder:payments")
                .contains("secrets: The stored secrets cannot be decrypted: secrets/master.key is missing");
        assertThat(run.out().indexOf("  - docs-site")).isNegative();
    }

    @Test
    void shouldTakeTheHomeFromJenkinsHomeWhenNoneIsGiven() {
        SyntheticJenkinsHome.example(dir);

        CliRun run = CliRun.run("", Map.of("JENKINS_HOME", dir.toString()), "scan", "--format", "json");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("\"jenkinsHome\": \"" + dir + "\"");
    }

    @Test
    void shouldReportSeveralControllersTogetherEachRowNamingItsController() throws IOException {
        Path clean = dir.resolve("clean");
        Path legacy = dir.resolve("legacy");
        Path broken = dir.resolve("broken");
        SyntheticJenkinsHome.at(clean, 11)
                .systemCredentials(
                        List.of(Cred.usernamePassword("t", "x-bitbucket-api-token-auth", TestSecrets.apiToken(11))),
                        List.of())
                .freestyleJob("build", "https://bitbucket.org/acme/w.git", "t", false);
        SyntheticJenkinsHome.example(legacy);
        SyntheticJenkinsHome.at(broken, 12)
                .raw("jobs/broken/config.xml", "<project><scm>".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        CliRun csv = CliRun.run("", "scan", clean.toString(), legacy.toString(), "--format", "csv");
        CliRun json = CliRun.run("", "scan", clean.toString(), legacy.toString(), "--format", "json");
        CliRun text = CliRun.run("", "scan", clean.toString(), broken.toString());
        JsonNode document = Json.MAPPER.readTree(json.out());

        assertThat(csv.exitCode()).isEqualTo(1);
        assertThat(csv.out())
                .startsWith("controller,item,itemType,disabled,credentialsId,")
                .contains("\r\n" + clean + ",build,")
                .contains("\r\n" + legacy + ",widget-build,");
        assertThat(document.get("controllers")).hasSize(2);
        assertThat(document.at("/controllers/1/controller").asText()).isEqualTo(legacy.toString());
        assertThat(document.at("/controllers/1/report/jobsUsingAppPasswords").toString())
                .isEqualTo("[\"gateway\",\"legacy-nightly\",\"widget-build\",\"widget-release\"]");
        assertThat(document.at("/summary/0/answer").asText()).isEqualTo("no");
        assertThat(document.at("/summary/1/jobsUsingAppPasswords").asInt()).isEqualTo(4);
        assertThat(text.exitCode()).as("the worst of 0 and 3").isEqualTo(3);
        assertThat(text.out())
                .contains("=== Controller " + clean + " ===")
                .contains("=== Controller " + broken + " ===")
                .contains("Summary per controller:\n  " + clean + ": 0 job(s) on app passwords")
                .contains(broken + ": 0 job(s) on app passwords, 0 app-password credential(s), answer no, some files"
                        + " not read");
    }

    @Test
    void shouldExitTwoOnUsageErrors() {
        CliRun missing = CliRun.run("", "scan", dir.resolve("nope").toString());
        CliRun badDate = CliRun.run("", "scan", dir.toString(), "--as-of", "28/07/2026");
        CliRun badFormat = CliRun.run("", "scan", dir.toString(), "--format", "xml");
        CliRun badSize = CliRun.run("", "scan", dir.toString(), "--max-file-size", "32MB");
        CliRun zeroSize = CliRun.run("", "scan", dir.toString(), "--max-file-size", "0");

        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("is not a directory").contains("JENKINS_HOME");
        assertThat(badDate.exitCode()).isEqualTo(2);
        assertThat(badDate.err()).contains("Write it as YYYY-MM-DD");
        assertThat(badFormat.exitCode()).isEqualTo(2);
        assertThat(badSize.exitCode()).isEqualTo(2);
        assertThat(badSize.err())
                .contains("--max-file-size")
                .contains("'32MB' is not a number of bytes")
                .contains("Write a whole number");
        assertThat(zeroSize.exitCode()).isEqualTo(2);
        assertThat(zeroSize.err()).contains("must be a positive number of bytes");
    }
}
