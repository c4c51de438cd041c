package io.jenkins.plugins.bitbucketapitoken;

import hudson.Util;
import hudson.util.FormValidation;
import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns core's problems into Jenkins form messages: errors stay errors, warnings warnings, notes plain text. */
public final class FormValidations {

    /** An https address up to a space or a closing bracket; a final period or comma ends the sentence, not the URL. */
    private static final Pattern HTTPS_URL = Pattern.compile("https://[^\\s<>\"')]*[^\\s<>\"').,;:]");

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
        String markup = linked(problem.describe());
        return switch (problem.severity()) {
            case ERROR -> FormValidation.errorWithMarkup(markup);
            case WARNING -> FormValidation.warningWithMarkup(markup);
            case INFO -> FormValidation.okWithMarkup(markup);
        };
    }

    /**
     * Escapes a text for HTML and makes each {@code https://} address in it a link that opens in a new tab.
     *
     * @param text plain text
     * @return HTML
     */
    public static String linked(String text) {
        Matcher url = HTTPS_URL.matcher(text);
        StringBuilder html = new StringBuilder();
        int from = 0;
        while (url.find()) {
            String address = url.group();
            html.append(Util.escape(text.substring(from, url.start())))
                    .append("<a href=\"")
                    .append(Util.escape(address))
                    .append("\" target=\"_blank\" rel=\"noopener noreferrer\">")
                    .append(Util.escape(address))
                    .append("</a>");
            from = url.end();
        }
        return html.append(Util.escape(text.substring(from))).toString();
    }
}
