package io.jenkins.plugins.bitbucketapitoken.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bitbucketapitoken.core.audit.testing.SyntheticJenkinsHome;
import io.jenkins.plugins.bitbucketapitoken.core.audit.testing.SyntheticJenkinsHome.Cred;
import io.jenkins.plugins.bitbucketapitoken.core.testing.TestSecrets;
import io.jenkins.plugins.bitbucketapitoken.core.timeline.DeprecationPhase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class JenkinsHomeScannerTest {

    private static final LocalDate AS_OF = LocalDate.of(2026, 8, 1);

    @TempDir
    Path dir;

    private AuditReport scan(Path home) {
        return JenkinsHomeScanner.withDefaults().scan(home, AS_OF);
    }

    private static Map<String, AuditedItem> itemsByName(AuditReport report) {
        return report.items().stream().collect(Collectors.toMap(i -> i.item().fullName(), Function.identity()));
    }

    private static Optional<AuditedCredential> credential(AuditReport report, String store, String id) {
        return report.credentials().stream()
                .filter(c -> c.credential().store().id().equals(store)
                        && c.credential().id().equals(id))
                .findFirst();
    }

    @Test
    void shouldFindEveryJobThatUsesAnAppPasswordInTheExampleHome() {
        // given
        SyntheticJenkinsHome home = SyntheticJenkinsHome.example(dir);

        // when
        AuditReport report = scan(home.home());

        // then
        assertThat(report.jobsUsingAppPasswords())
                .containsExactly("gateway", "legacy-nightly", "widget-build", "widget-release");
        assertThat(report.secretsReadable()).isTrue();
        assertThat(report.skipped()).isEmpty();
        assertThat(report.phase()).isEqualTo(DeprecationPhase.REMOVED);
        assertThat(report.asOf()).isEqualTo(AS_OF);
    }

    @Test
    void shouldClassifyEveryCredentialOfEveryStoreFromItsDecryptedSecret() {
        AuditReport report = scan(SyntheticJenkinsHome.example(dir).home());

        assertThat(credential(report, "system", "bitbucket")
                        .orElseThrow()
                        .credential()
                        .kind())
                .isEqualTo(CredentialKind.APP_PASSWORD);
        assertThat(credential(report, "system", "bitbucket-api-token")
                        .orElseThrow()
                        .credential()
                        .kind())
                .isEqualTo(CredentialKind.API_TOKEN);
        assertThat(credential(report, "system", "bitbucket-access-token")
                        .orElseThrow()
                        .credential()
                        .kind())
                .isEqualTo(CredentialKind.ACCESS_TOKEN);
        CredentialRecord ssh =
                credential(report, "system", "agent-ssh").orElseThrow().credential();
        assertThat(ssh.kind()).isEqualTo(CredentialKind.OTHER);
        assertThat(ssh.scope()).isEqualTo(CredentialScope.SYSTEM);
        assertThat(ssh.type()).isEqualTo(SyntheticJenkinsHome.SSH_KEY);
        assertThat(credential(report, "system", "bitbucket-release")
                        .orElseThrow()
                        .credential()
                        .kind())
                .as("a credential in a named domain")
                .isEqualTo(CredentialKind.APP_PASSWORD);
        CredentialRecord user =
                credential(report, "user:jane", "jane-bitbucket").orElseThrow().credential();
        assertThat(user.scope()).isEqualTo(CredentialScope.USER);
        assertThat(user.kind()).isEqualTo(CredentialKind.APP_PASSWORD);
        assertThat(user.username()).contains("jane-doe");
    }

    @Test
    void shouldResolveAFolderCredentialBeforeAGlobalOneWithTheSameId() {
        AuditReport report = scan(SyntheticJenkinsHome.example(dir).home());
        Map<String, AuditedItem> items = itemsByName(report);

        ResolvedReference inFolder =
                items.get("payments/ledger-build").references().get(0);
        assertThat(inFolder.resolvedStore()).contains(StoreRef.folder("payments"));
        assertThat(inFolder.kind()).contains(CredentialKind.API_TOKEN);
        ResolvedReference outside = items.get("widget-build").references().get(0);
        assertThat(outside.resolvedStore()).contains(StoreRef.system());
        assertThat(outside.kind()).contains(CredentialKind.APP_PASSWORD);
        assertThat(credential(report, "folder:payments", "bitbucket")
                        .orElseThrow()
                        .usedBy())
                .containsExactly("payments/ledger", "payments/ledger-build");
        assertThat(credential(report, "system", "bitbucket").orElseThrow().usedBy())
                .containsExactly("gateway", "legacy-nightly", "widget-build");
    }

    @Test
    void shouldReportGeneratedItemsUnderTheProjectOrFolderThatOwnsThem() {
        AuditReport report = scan(SyntheticJenkinsHome.example(dir).home());
        Map<String, AuditedItem> items = itemsByName(report);

        assertThat(items.keySet())
                .containsExactlyInAnyOrder(
                        "acme",
                        "docs-site",
                        "gateway",
                        "legacy-nightly",
                        "payments/ledger",
                        "payments/ledger-build",
                        "widget-build",
                        "widget-release");
        AuditedItem multibranch = items.get("payments/ledger");
        assertThat(multibranch.item().type())
                .isEqualTo("org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject");
        assertThat(multibranch.references())
                .extracting(r -> r.reference().where())
                .containsExactly(ReferenceSource.BRANCH_SOURCE);
        assertThat(multibranch.item().bitbucketUrls()).containsExactly("https://bitbucket.org/acme/ledger.git");
        AuditedItem organization = items.get("acme");
        assertThat(organization.item().type()).isEqualTo("jenkins.branch.OrganizationFolder");
        assertThat(organization.references())
                .extracting(r -> r.reference().where())
                .containsExactly(ReferenceSource.NAVIGATOR);
        assertThat(report.itemsScanned()).isEqualTo(9);
    }

    @Test
    void shouldReadPipelineScriptsAndDisabledJobs() {
        AuditReport report = scan(SyntheticJenkinsHome.example(dir).home());
        Map<String, AuditedItem> items = itemsByName(report);

        assertThat(items.get("widget-release").references())
                .extracting(
                        r -> r.reference().credentialsId(), r -> r.reference().where(), r -> r.kind()
                                .orElseThrow())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "bitbucket-release", ReferenceSource.SCRIPT, CredentialKind.APP_PASSWORD),
                        org.assertj.core.groups.Tuple.tuple(
                                "bitbucket-api-token", ReferenceSource.SCRIPT, CredentialKind.API_TOKEN));
        assertThat(items.get("widget-release").item().bitbucketUrls())
                .containsExactly("https://bitbucket.org/acme/widget.git");
        assertThat(items.get("legacy-nightly").item().disabled()).isTrue();
        assertThat(items.get("widget-build").item().disabled()).isFalse();
        assertThat(items.get("docs-site").references().get(0).reference().where())
                .isEqualTo(ReferenceSource.SCM);
    }

    @Test
    void shouldNotLetItemsSeeSystemScopedCredentialsAndReportIdsThatResolveToNothing() {
        SyntheticJenkinsHome home = SyntheticJenkinsHome.at(dir, 1)
                .systemCredentials(
                        List.of(Cred.usernamePassword("agents-only", "jane", TestSecrets.appPassword(1))
                                .scope("SYSTEM")),
                        List.of())
                .freestyleJob("uses-system", "https://bitbucket.org/acme/a.git", "agents-only", false)
                .freestyleJob("uses-missing", "https://bitbucket.org/acme/b.git", "no-such-id", false);

        AuditReport report = scan(home.home());
        Map<String, AuditedItem> items = itemsByName(report);

        assertThat(items.get("uses-system").references().get(0).credential()).isEmpty();
        assertThat(items.get("uses-missing").references().get(0).credential()).isEmpty();
        assertThat(report.jobsUsingAppPasswords()).isEmpty();
        assertThat(credential(report, "system", "agents-only").orElseThrow().usedBy())
                .isEmpty();
    }

    @Test
    void shouldSayWhatItCouldNotKnowWhenTheSecretsAreUnreadable() throws IOException {
        SyntheticJenkinsHome home = SyntheticJenkinsHome.example(dir);
        Files.delete(dir.resolve("secrets/hudson.util.Secret"));

        AuditReport report = scan(home.home());

        assertThat(report.secretsReadable()).isFalse();
        assertThat(report.jobsUsingAppPasswords()).isEmpty();
        assertThat(credential(report, "system", "bitbucket")
                        .orElseThrow()
                        .credential()
                        .kind())
                .isEqualTo(CredentialKind.UNKNOWN);
        assertThat(credential(report, "system", "agent-ssh")
                        .orElseThrow()
                        .credential()
                        .kind())
                .isEqualTo(CredentialKind.OTHER);
        assertThat(report.skipped()).singleElement().satisfies(s -> assertThat(s.reason())
                .contains("secrets/hudson.util.Secret is missing"));
        assertThat(report.unknownCredentialsInUse()).isNotEmpty();
        assertThat(itemsByName(report)).containsKey("widget-build");
    }

    @Test
    void shouldRecogniseAnOlderAppPasswordWithoutADigitByItsUseWithBitbucketCloudAndNoPlainPassword() {
        // given: 20 letters without a digit used on bitbucket.org; the same shape as a plain password elsewhere;
        // 20 letters and digits with an e-mail username, which app passwords never had
        SyntheticJenkinsHome home = SyntheticJenkinsHome.at(dir, 21)
                .systemCredentials(
                        List.of(
                                Cred.usernamePassword("old-app-password", "jane-doe", "abcdefghijKLMNOPQRST"),
                                Cred.usernamePassword("nexus", "deploy", "correcthorsebatterys"),
                                Cred.usernamePassword("mail-login", "jane@example.com", "abcDEF123ghiJKL456mn")),
                        List.of())
                .freestyleJob("widget", "https://bitbucket.org/acme/widget.git", "old-app-password", false)
                .freestyleJobWithBinding("publish", "nexus")
                .freestyleJob("mirror", "https://bitbucket.org/acme/mirror.git", "mail-login", false);

        // when
        AuditReport report = scan(home.home());

        // then
        assertThat(report.jobsUsingAppPasswords()).containsExactly("widget");
        CredentialRecord old =
                credential(report, "system", "old-app-password").orElseThrow().credential();
        assertThat(old.kind()).isEqualTo(CredentialKind.APP_PASSWORD);
        assertThat(old.evidence())
                .anySatisfy(e -> assertThat(e).contains("20 letters without a digit"))
                .anySatisfy(e -> assertThat(e).contains("username jane-doe"))
                .anySatisfy(e -> assertThat(e).isEqualTo("widget uses it with Bitbucket Cloud (bitbucket.org)"));
        CredentialRecord nexus =
                credential(report, "system", "nexus").orElseThrow().credential();
        assertThat(nexus.kind()).isEqualTo(CredentialKind.OTHER);
        assertThat(nexus.evidence()).contains("no item uses it with Bitbucket Cloud");
        CredentialRecord mail =
                credential(report, "system", "mail-login").orElseThrow().credential();
        assertThat(mail.kind()).isEqualTo(CredentialKind.OTHER);
        assertThat(mail.evidence()).anySatisfy(e -> assertThat(e).contains("jane@example.com is an e-mail address"));
        assertThat(AuditReportJson.toJson(report) + report)
                .doesNotContain("abcdefghijKLMNOPQRST", "correcthorsebatterys", "abcDEF123ghiJKL456mn");
    }

    @Test
    void shouldNotTakeTwentyLettersAndDigitsUsedOnlyWithOtherHostsForAnAppPassword() {
        // given: the older shape, used only with GitHub and a Bitbucket Data Center server
        SyntheticJenkinsHome home = SyntheticJenkinsHome.at(dir, 22)
                .systemCredentials(
                        List.of(
                                Cred.usernamePassword("elsewhere", "jenkins-bot", "abcDEF123ghiJKL456mn"),
                                Cred.usernamePassword("cloud", "jenkins-bot", "zyxWVU987tsrQPO654ml")),
                        List.of())
                .freestyleJob("github", "https://github.com/acme/widget.git", "elsewhere", false)
                .freestyleJob("data-center", "https://bitbucket.example.com/scm/acme/widget.git", "elsewhere", false)
                .freestyleJob("cloud", "git@bitbucket.org:acme/widget.git", "cloud", false);

        // when
        AuditReport report = scan(home.home());

        // then
        assertThat(report.jobsUsingAppPasswords()).containsExactly("cloud");
        assertThat(credential(report, "system", "elsewhere").orElseThrow().credential())
                .satisfies(c -> assertThat(c.kind()).isEqualTo(CredentialKind.OTHER))
                .satisfies(c -> assertThat(c.evidence())
                        .contains("every item that uses it does so with bitbucket.example.com, github.com, which is"
                                + " not Bitbucket Cloud"));
    }

    @Test
    void shouldAnswerPossiblyWithoutSecretsAndListOnlyTheItemsTheFilesCannotClear() throws IOException {
        // given: the example home without its keys
        SyntheticJenkinsHome home = SyntheticJenkinsHome.example(dir);
        Files.delete(dir.resolve("secrets/master.key"));

        // when
        AuditReport report = scan(home.home());
        StringBuilder text = new StringBuilder();
        AuditReportText.write(report, text);

        // then: exactly the items that use app passwords are possibly affected, each with its evidence
        assertThat(text.toString())
                .startsWith("Secrets could not be read, so the answer is \"possibly\": 4 item(s) may use a Bitbucket"
                        + " app password; the files prove that the other items do not.\n");
        assertThat(report.answer()).isEqualTo(AuditReport.Answer.POSSIBLY);
        assertThat(report.jobsPossiblyUsingAppPasswords())
                .containsExactly("gateway", "legacy-nightly", "widget-build", "widget-release");
        assertThat(report.jobsUsingAppPasswords()).isEmpty();
        assertThat(report.unknownCredentialsInUse())
                .extracting(
                        c -> c.credential().store().id() + " " + c.credential().id())
                .containsExactly("system bitbucket", "system bitbucket-release");
        assertThat(itemsByName(report).get("widget-build").possibleAppPasswordEvidence())
                .singleElement()
                .satisfies(e -> assertThat(e)
                        .startsWith("bitbucket in system (scm): ")
                        .contains("32 to 47 bytes", "username jane-doe"));
        // and what proves the others are no app passwords
        assertThat(credential(report, "system", "bitbucket-access-token")
                        .orElseThrow()
                        .credential()
                        .evidence())
                .contains("the encrypted secret holds 192 to 207 bytes, and an app password has 20 or 36 characters");
        assertThat(credential(report, "system", "bitbucket-api-token")
                        .orElseThrow()
                        .credential()
                        .evidence())
                .anySatisfy(e -> assertThat(e).contains("x-bitbucket-api-token-auth is the fixed name for API tokens"));
        assertThat(credential(report, "folder:payments", "bitbucket")
                        .orElseThrow()
                        .credential()
                        .kind())
                .isEqualTo(CredentialKind.OTHER);
    }

    @Test
    void shouldClearAnUnreadableCredentialUsedOnlyWithADataCenterServer() throws IOException {
        // given: a credential that fits an app password, used only with Bitbucket Data Center, keys missing
        SyntheticJenkinsHome home = SyntheticJenkinsHome.at(dir, 23)
                .systemCredentials(
                        List.of(
                                Cred.usernamePassword("dc", "jane", TestSecrets.appPassword(23)),
                                Cred.usernamePassword("cloud", "jane", TestSecrets.appPassword(24))),
                        List.of())
                .freestyleJob("dc-build", "https://bitbucket.example.com/scm/acme/w.git", "dc", false)
                .freestyleJobWithBinding("bound", "cloud");
        Files.delete(dir.resolve("secrets/hudson.util.Secret"));

        // when
        AuditReport report = scan(home.home());

        // then: a binding names no host, so "bound" may still use an app password
        assertThat(report.jobsPossiblyUsingAppPasswords()).containsExactly("bound");
        assertThat(credential(report, "system", "dc").orElseThrow().credential().kind())
                .isEqualTo(CredentialKind.OTHER);
    }

    @Test
    void shouldRejectKeysFromAnotherJenkins() throws IOException {
        SyntheticJenkinsHome home = SyntheticJenkinsHome.example(dir);
        Files.writeString(dir.resolve("secrets/master.key"), "0123456789abcdef".repeat(16));

        AuditReport report = scan(home.home());

        assertThat(report.secretsReadable()).isFalse();
        assertThat(report.skipped()).singleElement().satisfies(s -> assertThat(s.reason())
                .contains("does not belong to secrets/master.key"));
    }

    @Test
    @DisabledOnOs(
            value = OS.WINDOWS,
            disabledReason = "the hostile home has a symbolic link loop; creating one needs a privilege Windows users"
                    + " rarely hold")
    void shouldFinishAndReportEverythingValidWhenFilesAreHostile() throws IOException {
        // given: a valid job, and every kind of hostile file next to it
        Path outside = dir.resolve("outside-secret.txt");
        Files.writeString(outside, "EXFILTRATED-MARKER");
        Path home = dir.resolve("home");
        SyntheticJenkinsHome writer = SyntheticJenkinsHome.at(home, 7)
                .systemCredentials(List.of(Cred.usernamePassword("bb", "jane", TestSecrets.appPassword(7))), List.of())
                .freestyleJob("valid", "https://bitbucket.org/acme/valid.git", "bb", false);
        writer.raw("jobs/malformed/config.xml", bytes("<project><credentialsId>bb</credentialsId>"));
        writer.raw(
                "jobs/xxe/config.xml",
                bytes("<?xml version='1.0'?>\n<!DOCTYPE project [<!ENTITY x SYSTEM \"" + outside.toUri() + "\">]>\n"
                        + "<project><scm><credentialsId>&x;</credentialsId></scm></project>"));
        writer.raw("jobs/bomb/config.xml", bytes(billionLaughs()));
        writer.raw(
                "jobs/huge/config.xml",
                bytes("<project><description>" + "x".repeat(5000) + "</description></project>"));
        byte[] latin1 =
                "<project><description>caf\u00e9</description><scm><userRemoteConfigs><hudson.plugins.git.UserRemoteConfig><credentialsId>bb</credentialsId></hudson.plugins.git.UserRemoteConfig></userRemoteConfigs></scm></project>"
                        .getBytes(StandardCharsets.ISO_8859_1);
        writer.raw("jobs/latin1/config.xml", latin1);
        Files.createDirectories(home.resolve("jobs/not-a-file/config.xml"));
        Files.createDirectories(home.resolve("jobs/looping/jobs"));
        writer.raw("jobs/looping/config.xml", bytes("<com.cloudbees.hudson.plugins.folder.Folder/>"));
        Files.createSymbolicLink(home.resolve("jobs/looping/jobs/again"), home.resolve("jobs/looping"));

        // when
        AuditReport report = new JenkinsHomeScanner(4096, 2, n -> {}).scan(home, AS_OF);

        // then
        assertThat(report.jobsUsingAppPasswords()).containsExactly("latin1", "valid");
        Map<String, String> skipped = report.skipped().stream()
                .collect(Collectors.toMap(SkippedFile::path, SkippedFile::reason, (a, b) -> a + " | " + b));
        assertThat(skipped.get("jobs/malformed/config.xml")).contains("not well-formed XML");
        assertThat(skipped.get("jobs/xxe/config.xml")).contains("DOCTYPE");
        assertThat(skipped.get("jobs/bomb/config.xml")).contains("DOCTYPE");
        assertThat(skipped.get("jobs/huge/config.xml")).contains("larger than 4096 bytes");
        assertThat(skipped.get("jobs/latin1/config.xml")).contains("not UTF-8");
        assertThat(skipped.get("jobs/not-a-file/config.xml")).contains("not a regular file");
        assertThat(skipped.get("jobs/looping/jobs/again")).contains("already scanned");
        assertThat(AuditReportJson.toJson(report)).doesNotContain("EXFILTRATED-MARKER");
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "symbolic links need a privilege on Windows")
    void shouldReadEachLeafWithOneStatAndStillTellBrokenLinksFromDirectoriesWithoutConfiguration() throws IOException {
        // given: a job, a job whose config.xml links to another file, one whose link is broken, and a directory
        // without any config.xml
        Path home = dir.resolve("home");
        SyntheticJenkinsHome writer = SyntheticJenkinsHome.at(home, 7)
                .systemCredentials(List.of(Cred.usernamePassword("bb", "jane", TestSecrets.appPassword(7))), List.of())
                .freestyleJob("plain", "https://bitbucket.org/acme/plain.git", "bb", false);
        writer.raw(
                "elsewhere/linked.xml",
                bytes("<project><scm><userRemoteConfigs><hudson.plugins.git.UserRemoteConfig>"
                        + "<url>https://bitbucket.org/acme/linked.git</url><credentialsId>bb</credentialsId>"
                        + "</hudson.plugins.git.UserRemoteConfig></userRemoteConfigs></scm></project>"));
        Files.createDirectories(home.resolve("jobs/linked"));
        Files.createSymbolicLink(home.resolve("jobs/linked/config.xml"), home.resolve("elsewhere/linked.xml"));
        Files.createDirectories(home.resolve("jobs/broken"));
        Files.createSymbolicLink(home.resolve("jobs/broken/config.xml"), home.resolve("nowhere.xml"));
        Files.createDirectories(home.resolve("jobs/empty"));

        // when
        AuditReport report = new JenkinsHomeScanner(1 << 20, 2, n -> {}).scan(home, AS_OF);

        // then
        assertThat(report.jobsUsingAppPasswords()).containsExactly("linked", "plain");
        assertThat(report.itemsScanned()).isEqualTo(2);
        assertThat(report.skipped()).extracting(SkippedFile::path).containsExactly("jobs/broken/config.xml");
        assertThat(report.skipped().get(0).reason()).contains("does not exist or is a broken link");
    }

    @Test
    void shouldReadFilesWholeWhateverTheirSizeUpToTheLimitAndSkipLargerOnes() throws IOException {
        // given: jobs whose only reference comes after a description larger than a read buffer, one exactly at
        // the limit, and one a byte over it
        int limit = 300_000;
        Path home = dir.resolve("home");
        SyntheticJenkinsHome writer = SyntheticJenkinsHome.at(home, 7)
                .systemCredentials(List.of(Cred.usernamePassword("bb", "jane", TestSecrets.appPassword(7))), List.of());
        for (int size : List.of(1, 65_535, 65_536, 65_537, 200_000)) {
            writer.raw("jobs/job-" + size + "/config.xml", bytes(jobWithDescription(size)));
        }
        String atLimit = jobWithDescription(0);
        writer.raw("jobs/at-limit/config.xml", bytes(jobWithDescription(limit - atLimit.length())));
        writer.raw("jobs/over-limit/config.xml", bytes(jobWithDescription(limit - atLimit.length() + 1)));

        // when
        AuditReport report = new JenkinsHomeScanner(limit, 2, n -> {}).scan(home, AS_OF);

        // then
        assertThat(report.jobsUsingAppPasswords())
                .containsExactly("at-limit", "job-1", "job-200000", "job-65535", "job-65536", "job-65537");
        assertThat(report.skipped()).extracting(SkippedFile::path).containsExactly("jobs/over-limit/config.xml");
        assertThat(report.skipped().get(0).reason()).contains("larger than " + limit + " bytes");
    }

    private static String jobWithDescription(int length) {
        return "<project><description>" + "d".repeat(length) + "</description><builders><x>"
                + "<credentialsId>bb</credentialsId></x></builders></project>";
    }

    @Test
    void shouldFindTheJobsOfACredentialsStoreWithOneLatin1Byte() throws IOException {
        // given: credentials.xml as a hand edit leaves it, one Latin-1 byte in a description
        SyntheticJenkinsHome home = SyntheticJenkinsHome.at(dir, 12)
                .systemCredentials(List.of(Cred.usernamePassword("bb", "jane", TestSecrets.appPassword(12))), List.of())
                .freestyleJob("widget", "https://bitbucket.org/acme/widget.git", "bb", false);
        Path store = dir.resolve("credentials.xml");
        String xml = Files.readString(store).replace("synthetic, for tests", "caf\u00e9");
        Files.write(store, xml.getBytes(StandardCharsets.ISO_8859_1));

        // when
        AuditReport report = scan(home.home());

        // then
        assertThat(report.jobsUsingAppPasswords()).containsExactly("widget");
        assertThat(report.skipped()).singleElement().satisfies(s -> {
            assertThat(s.path()).isEqualTo("credentials.xml");
            assertThat(s.reason()).contains("not UTF-8");
        });
    }

    @Test
    void shouldNeverPutASecretOrItsCipherTextInTheReport() throws IOException {
        SyntheticJenkinsHome.example(dir);
        String credentialsXml = Files.readString(dir.resolve("credentials.xml"));

        AuditReport report = scan(dir);
        String everything = AuditReportJson.toJson(report) + AuditReportCsv.toCsv(report) + report;

        for (long seed = 101; seed <= 106; seed++) {
            assertThat(everything)
                    .doesNotContain(TestSecrets.appPassword(seed))
                    .doesNotContain(TestSecrets.apiToken(seed))
                    .doesNotContain(TestSecrets.accessToken(seed));
        }
        for (String cipherText : credentialsXml.split("[{}]")) {
            if (cipherText.length() > 40 && !cipherText.contains("<")) {
                assertThat(everything).doesNotContain(cipherText);
            }
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String billionLaughs() {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
        sb.append(" <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n");
        for (int i = 2; i <= 9; i++) {
            sb.append(" <!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                sb.append("&lol").append(i - 1).append(';');
            }
            sb.append("\">\n");
        }
        sb.append("]>\n<project><description>&lol9;</description></project>\n");
        return sb.toString();
    }

    @Test
    void shouldWriteTheSameReportWhetherTheLeanReaderOrOnlySaxReadsTheFiles() throws IOException {
        // given a generated home with every kind of job, and files only SAX reads or refuses
        SyntheticJenkinsHome writer = SyntheticJenkinsHome.generate(dir.resolve("generated"), 400, 7L);
        Path example = SyntheticJenkinsHome.example(dir.resolve("example")).home();
        writer.raw("jobs/malformed/config.xml", bytes("<project><credentialsId>bb</credentialsId>"));
        writer.raw("jobs/bomb/config.xml", bytes(billionLaughs()));
        writer.raw(
                "jobs/windows/config.xml",
                bytes("<?xml version='1.1' encoding='UTF-8'?>\r\n<project>\r\n  <scm><userRemoteConfigs>"
                        + "<hudson.plugins.git.UserRemoteConfig><url>https://bitbucket.org/acme/w.git</url>"
                        + "<credentialsId>bb-api-token</credentialsId></hudson.plugins.git.UserRemoteConfig>"
                        + "</userRemoteConfigs></scm>\r\n</project>\r\n"));
        writer.raw(
                "jobs/latin1/config.xml",
                "<project><description>caf\u00e9</description><credentialsId>bb-app-password</credentialsId></project>"
                        .getBytes(StandardCharsets.ISO_8859_1));
        writer.raw(
                "jobs/entities/config.xml",
                bytes("<?xml version='1.0' encoding='UTF-8'?><project><properties a='&amp;'/><builders><x>"
                        + "<credentialsId>bb-&#97;pi-token</credentialsId></x></builders></project>"));

        // when
        String lean = json(new JenkinsHomeScanner(1 << 20, 2, n -> {}, SecureXml.Parsers.LEAN_THEN_SAX)
                .scan(writer.home(), AS_OF));
        String sax = json(
                new JenkinsHomeScanner(1 << 20, 2, n -> {}, SecureXml.Parsers.SAX_ONLY).scan(writer.home(), AS_OF));
        String leanExample =
                json(new JenkinsHomeScanner(1 << 20, 2, n -> {}, SecureXml.Parsers.LEAN_THEN_SAX).scan(example, AS_OF));
        String saxExample =
                json(new JenkinsHomeScanner(1 << 20, 2, n -> {}, SecureXml.Parsers.SAX_ONLY).scan(example, AS_OF));

        // then
        assertThat(lean).isEqualTo(sax);
        assertThat(leanExample).isEqualTo(saxExample).contains("widget-build");
        assertThat(lean).contains("jobs/malformed/config.xml", "jobs/bomb/config.xml", "jobs/latin1/config.xml");
        assertThat(lean).contains("team-3/job-399", "windows", "entities");
    }

    private static String json(AuditReport report) {
        StringBuilder out = new StringBuilder();
        AuditReportJson.write(report, out);
        return out.toString();
    }
}
