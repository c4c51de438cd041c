package io.jenkins.plugins.bitbucketapitoken.core.verify;

import java.time.Duration;

/** Waits between two attempts; tests pass one that records the waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    /**
     * Waits for a while.
     *
     * @param duration how long
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;

    /** Returns the sleeper that really waits, with {@link Thread#sleep(long)}. */
    static Sleeper system() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
