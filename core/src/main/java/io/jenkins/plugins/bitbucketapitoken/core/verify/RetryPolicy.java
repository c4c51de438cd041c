package io.jenkins.plugins.bitbucketapitoken.core.verify;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Says how often and how long to wait before asking Bitbucket again after a 429 or a 5xx answer.
 *
 * <p>Waits grow exponentially from {@code initialDelay} up to {@code maxDelay}. A {@code Retry-After} from
 * Bitbucket replaces the computed wait; when it asks for longer than {@code maxDelay} (rate limits are hourly),
 * no retry is made and the answer is reported as it is. 401, 403, 404 and 410 are never retried.
 *
 * @param maxAttempts how many requests at most, the first included; at least 1
 * @param initialDelay the wait before the second request
 * @param maxDelay the longest wait between two requests
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {

    /** Checks that the numbers make sense. */
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("delays must satisfy 0 <= initialDelay <= maxDelay");
        }
    }

    /** Returns the default: 3 requests at most, waiting 1 s, then 2 s, never more than 30 s. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    /** Returns a policy that never retries. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    }

    /**
     * Tells whether an answer with this status may be asked for again.
     *
     * @param status the HTTP status
     * @return whether it is 429 or 5xx
     */
    public boolean isRetryable(int status) {
        return status == 429 || (status >= 500 && status <= 599);
    }

    /**
     * Decides how long to wait after a failed attempt before the next one.
     *
     * @param attempt the number of the attempt that just failed, starting at 1
     * @param retryAfter what Bitbucket's {@code Retry-After} asked for, if anything
     * @return the wait, or empty when no further attempt should be made
     */
    public Optional<Duration> delayAfter(int attempt, Optional<Duration> retryAfter) {
        if (attempt >= maxAttempts) {
            return Optional.empty();
        }
        if (retryAfter.isPresent()) {
            return retryAfter.get().compareTo(maxDelay) <= 0 ? retryAfter : Optional.empty();
        }
        int doublings = Math.min(Math.max(attempt - 1, 0), 30);
        Duration delay = initialDelay;
        for (int i = 0; i < doublings && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return Optional.of(delay.compareTo(maxDelay) > 0 ? maxDelay : delay);
    }
}
