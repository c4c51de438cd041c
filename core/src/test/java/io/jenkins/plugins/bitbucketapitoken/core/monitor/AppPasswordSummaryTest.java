package io.jenkins.plugins.bitbucketapitoken.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.Severity;
import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialIndex;
import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialKind;
import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialRecord;
import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialReference;
import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialScope;
import io.jenkins.plugins.bitbucketapitoken.core.audit.ItemRecord;
import io.jenkins.plugins.bitbucketapitoken.core.audit.ReferenceIndex;
import io.jenkins.plugins.bitbucketapitoken.core.audit.ReferenceSource;
import io.jenkins.plugins.bitbucketapitoken.core.audit.StoreRef;
import io.jenkins.plugins.bitbucketapitoken.core.timeline.DeprecationPhase;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppPasswordSummaryTest {

    private static final String JOB = "org.jenkinsci.plugins.workflow.job.WorkflowJob";
    private static final String UP = "com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl";

    private final ReferenceIndex index = new ReferenceIndex();
    private final UsageLog usage = new UsageLog();
    private CredentialIndex credentials;

    private static CredentialRecord credential(StoreRef store, String id, CredentialKind kind) {
        return new CredentialRecord(id, store, CredentialScope.GLOBAL, UP, Optional.of("jane-doe"), kind);
    }

    private static ItemRecord job(String fullName, String... ids) {
        return new ItemRecord(
                fullName,
                JOB,
                false,
                List.of(ids).stream()
                        .map(id -> new CredentialReference(id, ReferenceSource.SCM))
                        .toList(),
                List.of());
    }

    @BeforeEach
    void givenStoresWithAnAppPasswordShadowedInOneFolder() {
        credentials = CredentialIndex.of(List.of(
                credential(StoreRef.system(), "bb", CredentialKind.APP_PASSWORD),
                credential(StoreRef.folder("team"), "bb", CredentialKind.API_TOKEN),
                credential(StoreRef.system(), "unused-legacy", CredentialKind.APP_PASSWORD),
                credential(StoreRef.system(), "token", CredentialKind.API_TOKEN)));
        index.put(job("app", "bb"));
        index.put(job("team/app", "bb"));
        index.put(job("other", "token", "missing"));
    }

    private AppPasswordSummary summary(DeprecationPhase phase) {
        return AppPasswordSummary.of(index.items(), credentials, usage, phase);
    }

    @Test
    void shouldListOnlyItemsWhoseReferenceResolvesToAnAppPassword() {
        AppPasswordSummary summary = summary(DeprecationPhase.REMOVED);

        assertThat(summary.items()).containsExactly("app");
        assertThat(summary.rows()).singleElement().satisfies(r -> {
            assertThat(r.credential().store()).isEqualTo(StoreRef.system());
            assertThat(r.credential().id()).isEqualTo("bb");
        });
        assertThat(summary.appPasswordCredentials())
                .extracting(CredentialRecord::id)
                .containsExactly("bb", "unused-legacy");
        assertThat(summary.isActive()).isTrue();
    }

    @Test
    void shouldFollowCreateRenameMoveDeleteAndSaveOfItems() {
        index.put(job("new", "bb"));
        assertThat(summary(DeprecationPhase.REMOVED).items()).containsExactly("app", "new");

        index.rename("new", "renamed");
        assertThat(summary(DeprecationPhase.REMOVED).items()).containsExactly("app", "renamed");

        index.rename("renamed", "team/moved");
        assertThat(summary(DeprecationPhase.REMOVED).items()).containsExactly("app");

        index.put(job("app", "token"));
        assertThat(summary(DeprecationPhase.REMOVED).items()).isEmpty();

        index.put(job("app", "bb"));
        index.remove("app");
        assertThat(summary(DeprecationPhase.REMOVED).items()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "REMOVED, MONITOR_APP_PASSWORDS_REMOVED, ERROR",
        "BROWNOUT, MONITOR_APP_PASSWORDS_BROWNOUT, ERROR",
        "CREATION_DISABLED, MONITOR_APP_PASSWORDS_DEPRECATED, WARNING",
        "ACTIVE, MONITOR_APP_PASSWORDS_DEPRECATED, WARNING",
    })
    void shouldSayWhatThePhaseMeansWithTheCounts(DeprecationPhase phase, Message message, Severity severity) {
        AppPasswordSummary summary = summary(phase);

        assertThat(summary.headline().code()).isEqualTo(message);
        assertThat(summary.severity()).isEqualTo(severity);
        assertThat(summary.headline().message())
                .contains("Jobs on app passwords: 1;")
                .contains("app-password credentials: 2.");
    }

    @Test
    void shouldRememberADismissalPerPhaseSoItReturnsWhenThePhaseEscalates() {
        assertThat(AppPasswordSummary.dismissalKey("bitbucketAppPasswords", DeprecationPhase.BROWNOUT))
                .isNotEqualTo(AppPasswordSummary.dismissalKey("bitbucketAppPasswords", DeprecationPhase.REMOVED))
                .isEqualTo("bitbucketAppPasswords@BROWNOUT");
    }

    @Test
    void shouldSortRowsGivenInAnyOrderAndListEachItemOnce() {
        CredentialRecord a = credential(StoreRef.system(), "a", CredentialKind.APP_PASSWORD);
        CredentialRecord b = credential(StoreRef.system(), "b", CredentialKind.APP_PASSWORD);
        UsageLog.Evidence none = usage.evidence(StoreRef.system(), "a");

        AppPasswordSummary summary = new AppPasswordSummary(
                DeprecationPhase.REMOVED,
                List.of(
                        new AppPasswordSummary.Row("z", a, none),
                        new AppPasswordSummary.Row("m", b, none),
                        new AppPasswordSummary.Row("z", b, none),
                        new AppPasswordSummary.Row("m", a, none)),
                List.of(a, b));

        assertThat(summary.rows())
                .extracting(row -> row.item() + ":" + row.credential().id())
                .containsExactly("m:a", "m:b", "z:a", "z:b");
        assertThat(summary.items()).containsExactly("m", "z");
        assertThat(summary.headline().message()).contains("2");
    }

    @Test
    void shouldBeInactiveWhenNothingUsesAnAppPassword() {
        AppPasswordSummary summary = AppPasswordSummary.of(
                List.of(job("x", "token")),
                CredentialIndex.of(List.of(credential(StoreRef.system(), "token", CredentialKind.API_TOKEN))),
                usage,
                DeprecationPhase.REMOVED);

        assertThat(summary.isActive()).isFalse();
        assertThat(summary.items()).isEmpty();
    }

    @Test
    void shouldCarryRuntimeEvidence() {
        usage.recordUse(StoreRef.system(), "bb", Instant.parse("2026-11-01T10:00:00Z"));
        usage.recordUse(StoreRef.system(), "bb", Instant.parse("2026-10-01T10:00:00Z"));
        usage.recordFailure(StoreRef.system(), "bb", Instant.parse("2026-11-02T10:00:00Z"), "APP_PASSWORD_REMOVED");

        AppPasswordSummary.Row row = summary(DeprecationPhase.REMOVED).rows().get(0);

        assertThat(row.evidence().lastUsed()).contains(Instant.parse("2026-11-01T10:00:00Z"));
        assertThat(row.evidence().lastFailed()).contains(Instant.parse("2026-11-02T10:00:00Z"));
        assertThat(row.evidence().lastFailure()).contains("APP_PASSWORD_REMOVED");
        assertThat(usage.evidence(StoreRef.system(), "never")).isEqualTo(UsageLog.Evidence.NONE);
    }

    @Test
    void shouldExportCsvAndJsonWithEveryRowAndNoFormulas() {
        credentials = CredentialIndex.of(List.of(
                credential(StoreRef.system(), "bb", CredentialKind.APP_PASSWORD),
                credential(StoreRef.system(), "=cmd", CredentialKind.APP_PASSWORD)));

        AppPasswordSummary summary = summary(DeprecationPhase.REMOVED);
        String csv = AppPasswordSummaryExport.toCsv(summary);
        String json = AppPasswordSummaryExport.toJson(summary);

        assertThat(csv.split("\r\n"))
                .containsExactly(
                        String.join(",", AppPasswordSummaryExport.COLUMNS),
                        "app,bb,system,APP_PASSWORD,jane-doe,,,",
                        "team/app,bb,system,APP_PASSWORD,jane-doe,,,",
                        ",'=cmd,system,APP_PASSWORD,jane-doe,,,");
        assertThat(json).contains("\"phase\" : \"REMOVED\"").contains("\"items\" : [ \"app\", \"team/app\" ]");
    }
}
