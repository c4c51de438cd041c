package io.jenkins.plugins.bitbucketapitoken.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditReportFormatsTest {

    /** A report under way with readable secrets and one system app password, {@code bb}. */
    private static AuditBuilder withAppPasswordBb(String jenkinsHome, LocalDate asOf) {
        return new AuditBuilder(jenkinsHome, asOf)
                .secretsReadable(true)
                .addCredentials(List.of(new CredentialRecord(
                        "bb",
                        StoreRef.system(),
                        CredentialScope.GLOBAL,
                        "T",
                        Optional.of("jane"),
                        CredentialKind.APP_PASSWORD)));
    }

    private static AuditReport report() {
        return withAppPasswordBb("/var/jenkins \"home\"", LocalDate.of(2026, 6, 10))
                .addItem(new ItemRecord(
                        "=cmd|' /C calc'!A0",
                        "hudson.model.FreeStyleProject",
                        false,
                        List.of(
                                new CredentialReference("bb", ReferenceSource.SCM, Optional.of("bitbucket.org")),
                                new CredentialReference("gone", ReferenceSource.OTHER)),
                        List.of("https://bitbucket.org/acme/w.git")))
                .addItem(new ItemRecord("quiet", "hudson.model.FreeStyleProject", false, List.of(), List.of()))
                .addSkipped(new SkippedFile("jobs/x/config.xml", "line\nbreak"))
                .build();
    }

    @Test
    void shouldWriteTheDocumentedJsonShape() {
        String json = AuditReportJson.toJson(report());

        assertThat(json)
                .contains("\"jenkinsHome\": \"/var/jenkins \\\"home\\\"\"")
                .contains("\"asOf\": \"2026-06-10\"")
                .contains("\"phase\": \"BROWNOUT\"")
                .contains("\"secretsReadable\": true")
                .contains("\"answer\": \"yes\"")
                .contains("\"itemsScanned\": 2")
                .contains(
                        "{\"id\": \"bb\", \"store\": \"system\", \"scope\": \"GLOBAL\", \"type\": \"T\", \"username\":"
                                + " \"jane\", \"kind\": \"APP_PASSWORD\", \"usedBy\": [\"=cmd|' /C calc'!A0\"],\n"
                                + "      \"evidence\": []}")
                .contains("{\"credentialsId\": \"gone\", \"where\": \"other\", \"resolvedStore\": null, \"kind\": null,"
                        + " \"host\": null, \"channel\": \"unknown\", \"fix\": null}")
                .contains("\"usesAppPassword\": true, \"possiblyUsesAppPassword\": false")
                .contains("\"jobsUsingAppPasswords\": [\"=cmd|' /C calc'!A0\"]")
                .contains("\"jobsPossiblyUsingAppPasswords\": []")
                .contains("{\"path\": \"jobs/x/config.xml\", \"reason\": \"line\\nbreak\"}")
                .doesNotContain("\"quiet\"");
    }

    private static CredentialRecord appPassword() {
        return new CredentialRecord(
                "bb", StoreRef.system(), CredentialScope.GLOBAL, "T", Optional.of("jane"), CredentialKind.APP_PASSWORD);
    }

    @Test
    void shouldWriteTheSameJsonWhateverHowManyThreadsRenderTheItems() {
        // given: more items than one rendering task takes, some of them with characters that need escapes
        AuditBuilder builder = new AuditBuilder("/var/jenkins", LocalDate.of(2026, 8, 1))
                .secretsReadable(true)
                .addCredentials(List.of(appPassword()));
        for (int i = 0; i < 5000; i++) {
            builder.addItem(new ItemRecord(
                    "team-" + (i % 7) + "/job-" + i + (i % 11 == 0 ? " \"quoted\"\n\u2028" : ""),
                    "hudson.model.FreeStyleProject",
                    i % 5 == 0,
                    List.of(new CredentialReference(i % 3 == 0 ? "bb" : "gone-" + i, ReferenceSource.SCM)),
                    List.of("https://bitbucket.org/acme/repo-" + i + ".git")));
        }
        AuditReport report = builder.build();
        String sequential = AuditReportJson.toJson(report);

        for (int threads : List.of(1, 2, 3, 8)) {
            // when
            StringBuilder out = new StringBuilder();
            AuditReportJson.write(report, out, threads);

            // then
            assertThat(out.toString()).as("%d threads", threads).isEqualTo(sequential);
        }
        assertThat(sequential).contains("team-0/job-0 \\\"quoted\\\"\\n\\u2028", "team-1/job-4999");
    }

    @Test
    void shouldWriteTheSameJsonAsUtf8BytesToAStream() {
        // given: more items than one rendering task takes, with characters outside ASCII and outside the BMP
        AuditBuilder builder = new AuditBuilder("/var/jenkins", LocalDate.of(2026, 8, 1));
        for (int i = 0; i < 3000; i++) {
            builder.addItem(new ItemRecord(
                    "équipe-" + (i % 7) + "/job-" + i + (i % 13 == 0 ? " \uD83D\uDE00 \"q\"" : ""),
                    "hudson.model.FreeStyleProject",
                    false,
                    List.of(new CredentialReference("bb-" + i, ReferenceSource.SCM)),
                    List.of()));
        }
        AuditReport report = builder.build();
        byte[] expected = AuditReportJson.toJson(report).getBytes(StandardCharsets.UTF_8);

        for (int threads : List.of(1, 2, 3)) {
            // when
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            AuditReportJson.writeUtf8(report, out, threads);

            // then
            assertThat(out.toByteArray()).as("%d threads", threads).isEqualTo(expected);
        }
    }

    @Test
    void shouldWriteOneCsvRowPerReferenceAndDefuseFormulas() {
        String csv = AuditReportCsv.toCsv(report());

        assertThat(csv.split("\r\n"))
                .containsExactly(
                        "item,itemType,disabled,credentialsId,where,resolvedStore,kind,appPassword,host,possiblyAppPassword,"
                                + "channel,fix",
                        "'=cmd|' /C calc'!A0,hudson.model.FreeStyleProject,false,bb,scm,system,APP_PASSWORD,true,"
                                + "bitbucket.org,false,git,",
                        "'=cmd|' /C calc'!A0,hudson.model.FreeStyleProject,false,gone,other,,,false,,false,unknown,");
    }

    @Test
    void shouldNameStoresAsTheReportDoesAndReadThemBack() {
        for (StoreRef store : List.of(StoreRef.system(), StoreRef.folder("a/b"), StoreRef.user("jane"))) {
            assertThat(StoreRef.parse(store.id())).contains(store);
        }
        assertThat(StoreRef.folder("a/b").id()).isEqualTo("folder:a/b");
        assertThat(StoreRef.parse("nonsense")).isEmpty();
    }

    @Test
    void shouldLeadTheTextWithTheUsesAReplacementWouldBreakAndTheirFix() throws Exception {
        AuditReport report = withAppPasswordBb("/var/jenkins", LocalDate.of(2026, 11, 28))
                .addItem(new ItemRecord(
                        "api-report",
                        "org.jenkinsci.plugins.workflow.job.WorkflowJob",
                        false,
                        List.of(new CredentialReference(
                                "bb",
                                ReferenceSource.SCRIPT,
                                Optional.empty(),
                                UseChannel.BINDING_REST,
                                Optional.of("Replace usernamePassword(...) with bitbucketApiToken(...)."))),
                        List.of()))
                .build();

        StringBuilder text = new StringBuilder();
        AuditReportText.write(report, text);

        assertThat(text.toString())
                .contains("Before replacing a credential in place, change these jobs: they send the bound username to"
                        + " the REST API, which will then be the Git username.\n"
                        + "  - api-report: Replace usernamePassword(...) with bitbucketApiToken(...).\n")
                .contains("script: bb -> APP_PASSWORD in system; channel binding-rest\n"
                        + "        before replacing it in place: Replace usernamePassword(...) with"
                        + " bitbucketApiToken(...).\n");
    }
}
