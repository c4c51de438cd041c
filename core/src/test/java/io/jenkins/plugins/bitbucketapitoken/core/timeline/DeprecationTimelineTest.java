package io.jenkins.plugins.bitbucketapitoken.core.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bitbucketapitoken.core.Severity;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeprecationTimelineTest {

    @ParameterizedTest
    @CsvSource({
        "2020-01-01, ACTIVE",
        "2025-09-08, ACTIVE",
        "2025-09-09, CREATION_DISABLED",
        "2026-06-08, CREATION_DISABLED",
        "2026-06-09, BROWNOUT",
        "2026-07-27, BROWNOUT",
        "2026-07-28, REMOVED",
        "2026-11-22, REMOVED",
        "2030-01-01, REMOVED",
    })
    void shouldPlaceEachDayInItsPhase(LocalDate day, DeprecationPhase expected) {
        assertThat(DeprecationTimeline.phaseOn(day)).isEqualTo(expected);
    }

    @Test
    void shouldTakeTheDayFromTheClockInUtc() {
        Clock lastMinuteOfBrownouts = Clock.fixed(Instant.parse("2026-07-27T23:59:59Z"), ZoneOffset.ofHours(10));
        Clock removal = Clock.fixed(Instant.parse("2026-07-28T00:00:00Z"), ZoneOffset.UTC);

        assertThat(DeprecationTimeline.current(lastMinuteOfBrownouts)).isEqualTo(DeprecationPhase.BROWNOUT);
        assertThat(DeprecationTimeline.current(removal)).isEqualTo(DeprecationPhase.REMOVED);
    }

    @Test
    void shouldRaiseSeverityAsTheRemovalApproaches() {
        assertThat(DeprecationPhase.ACTIVE.severity()).isEqualTo(Severity.INFO);
        assertThat(DeprecationPhase.CREATION_DISABLED.severity()).isEqualTo(Severity.WARNING);
        assertThat(DeprecationPhase.BROWNOUT.severity()).isEqualTo(Severity.ERROR);
        assertThat(DeprecationPhase.REMOVED.severity()).isEqualTo(Severity.ERROR);
        assertThat(DeprecationPhase.BROWNOUT.breaksAppPasswords()).isTrue();
        assertThat(DeprecationPhase.CREATION_DISABLED.breaksAppPasswords()).isFalse();
    }

    @Test
    void shouldNameTheNextPhaseUntilTheEnd() {
        assertThat(DeprecationTimeline.nextAfter(LocalDate.parse("2026-06-01"))).contains(DeprecationPhase.BROWNOUT);
        assertThat(DeprecationTimeline.nextAfter(LocalDate.parse("2026-08-01"))).isEmpty();
    }

    @Test
    void shouldSayInEachPhaseMessageWhenAppPasswordsStop() {
        for (DeprecationPhase phase : DeprecationPhase.values()) {
            if (phase != DeprecationPhase.ACTIVE) {
                assertThat(phase.message().text()).contains("2026-07-28").as(phase.name());
            }
        }
    }
}
