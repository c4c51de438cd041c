package io.jenkins.plugins.bitbucketapitoken.cli;

import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import io.jenkins.plugins.bitbucketapitoken.core.audit.AuditReport;
import io.jenkins.plugins.bitbucketapitoken.core.audit.AuditReportCsv;
import io.jenkins.plugins.bitbucketapitoken.core.audit.AuditReportJson;
import io.jenkins.plugins.bitbucketapitoken.core.audit.AuditedCredential;
import io.jenkins.plugins.bitbucketapitoken.core.audit.AuditedItem;
import io.jenkins.plugins.bitbucketapitoken.core.audit.JenkinsHomeScanner;
import io.jenkins.plugins.bitbucketapitoken.core.audit.ResolvedReference;
import io.jenkins.plugins.bitbucketapitoken.core.audit.SkippedFile;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Audits a Jenkins home offline: which items still use Bitbucket app passwords, and what each one needs. */
@Command(
        name = "scan",
        mixinStandardHelpOptions = true,
        description = {
            "Audits a Jenkins home offline: which jobs and credentials still use Bitbucket app passwords.",
            "Secrets are decrypted in memory when secrets/ is readable; they never appear in the output.",
            "Exit codes: 0 nothing uses an app password, 1 something does, 3 nothing does but some files could not"
                    + " be read, 2 usage error."
        })
final class ScanCommand implements Callable<Integer> {

    /** Exit code when something uses an app password. */
    static final int APP_PASSWORDS_FOUND = 1;

    /** Exit code when nothing uses an app password but not everything could be read. */
    static final int INCOMPLETE = 3;

    private static final int PROGRESS_EVERY = 500;

    /** The report formats. */
    enum Format {
        text,
        json,
        csv
    }

    private final Terminal terminal;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "JENKINS_HOME",
            description = "The Jenkins home to audit (default: $JENKINS_HOME, else ~/.jenkins).")
    private Path home;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            description = "text (default), json or csv.")
    private Format format;

    @Option(
            names = "--as-of",
            paramLabel = "YYYY-MM-DD",
            description = "The day the report is for (default: today, UTC).")
    private String asOf;

    @Option(
            names = "--max-file-size",
            paramLabel = "BYTES",
            defaultValue = "33554432",
            description = "Skip files larger than this (default: 32 MiB).")
    private long maxFileBytes;

    ScanCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        Path jenkinsHome = jenkinsHome();
        LocalDate day = day();
        if (maxFileBytes < 1) {
            throw new UsageException("--max-file-size must be a positive number of bytes.");
        }
        JenkinsHomeScanner.Progress progress = terminal.interactive()
                ? n -> {
                    if (n % PROGRESS_EVERY == 0) {
                        synchronized (terminal) {
                            terminal.err().print("\rRead " + n + " item configurations...");
                            terminal.err().flush();
                        }
                    }
                }
                : n -> {};
        AuditReport report = new JenkinsHomeScanner(
                        maxFileBytes, Runtime.getRuntime().availableProcessors(), progress)
                .scan(jenkinsHome, day);
        if (terminal.interactive()) {
            terminal.err().print("\r" + " ".repeat(50) + "\r");
            terminal.err().flush();
        }
        Writer out = new BufferedWriter(new OutputStreamWriter(terminal.out(), StandardCharsets.UTF_8), 1 << 16);
        try {
            switch (format) {
                case json -> AuditReportJson.write(report, out);
                case csv -> AuditReportCsv.write(report, out);
                case text -> printText(report, out);
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return exitCode(report);
    }

    static int exitCode(AuditReport report) {
        if (report.usesAppPasswords()) {
            return APP_PASSWORDS_FOUND;
        }
        return report.isComplete() ? 0 : INCOMPLETE;
    }

    private Path jenkinsHome() {
        Path chosen = Optional.ofNullable(home)
                .or(() -> terminal.env("JENKINS_HOME").map(Path::of))
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".jenkins"));
        if (!Files.isDirectory(chosen)) {
            throw new UsageException(chosen + " is not a directory. Give the Jenkins home to audit (the directory that"
                    + " holds config.xml and jobs/), or set JENKINS_HOME.");
        }
        return chosen;
    }

    private LocalDate day() {
        if (asOf == null) {
            return LocalDate.now(ZoneOffset.UTC);
        }
        try {
            return LocalDate.parse(asOf.strip());
        } catch (DateTimeParseException e) {
            throw new UsageException(
                    "--as-of " + asOf + " is not a date. Write it as YYYY-MM-DD, for example 2026-07-28.");
        }
    }

    private static void printText(AuditReport report, Writer w) throws IOException {
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
            w.append("\nSecrets were not readable: kinds of encrypted credentials are UNKNOWN.\n");
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

    private static String shortType(String type) {
        int dot = type.lastIndexOf('.');
        return dot < 0 ? type : type.substring(dot + 1);
    }
}
