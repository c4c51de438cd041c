package io.jenkins.plugins.bitbucketapitoken.core.verify;

import io.jenkins.plugins.bitbucketapitoken.core.auth.Channel;
import java.util.Objects;

/**
 * Explains one failure of a credential on one channel: the cause and what to do about it.
 *
 * <p>The texts never contain a secret; they may quote Bitbucket's own message.
 *
 * @param code why it failed, for machines
 * @param channel where it failed
 * @param message what is wrong, for a person
 * @param action what to do next, for a person
 */
public record Diagnosis(DiagnosisCode code, Channel channel, String message, String action) {

    /** Checks that no part is missing. */
    public Diagnosis {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(action, "action");
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
        return new Diagnosis(
                code, channel, code.message().text(args), code.message().action(args));
    }

    /** Joins the message and the action into one line for a person. */
    public String describe() {
        return message + " " + action;
    }
}
