package io.jenkins.plugins.bitbucketapitoken.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bitbucketapitoken.core.audit.StoreRef;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UsageLogTest {

    private static final Instant USED = Instant.parse("2026-11-27T08:15:30Z");
    private static final Instant FAILED = Instant.parse("2026-11-28T06:40:10Z");

    @Test
    void shouldDescribeTheLastFailureWithItsTimeAndInWords() {
        UsageLog log = new UsageLog();
        log.recordUse(StoreRef.system(), "bb", USED);
        log.recordFailure(StoreRef.system(), "bb", FAILED, "APP_PASSWORD_REMOVED");

        UsageLog.Evidence evidence = log.evidence(StoreRef.system(), "bb");

        assertThat(evidence.describeLastUsed()).contains("2026-11-27 08:15 UTC");
        assertThat(evidence.describeLastFailure()).contains("2026-11-28 06:40 UTC: app password removed");
    }

    @Test
    void shouldDescribeNothingForACredentialWithoutEvidence() {
        UsageLog.Evidence evidence = new UsageLog().evidence(StoreRef.system(), "never-used");

        assertThat(evidence.describeLastUsed()).isEmpty();
        assertThat(evidence.describeLastFailure()).isEmpty();
    }

    @Test
    void shouldKeepTheEvidenceOfTwoStoresWithTheSameIdApart() {
        UsageLog log = new UsageLog();

        log.recordFailure(StoreRef.folder("team"), "bb", FAILED, "APP_PASSWORD_REMOVED");

        assertThat(log.evidence(StoreRef.system(), "bb")).isEqualTo(UsageLog.Evidence.NONE);
        assertThat(log.evidence(StoreRef.folder("team"), "bb").lastFailure()).contains("APP_PASSWORD_REMOVED");
    }

    @Test
    void shouldStopGrowingAtItsBoundAndRefuseOverlongIds() {
        UsageLog log = new UsageLog();
        for (int i = 0; i < UsageLog.MAX_ENTRIES; i++) {
            assertThat(log.recordFailure(StoreRef.system(), "made-up-" + i, FAILED, "NOT_FOUND"))
                    .isTrue();
        }

        boolean oneMore = log.recordUse(StoreRef.system(), "one-more", USED);
        boolean known = log.recordUse(StoreRef.system(), "made-up-0", USED);
        boolean overlong = new UsageLog().recordUse(StoreRef.system(), "x".repeat(UsageLog.MAX_ID_LENGTH + 1), USED);

        assertThat(oneMore).isFalse();
        assertThat(known).isTrue();
        assertThat(overlong).isFalse();
        assertThat(log.size()).isEqualTo(UsageLog.MAX_ENTRIES);
        assertThat(log.evidence(StoreRef.system(), "made-up-0").lastUsed()).contains(USED);
    }
}
