package io.jenkins.plugins.bitbucketapitoken;

import hudson.util.FormValidation;
import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import java.util.List;

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
        return switch (problem.severity()) {
            case ERROR -> FormValidation.error(problem.describe());
            case WARNING -> FormValidation.warning(problem.describe());
            case INFO -> FormValidation.ok(problem.describe());
        };
    }
}
