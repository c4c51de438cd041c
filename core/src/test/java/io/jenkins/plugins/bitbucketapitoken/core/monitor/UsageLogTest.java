package io.jenkins.plugins.bitbucketapitoken.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class UsageLogTest {

    private static final Instant USED = Instant.parse("2026-11-27T08:15:30Z");
    private static final Instant FAILED = Instant.parse("2026-11-28T06:40:10Z");

    @Test
    void shouldDescribeTheLastFailureWithItsTimeAndInWords() {
        UsageLog log = new UsageLog();
        log.recordUse("bb", USED);
        log.recordFailure("bb", FAILED, "APP_PASSWORD_REMOVED");

        UsageLog.Evidence evidence = log.evidence("bb");

        assertThat(evidence.describeLastUsed()).contains("2026-11-27 08:15 UTC");
        assertThat(evidence.describeLastFailure()).contains("2026-11-28 06:40 UTC: app password removed");
    }

    @Test
    void shouldDescribeNothingForACredentialWithoutEvidence() {
        UsageLog.Evidence evidence = new UsageLog().evidence("never-used");

        assertThat(evidence.describeLastUsed()).isEmpty();
        assertThat(evidence.describeLastFailure()).isEmpty();
    }
}
