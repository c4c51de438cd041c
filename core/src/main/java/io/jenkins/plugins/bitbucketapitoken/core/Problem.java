package io.jenkins.plugins.bitbucketapitoken.core;

import java.util.List;
import java.util.Locale;
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
 * @param arguments the arguments the message was rendered with (texts, or {@link Message.Fragment}s for texts of the
 *     catalogue), to render it again in another language
 */
public record Problem(Message code, Severity severity, String message, String action, List<Object> arguments) {

    /** Checks that no part is missing, and copies the arguments. */
    public Problem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(action, "action");
        arguments = List.copyOf(arguments);
    }

    /**
     * Creates a problem without arguments to render again: other languages get the English texts given.
     *
     * @param code the message
     * @param severity how much it matters
     * @param message what is wrong
     * @param action what to do next
     */
    public Problem(Message code, Severity severity, String message, String action) {
        this(code, severity, message, action, List.of());
    }

    /**
     * Renders what is wrong in a language; English where no translation has it.
     *
     * @param locale the reader's locale
     * @return the message
     */
    public String message(Locale locale) {
        return isRoot(locale) || !renderable() ? message : code.text(locale, arguments.toArray());
    }

    /**
     * Renders what to do in a language; English where no translation has it.
     *
     * @param locale the reader's locale
     * @return the action; empty when nothing needs doing
     */
    public String action(Locale locale) {
        return isRoot(locale) || !renderable() ? action : code.action(locale, arguments.toArray());
    }

    /**
     * Joins the message and the action into one line for a person, in a language.
     *
     * @param locale the reader's locale
     * @return the line
     */
    public String describe(Locale locale) {
        String a = action(locale);
        return a.isEmpty() ? message(locale) : message(locale) + " " + a;
    }

    /** Whether the message can be rendered again: it was made from the catalogue with these arguments. */
    private boolean renderable() {
        return !arguments.isEmpty() || code.arguments() == 0;
    }

    private static boolean isRoot(Locale locale) {
        return locale == null || locale.equals(Locale.ROOT);
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
