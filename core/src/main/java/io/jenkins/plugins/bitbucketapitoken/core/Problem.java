package io.jenkins.plugins.bitbucketapitoken.core;

import java.util.Objects;

/**
 * Describes one thing a person must know about their input: what is wrong and what to do.
 *
 * <p>Problems are values, never exceptions: a check returns all it found. The text never contains a secret.
 *
 * @param code the stable identifier of the message, for machines
 * @param severity how much it matters
 * @param message what is wrong, in one or two sentences
 * @param action what to do next; empty when nothing needs doing
 */
public record Problem(Message code, Severity severity, String message, String action) {

    /** Checks that no part is missing. */
    public Problem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(action, "action");
    }

    /** Tells whether this problem stops something from working. */
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** Joins the message and the action into one line for a person. */
    public String describe() {
        return action.isEmpty() ? message : message + " " + action;
    }
}
