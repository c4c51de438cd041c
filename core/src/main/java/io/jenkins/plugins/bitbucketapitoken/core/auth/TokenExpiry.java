package io.jenkins.plugins.bitbucketapitoken.core.auth;

import io.jenkins.plugins.bitbucketapitoken.core.BitbucketCloud;
import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import io.jenkins.plugins.bitbucketapitoken.core.Validated;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Judges an API token's expiry date: every API token expires within 365 days and cannot be extended, so Jenkins
 * warns {@value #WARNING_DAYS} days ahead.
 */
public final class TokenExpiry {

    /** How many days before the expiry a token counts as expiring soon. */
    public static final int WARNING_DAYS = 30;

    private TokenExpiry() {}

    /** Names where a token stands with respect to its expiry. */
    public enum State {
        /** No expiry date is known. */
        UNKNOWN,
        /** More than {@value #WARNING_DAYS} days left. */
        VALID,
        /** At most {@value #WARNING_DAYS} days left. */
        EXPIRING_SOON,
        /** The day has passed; the token no longer works. */
        EXPIRED
    }

    /**
     * Reads an expiry date typed by a person: blank means none.
     *
     * @param text the date as {@code YYYY-MM-DD}, or {@code null} or blank
     * @return the date if any, or what is wrong with the text
     */
    public static Validated<Optional<LocalDate>> parse(String text) {
        if (text == null || text.isBlank()) {
            return Validated.valid(Optional.empty());
        }
        try {
            return Validated.valid(Optional.of(LocalDate.parse(text.strip())));
        } catch (DateTimeParseException e) {
            String shown = text.strip().length() > 40 ? text.strip().substring(0, 40) + "..." : text.strip();
            return Validated.invalid(Message.EXPIRY_INVALID.problem(shown));
        }
    }

    /**
     * Tells where a token stands on today's date (UTC). A token stops working at the end of its expiry day.
     *
     * @param expiry the expiry date, if known
     * @param clock where today comes from
     * @return the state
     */
    public static State state(Optional<LocalDate> expiry, Clock clock) {
        if (expiry.isEmpty()) {
            return State.UNKNOWN;
        }
        long daysLeft = daysLeft(expiry.get(), clock);
        if (daysLeft < 0) {
            return State.EXPIRED;
        }
        return daysLeft <= WARNING_DAYS ? State.EXPIRING_SOON : State.VALID;
    }

    /**
     * Counts the days from today (UTC) to the expiry day; negative once it has passed.
     *
     * @param expiry the expiry date
     * @param clock where today comes from
     * @return the days left
     */
    public static long daysLeft(LocalDate expiry, Clock clock) {
        return ChronoUnit.DAYS.between(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), expiry);
    }

    /**
     * Lists what a person should know about an expiry date.
     *
     * @param expiry the expiry date, if known
     * @param clock where today comes from
     * @return an error once expired, a warning when close or implausibly far, a note when unknown
     */
    public static List<Problem> check(Optional<LocalDate> expiry, Clock clock) {
        if (expiry.isEmpty()) {
            return List.of(Message.EXPIRY_UNKNOWN.problem());
        }
        LocalDate date = expiry.get();
        long daysLeft = daysLeft(date, clock);
        return switch (state(expiry, clock)) {
            case EXPIRED -> List.of(Message.TOKEN_EXPIRED.problem(date));
            case EXPIRING_SOON -> List.of(Message.TOKEN_EXPIRES_SOON.problem(date, daysLeft));
            case VALID ->
                daysLeft > BitbucketCloud.API_TOKEN_MAX_LIFETIME_DAYS
                        ? List.of(Message.EXPIRY_TOO_FAR.problem(date))
                        : List.of();
            case UNKNOWN -> List.of();
        };
    }
}
