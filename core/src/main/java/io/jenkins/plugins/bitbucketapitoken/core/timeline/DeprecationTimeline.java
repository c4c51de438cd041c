package io.jenkins.plugins.bitbucketapitoken.core.timeline;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;

/**
 * Tells where Bitbucket Cloud's removal of app passwords stands on a given day. All dates are UTC and come from
 * {@link io.jenkins.plugins.bitbucketapitoken.core.BitbucketCloud}; the current day always comes from a
 * {@link Clock} passed in.
 */
public final class DeprecationTimeline {

    private DeprecationTimeline() {}

    /**
     * Returns the phase on a day.
     *
     * @param day a UTC calendar day
     * @return the phase that day
     */
    public static DeprecationPhase phaseOn(LocalDate day) {
        DeprecationPhase phase = DeprecationPhase.ACTIVE;
        for (DeprecationPhase candidate : DeprecationPhase.values()) {
            if (candidate.start().filter(start -> !day.isBefore(start)).isPresent()) {
                phase = candidate;
            }
        }
        return phase;
    }

    /**
     * Returns the phase at an instant.
     *
     * @param instant any instant
     * @return the phase on that instant's UTC day
     */
    public static DeprecationPhase phaseAt(Instant instant) {
        return phaseOn(LocalDate.ofInstant(instant, ZoneOffset.UTC));
    }

    /**
     * Returns the phase now.
     *
     * @param clock where now comes from
     * @return the phase today (UTC)
     */
    public static DeprecationPhase current(Clock clock) {
        return phaseAt(clock.instant());
    }

    /**
     * Returns the phase that follows a day's phase, if any.
     *
     * @param day a UTC calendar day
     * @return the next phase, empty once app passwords are removed
     */
    public static Optional<DeprecationPhase> nextAfter(LocalDate day) {
        DeprecationPhase now = phaseOn(day);
        return Arrays.stream(DeprecationPhase.values())
                .filter(p -> p.ordinal() == now.ordinal() + 1)
                .findFirst();
    }
}
