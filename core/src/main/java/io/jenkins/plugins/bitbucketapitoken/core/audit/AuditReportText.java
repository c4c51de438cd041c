package io.jenkins.plugins.bitbucketapitoken.core.audit;

import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import java.io.IOException;
import java.util.List;

/** Writes an {@link AuditReport} as text for a person, beside {@link AuditReportJson} and {@link AuditReportCsv}. */
public final class AuditReportText {

    private AuditReportText() {}

    /** Lists the uses of app passwords that an in-place replacement would break, each with its fix. */
    private static void breakingUses(AuditReport report, StringBuilder out) {
        boolean first = true;
        for (AuditedItem item : report.items()) {
            for (ResolvedReference ref : item.references()) {
                if (ref.isAppPassword() && ref.reference().channel().safety() == UseChannel.Safety.UNSAFE) {
                    if (first) {
                        out.append(Message.AUDIT_BREAKING_USES.text()).append('\n');
                        first = false;
                    }
                    out.append("  - ")
                            .append(item.item().fullName())
                            .append(": ")
                            .append(ref.reference().fix().orElse(""))
                            .append('\n');
                }
            }
        }
    }

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
        List<String> certain = report.jobsUsingAppPasswords();
        List<String> possible = report.jobsPossiblyUsingAppPasswords();
        if (!report.secretsReadable()) {
            // The first line says what the answer is worth when the secrets could not be read.
            out.append(firstLineWithoutSecrets(certain.size(), possible.size())).append('\n');
        }
        out.append("Jenkins home: ").append(report.jenkinsHome()).append('\n');
        out.append("As of ")
                .append(report.asOf())
                .append(": ")
                .append(report.phase().message().text())
                .append("\n\n");
        if (report.usesAppPasswords()) {
            Problem problem = Message.AUDIT_APP_PASSWORDS_IN_USE.problem(certain.size());
            out.append(problem.message()).append('\n');
            out.append("What to do: ").append(problem.action()).append('\n');
            for (String name : certain) {
                out.append("  - ").append(name).append('\n');
            }
            breakingUses(report, out);
        } else if (report.secretsReadable() && possible.isEmpty()) {
            out.append(Message.AUDIT_NO_APP_PASSWORDS.text()).append('\n');
        }
        if (!possible.isEmpty()) {
            Problem problem = Message.AUDIT_POSSIBLY_ALSO.problem(possible.size());
            if (report.secretsReadable() || report.usesAppPasswords()) {
                out.append(report.usesAppPasswords() ? "\n" : "")
                        .append(problem.message())
                        .append('\n');
            }
            out.append("What to do: ").append(problem.action()).append('\n');
            for (AuditedItem item : report.items()) {
                if (item.possiblyUsesAppPassword()) {
                    out.append("  - ").append(item.item().fullName()).append('\n');
                    for (String evidence : item.possibleAppPasswordEvidence()) {
                        out.append("      ").append(evidence).append('\n');
                    }
                }
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
                    .append(
                            item.usesAppPassword()
                                    ? "  << uses an app password"
                                    : item.possiblyUsesAppPassword() ? "  << may use an app password" : "")
                    .append('\n');
            for (ResolvedReference ref : item.references()) {
                w.append("      ")
                        .append(ref.reference().where().id())
                        .append(ref.reference().host().map(h -> " (" + h + ")").orElse(""))
                        .append(": ")
                        .append(ref.reference().credentialsId())
                        .append(" -> ")
                        .append(ref.credential()
                                .map(c -> c.kind() + " in " + c.store().id())
                                .orElse("resolves to no credential this item can see"))
                        .append("; channel ")
                        .append(ref.reference().channel().id())
                        .append('\n');
                if (ref.reference().fix().isPresent()) {
                    w.append("        before replacing it in place: ")
                            .append(ref.reference().fix().get())
                            .append('\n');
                }
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
            if (!c.credential().evidence().isEmpty()) {
                w.append("      because ")
                        .append(String.join("; ", c.credential().evidence()))
                        .append('\n');
            }
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

    private static String firstLineWithoutSecrets(int certain, int possible) {
        if (possible > 0) {
            return certain > 0
                    ? Message.AUDIT_POSSIBLY_AND_CERTAIN.text(possible, certain)
                    : Message.AUDIT_POSSIBLY.text(possible);
        }
        return certain > 0 ? Message.AUDIT_UNREADABLE_BUT_CERTAIN.text(certain) : Message.AUDIT_POSSIBLY_NONE.text();
    }

    static String shortType(String type) {
        int dot = type.lastIndexOf('.');
        return dot < 0 ? type : type.substring(dot + 1);
    }
}
