package io.jenkins.plugins.bitbucketapitoken.core.audit;

import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import java.io.IOException;

/** Writes an {@link AuditReport} as text for a person, beside {@link AuditReportJson} and {@link AuditReportCsv}. */
public final class AuditReportText {

    private AuditReportText() {}

    /**
     * Writes the report for a person: the items to change and what to do first, then every item and credential,
     * then what could not be read.
     *
     * @param report the report
     * @param w where to write
     * @throws IOException when writing fails
     */
    public static void write(AuditReport report, Appendable w) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("Jenkins home: ").append(report.jenkinsHome()).append('\n');
        out.append("As of ")
                .append(report.asOf())
                .append(": ")
                .append(report.phase().message().text())
                .append("\n\n");
        if (report.usesAppPasswords()) {
            Problem problem = Message.AUDIT_APP_PASSWORDS_IN_USE.problem(
                    report.jobsUsingAppPasswords().size());
            out.append(problem.message()).append('\n');
            out.append("What to do: ").append(problem.action()).append('\n');
            for (String name : report.jobsUsingAppPasswords()) {
                out.append("  - ").append(name).append('\n');
            }
        } else {
            out.append(Message.AUDIT_NO_APP_PASSWORDS.text()).append('\n');
        }
        if (!report.unknownCredentialsInUse().isEmpty()) {
            Problem problem = Message.AUDIT_UNKNOWN_CREDENTIALS.problem(
                    report.unknownCredentialsInUse().size());
            out.append('\n').append(problem.message()).append('\n');
            out.append("What to do: ").append(problem.action()).append('\n');
            for (AuditedCredential c : report.unknownCredentialsInUse()) {
                out.append("  - ")
                        .append(c.credential().id())
                        .append(" (")
                        .append(c.credential().store().id())
                        .append("), used by ")
                        .append(String.join(", ", c.usedBy()))
                        .append('\n');
            }
        }
        w.append(out);
        out.setLength(0);
        w.append("\nItems (")
                .append(Integer.toString(report.items().size()))
                .append(" of ")
                .append(Integer.toString(report.itemsScanned()))
                .append(" name a credential or talk to Bitbucket):\n");
        for (AuditedItem item : report.items()) {
            w.append("  ")
                    .append(item.item().fullName())
                    .append(" [")
                    .append(shortType(item.item().type()));
            w.append(item.item().disabled() ? ", disabled" : "")
                    .append("]")
                    .append(item.usesAppPassword() ? "  << uses an app password" : "")
                    .append('\n');
            for (ResolvedReference ref : item.references()) {
                w.append("      ")
                        .append(ref.reference().where().id())
                        .append(": ")
                        .append(ref.reference().credentialsId())
                        .append(" -> ")
                        .append(ref.credential()
                                .map(c -> c.kind() + " in " + c.store().id())
                                .orElse("resolves to no credential this item can see"))
                        .append('\n');
            }
            for (String url : item.item().bitbucketUrls()) {
                w.append("      url: ").append(url).append('\n');
            }
        }
        w.append("\nCredentials (")
                .append(Integer.toString(report.credentials().size()))
                .append("):\n");
        for (AuditedCredential c : report.credentials()) {
            w.append("  ")
                    .append(c.credential().id())
                    .append(" [")
                    .append(c.credential().store().id())
                    .append(", ")
                    .append(c.credential().scope().name())
                    .append(", ")
                    .append(shortType(c.credential().type()))
                    .append(c.credential()
                            .username()
                            .map(u -> ", username " + u)
                            .orElse(""))
                    .append("] ")
                    .append(c.credential().kind().name())
                    .append(c.usedBy().isEmpty() ? ", unused" : ", used by " + String.join(", ", c.usedBy()))
                    .append('\n');
        }
        if (!report.secretsReadable()) {
            w.append('\n').append(Message.AUDIT_SECRETS_UNREADABLE_NOTE.text()).append('\n');
        }
        if (!report.skipped().isEmpty()) {
            w.append("\nNot read, or not read in full (")
                    .append(Integer.toString(report.skipped().size()))
                    .append("):\n");
            for (SkippedFile s : report.skipped()) {
                w.append("  ").append(s.path()).append(": ").append(s.reason()).append('\n');
            }
        }
    }

    static String shortType(String type) {
        int dot = type.lastIndexOf('.');
        return dot < 0 ? type : type.substring(dot + 1);
    }
}
