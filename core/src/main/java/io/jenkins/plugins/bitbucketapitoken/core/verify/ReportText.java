package io.jenkins.plugins.bitbucketapitoken.core.verify;

import io.jenkins.plugins.bitbucketapitoken.core.auth.Channel;
import io.jenkins.plugins.bitbucketapitoken.core.repo.RepositoryRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Writes a {@link VerificationReport} the way a colleague would say it: what works, what fails, what to do. The
 * command line prints these lines; the Jenkins form shows them after "Test connection".
 */
public final class ReportText {

    private ReportText() {}

    /**
     * Describes a report.
     *
     * @param report the outcome of a verification
     * @param repository the repository that was checked, if any
     * @param gitHint what to say when Git was not checked, such as how to give a repository
     * @return the lines, without line ends; a blank string separates the summary from each diagnosis
     */
    public static List<String> lines(VerificationReport report, Optional<RepositoryRef> repository, String gitHint) {
        String target = repository.map(RepositoryRef::fullName).orElse("");
        List<String> lines = new ArrayList<>();
        report.rest().ifPresent(rest -> lines.add(restLine(rest, target)));
        lines.add(report.git().map(git -> gitLine(git, target)).orElse("Git:      not checked; " + gitHint));
        if (report.diagnoses().isEmpty()) {
            lines.add("");
            lines.add("All good: this token works for every channel checked.");
            return List.copyOf(lines);
        }
        for (Diagnosis d : report.diagnoses()) {
            lines.add("");
            lines.add((d.channel() == Channel.GIT ? "Git:  " : "REST: ") + d.message());
            lines.add("  What to do: " + d.action());
        }
        return List.copyOf(lines);
    }

    private static String restLine(RestCheck rest, String target) {
        String what = rest.ok()
                ? "works" + rest.account().map(a -> " (account " + a + ")").orElse("")
                        + (target.isEmpty() ? "" : ", can read " + target)
                : "FAILS" + status(rest.status());
        String scopes = rest.scopes().isEmpty() ? "" : "; scopes: " + String.join(", ", rest.scopes());
        return "REST API: " + what + scopes;
    }

    private static String gitLine(GitCheck git, String target) {
        StringBuilder line = new StringBuilder("Git:      ");
        boolean read = git.status().isPresent()
                && git.status().getAsInt() == 200
                && (git.ok() || git.push().isPresent());
        line.append(read ? "can read " + target : "FAILS" + status(git.status()));
        git.push().ifPresent(p -> line.append(p.ok() ? ", can push" : ", cannot push" + status(p.status())));
        return line.toString();
    }

    private static String status(OptionalInt status) {
        return status.isPresent() ? " (HTTP " + status.getAsInt() + ")" : "";
    }
}
