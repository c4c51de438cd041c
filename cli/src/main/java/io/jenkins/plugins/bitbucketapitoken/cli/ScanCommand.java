package io.jenkins.plugins.bitbucketapitoken.cli;

import io.jenkins.plugins.bitbucketapitoken.core.audit.AuditReport;
import io.jenkins.plugins.bitbucketapitoken.core.audit.AuditReportCsv;
import io.jenkins.plugins.bitbucketapitoken.core.audit.AuditReportJson;
import io.jenkins.plugins.bitbucketapitoken.core.audit.AuditReportText;
import io.jenkins.plugins.bitbucketapitoken.core.audit.ControllerReports;
import io.jenkins.plugins.bitbucketapitoken.core.audit.JenkinsHomeScanner;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
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
            "Several homes (one per controller) are reported together: each row names its controller, and the exit"
                    + " code is the worst of them.",
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
            arity = "0..*",
            paramLabel = "JENKINS_HOME",
            description = "The Jenkins home to audit (default: $JENKINS_HOME, else ~/.jenkins); several for several"
                    + " controllers.")
    private List<Path> homes = new ArrayList<>();

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
            defaultValue = "" + JenkinsHomeScanner.DEFAULT_MAX_FILE_BYTES,
            converter = ByteCount.class,
            description = "Skip files larger than this (default: 32 MiB).")
    private long maxFileBytes;

    /** Reads a number of bytes, and says what to write when it is not one (picocli would say "not a long"). */
    static final class ByteCount implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Long.parseLong(value.strip());
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a number of bytes. Write a whole"
                        + " number, for example " + JenkinsHomeScanner.DEFAULT_MAX_FILE_BYTES + " for 32 MiB.");
            }
        }
    }

    ScanCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        List<Path> jenkinsHomes = jenkinsHomes();
        LocalDate day = day();
        if (maxFileBytes < 1) {
            throw new UsageException("--max-file-size must be a positive number of bytes.");
        }
        if (jenkinsHomes.size() > 1) {
            return scanControllers(jenkinsHomes, day);
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
        int processors = Runtime.getRuntime().availableProcessors();
        AuditReport report = new JenkinsHomeScanner(maxFileBytes, processors, progress).scan(jenkinsHomes.get(0), day);
        if (terminal.interactive()) {
            terminal.err().print("\r" + " ".repeat(50) + "\r");
            terminal.err().flush();
        }
        try {
            if (format == Format.json) {
                // Straight to the stream: the items arrive as UTF-8 bytes, encoded by the threads that rendered them.
                AuditReportJson.writeUtf8(report, terminal.out(), processors);
            } else {
                Writer out = writer();
                if (format == Format.csv) {
                    AuditReportCsv.write(report, out);
                } else {
                    AuditReportText.write(report, out);
                }
                out.flush();
            }
            terminal.out().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return exitCode(report);
    }

    /** Scans each home in turn and reports them together, each row under its controller's name. */
    private int scanControllers(List<Path> jenkinsHomes, LocalDate day) {
        int processors = Runtime.getRuntime().availableProcessors();
        List<ControllerReports.Controller> controllers = new ArrayList<>();
        for (Path home : jenkinsHomes) {
            if (terminal.interactive()) {
                terminal.err().println("Scanning " + home + "...");
            }
            AuditReport report = new JenkinsHomeScanner(maxFileBytes, processors, n -> {}).scan(home, day);
            controllers.add(new ControllerReports.Controller(home.toString(), report));
        }
        ControllerReports reports = new ControllerReports(controllers);
        try {
            Writer out = writer();
            switch (format) {
                case json -> reports.writeJson(out);
                case csv -> reports.writeCsv(out);
                case text -> reports.writeText(out);
            }
            out.flush();
            terminal.out().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return exitCode(reports.usesAppPasswords(), reports.isComplete());
    }

    private Writer writer() {
        return new BufferedWriter(new OutputStreamWriter(terminal.out(), StandardCharsets.UTF_8), 1 << 16);
    }

    static int exitCode(AuditReport report) {
        return exitCode(report.usesAppPasswords(), report.isComplete());
    }

    /** The worst answer wins: app passwords found, else some files not read, else none. */
    static int exitCode(boolean usesAppPasswords, boolean complete) {
        if (usesAppPasswords) {
            return APP_PASSWORDS_FOUND;
        }
        return complete ? 0 : INCOMPLETE;
    }

    private List<Path> jenkinsHomes() {
        List<Path> chosen = homes.isEmpty()
                ? List.of(terminal.env("JENKINS_HOME")
                        .map(Path::of)
                        .orElseGet(() -> Path.of(System.getProperty("user.home"), ".jenkins")))
                : homes;
        for (Path home : chosen) {
            if (!Files.isDirectory(home)) {
                throw new UsageException(home + " is not a directory. Give the Jenkins home to audit (the directory"
                        + " that holds config.xml and jobs/), or set JENKINS_HOME.");
            }
        }
        if (chosen.stream().distinct().count() < chosen.size()) {
            throw new UsageException("A Jenkins home is given twice. Give each controller's home once.");
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
}
