package io.jenkins.plugins.bitbucketapitoken.core.verify;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Reads the {@code Retry-After} header: a number of seconds or an HTTP date (RFC 9110).
 *
 * <p>The header is untrusted input: parsing never throws, and a date in the past means "now".
 */
public final class RetryAfter {

    private static final Pattern SECONDS = Pattern.compile("\\d{1,9}");
    private static final int MAX_INPUT = 64;

    private RetryAfter() {}

    /**
     * Reads a {@code Retry-After} value.
     *
     * @param value the header value, or {@code null}
     * @param now the current time, for the date form
     * @return how long to wait, never negative; empty when the value is missing or unreadable
     */
    public static Optional<Duration> parse(String value, Instant now) {
        OptionalLong seconds = seconds(value);
        if (seconds.isPresent()) {
            return Optional.of(Duration.ofSeconds(seconds.getAsLong()));
        }
        if (value == null || value.isBlank() || value.length() > MAX_INPUT) {
            return Optional.empty();
        }
        try {
            Instant at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /**
     * Reads the seconds form of a {@code Retry-After} value only; needs no clock.
     *
     * @param value the header value, or {@code null}
     * @return the seconds, when the value is a plain non-negative number
     */
    public static OptionalLong seconds(String value) {
        if (value == null) {
            return OptionalLong.empty();
        }
        String v = value.strip();
        return SECONDS.matcher(v).matches() ? OptionalLong.of(Long.parseLong(v)) : OptionalLong.empty();
    }
}
