package io.jenkins.plugins.bitbucketapitoken;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.util.FormValidation;
import io.jenkins.plugins.bitbucketapitoken.core.LinkedText;
import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import java.util.List;
import java.util.Locale;
import org.kohsuke.stapler.Stapler;
import org.kohsuke.stapler.StaplerRequest2;

/** Turns core's problems into Jenkins form messages: errors stay errors, warnings warnings, notes plain text. */
public final class FormValidations {

    private FormValidations() {}

    /**
     * Shows a list of problems in a form; an empty list is "OK".
     *
     * @param problems what core found
     * @return the form message
     */
    public static FormValidation of(List<Problem> problems) {
        if (problems.isEmpty()) {
            return FormValidation.ok();
        }
        List<FormValidation> shown = problems.stream().map(FormValidations::of).toList();
        return shown.size() == 1 ? shown.get(0) : FormValidation.aggregate(shown);
    }

    /**
     * Shows one problem in a form.
     *
     * @param problem what core found
     * @return the form message, escaped
     */
    public static FormValidation of(Problem problem) {
        String markup = linked(problem.describe(requestLocale()));
        return switch (problem.severity()) {
            case ERROR -> FormValidation.errorWithMarkup(markup);
            case WARNING -> FormValidation.warningWithMarkup(markup);
            case INFO -> FormValidation.okWithMarkup(markup);
        };
    }

    /**
     * Returns the language of the current request, in which core's messages are shown; English outside a request
     * (build logs, which every reader shares, stay in English).
     *
     * @return the request's locale, or {@link Locale#ROOT}
     */
    public static Locale requestLocale() {
        StaplerRequest2 request = Stapler.getCurrentRequest2();
        return request == null ? Locale.ROOT : request.getLocale();
    }

    /**
     * Reads a form field exactly as the browser sent it. Jenkins registers a Stapler converter that decrypts every
     * {@code {AQAA...}} value bound to a {@code String} parameter ({@code hudson.util.Secret}), so a check that took
     * a field as {@code @QueryParameter String} would decrypt any ciphertext a user pastes in, and a check whose
     * message repeats the field ("... does not look like an e-mail address") would show its plain text. Every check
     * of this plugin reads its fields through this method.
     *
     * @param request the current request
     * @param name the field's name, {@code value} for the checked field itself
     * @return the field as sent, or {@code null} when it was not
     */
    @CheckForNull
    public static String raw(StaplerRequest2 request, String name) {
        return request.getParameter(name);
    }

    /**
     * Escapes a text for HTML and makes each {@code https://} address in it a link that opens in a new tab.
     *
     * @param text plain text
     * @return HTML
     */
    public static String linked(String text) {
        StringBuilder html = new StringBuilder();
        for (LinkedText.Piece piece : LinkedText.split(text)) {
            String escaped = Util.escape(piece.text());
            if (piece.address()) {
                html.append("<a href=\"")
                        .append(escaped)
                        .append("\" target=\"_blank\" rel=\"noopener noreferrer\">")
                        .append(escaped)
                        .append("</a>");
            } else {
                html.append(escaped);
            }
        }
        return html.toString();
    }
}
