package io.jenkins.plugins.bitbucketapitoken.core.verify;

import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.auth.Channel;
import io.jenkins.plugins.bitbucketapitoken.core.repo.RepositoryRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Writes a {@link VerificationReport} the way a colleague would say it: what works, what fails, what to do. The
 * command line prints these lines; the Jenkins form shows them after "Test connection".
 */
public final class ReportText {

    private ReportText() {}

    /**
     * Describes a report in English.
     *
     * @param report the outcome of a verification
     * @param repository the repository that was checked, if any
     * @param gitHint what to say when Git was not checked, such as how to give a repository
     * @return the lines, without line ends; a blank string separates the summary from each diagnosis
     */
    public static List<String> lines(VerificationReport report, Optional<RepositoryRef> repository, String gitHint) {
        return lines(report, repository, gitHint, Locale.ROOT);
    }

    /**
     * Describes a report in a language; English where no translation has a text.
     *
     * @param report the outcome of a verification
     * @param repository the repository that was checked, if any
     * @param gitHint what to say when Git was not checked, such as how to give a repository
     * @param locale the reader's locale
     * @return the lines, without line ends; a blank string separates the summary from each diagnosis
     */
    public static List<String> lines(
            VerificationReport report, Optional<RepositoryRef> repository, String gitHint, Locale locale) {
        String target = repository.map(RepositoryRef::fullName).orElse("");
        List<String> lines = new ArrayList<>();
        report.rest().ifPresent(rest -> lines.add(restLine(rest, target, locale)));
        lines.add(report.git()
                .map(git -> gitLine(git, target, locale))
                .orElse(Message.REPORT_GIT_NOT_CHECKED.text(locale, gitHint)));
        if (report.diagnoses().isEmpty()) {
            lines.add("");
            lines.add(Message.REPORT_ALL_GOOD.text(locale));
            return List.copyOf(lines);
        }
        for (Diagnosis d : report.diagnoses()) {
            lines.add("");
            lines.add((d.channel() == Channel.GIT ? Message.REPORT_GIT_DIAGNOSIS : Message.REPORT_REST_DIAGNOSIS)
                    .text(locale, d.message(locale)));
            lines.add(Message.REPORT_WHAT_TO_DO.text(locale, d.action(locale)));
        }
        return List.copyOf(lines);
    }

    private static String restLine(RestCheck rest, String target, Locale locale) {
        String scopes =
                rest.scopes().isEmpty() ? "" : Message.REPORT_SCOPES.text(locale, String.join(", ", rest.scopes()));
        if (!rest.ok()) {
            return Message.REPORT_REST_FAILS.text(locale, status(rest.status(), locale)) + scopes;
        }
        String details =
                rest.account().map(a -> Message.REPORT_ACCOUNT.text(locale, a)).orElse("")
                        + (target.isEmpty() ? "" : Message.REPORT_CAN_READ.text(locale, target));
        return Message.REPORT_REST_WORKS.text(locale, details) + scopes;
    }

    private static String gitLine(GitCheck git, String target, Locale locale) {
        boolean read = git.status().isPresent()
                && git.status().getAsInt() == 200
                && (git.ok() || git.push().isPresent());
        StringBuilder line = new StringBuilder(
                read
                        ? Message.REPORT_GIT_CAN_READ.text(locale, target)
                        : Message.REPORT_GIT_FAILS.text(locale, status(git.status(), locale)));
        git.push()
                .ifPresent(p -> line.append(
                        p.ok()
                                ? Message.REPORT_CAN_PUSH.text(locale)
                                : Message.REPORT_CANNOT_PUSH.text(locale, status(p.status(), locale))));
        return line.toString();
    }

    private static String status(OptionalInt status, Locale locale) {
        return status.isPresent() ? Message.REPORT_HTTP_STATUS.text(locale, status.getAsInt()) : "";
    }
}
