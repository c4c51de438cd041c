package io.jenkins.plugins.bitbucketapitoken.core;

import java.util.Objects;

/**
 * Roots the small family of exceptions this library throws; each carries the {@link Problem} a person can
 * act on. Messages never contain a secret.
 */
public class BitbucketApiTokenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    /**
     * Creates an exception for a problem.
     *
     * @param problem what is wrong and what to do
     */
    public BitbucketApiTokenException(Problem problem) {
        this(problem, null);
    }

    /**
     * Creates an exception for a problem, keeping its cause.
     *
     * @param problem what is wrong and what to do
     * @param cause what caused it, or {@code null}
     */
    public BitbucketApiTokenException(Problem problem, Throwable cause) {
        super(Objects.requireNonNull(problem, "problem").describe(), cause);
        this.problem = problem;
    }

    /** Returns what is wrong and what to do. */
    public Problem problem() {
        return problem;
    }
}
