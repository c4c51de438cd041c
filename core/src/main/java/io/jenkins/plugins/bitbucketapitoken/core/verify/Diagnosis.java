package io.jenkins.plugins.bitbucketapitoken.core.verify;

import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.auth.Channel;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Explains one failure of a credential on one channel: the cause and what to do about it.
 *
 * <p>The texts never contain a secret; they may quote Bitbucket's own message.
 *
 * @param code why it failed, for machines
 * @param channel where it failed
 * @param message what is wrong, for a person, in English
 * @param action what to do next, for a person, in English
 * @param text the catalogue entry the message and the action were rendered from
 * @param arguments its arguments, to render it again in another language
 * @param said what Bitbucket itself said, quoted after the message
 */
public record Diagnosis(
        DiagnosisCode code,
        Channel channel,
        String message,
        String action,
        Message text,
        List<Object> arguments,
        Optional<String> said) {

    /** Checks that no part is missing, and copies the arguments. */
    public Diagnosis {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(text, "text");
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(said, "said");
    }

    /**
     * Creates a diagnosis from its catalogue entry; the message and the action take the same arguments.
     *
     * @param code why it failed
     * @param channel where it failed
     * @param args the arguments of the texts; never secrets
     * @return the diagnosis
     */
    public static Diagnosis of(DiagnosisCode code, Channel channel, Object... args) {
        return of(code, channel, code.message(), args);
    }

    /**
     * Creates a diagnosis whose texts come from another catalogue entry than its code's own.
     *
     * @param code why it failed
     * @param channel where it failed
     * @param text the catalogue entry of the texts
     * @param args the arguments of the texts; never secrets
     * @return the diagnosis
     */
    public static Diagnosis of(DiagnosisCode code, Channel channel, Message text, Object... args) {
        return new Diagnosis(
                code,
                channel,
                text.text(args),
                text.action(args),
                text,
                Message.argumentValues(args),
                Optional.empty());
    }

    /**
     * Returns the same diagnosis quoting what Bitbucket said.
     *
     * @param bitbucketSaid Bitbucket's own message, never a secret
     * @return the diagnosis with the quote after its message
     */
    public Diagnosis quoting(String bitbucketSaid) {
        return new Diagnosis(
                code,
                channel,
                message + Message.DIAGNOSIS_BITBUCKET_SAID.text(bitbucketSaid),
                action,
                text,
                arguments,
                Optional.of(bitbucketSaid));
    }

    /**
     * Renders what is wrong in a language; English where no translation has it.
     *
     * @param locale the reader's locale
     * @return the message, with Bitbucket's own words quoted
     */
    public String message(Locale locale) {
        return text.text(locale, arguments.toArray())
                + said.map(s -> Message.DIAGNOSIS_BITBUCKET_SAID.text(locale, s))
                        .orElse("");
    }

    /**
     * Renders what to do in a language; English where no translation has it.
     *
     * @param locale the reader's locale
     * @return the action
     */
    public String action(Locale locale) {
        return text.action(locale, arguments.toArray());
    }

    /** Joins the message and the action into one line for a person. */
    public String describe() {
        return message + " " + action;
    }
}
