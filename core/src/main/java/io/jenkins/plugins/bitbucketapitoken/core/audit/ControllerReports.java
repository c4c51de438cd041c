package io.jenkins.plugins.bitbucketapitoken.core.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.jenkins.plugins.bitbucketapitoken.core.Message;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reports of several controllers audited together, one Jenkins home each: every row names its controller, the
 * summary counts per controller, and the answer is the worst of them.
 *
 * @param controllers each controller's name and report, in the order given
 */
public record ControllerReports(List<Controller> controllers) {

    /**
     * One controller's report.
     *
     * @param name how rows name the controller: its home as given on the command line
     * @param report its audit
     */
    public record Controller(String name, AuditReport report) {

        /** Checks that no part is missing. */
        public Controller {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(report, "report");
        }

        /** Counts the app-password credentials of the controller's stores. */
        public long appPasswordCredentials() {
            return report.credentials().stream()
                    .filter(c -> c.credential().kind() == CredentialKind.APP_PASSWORD)
                    .count();
        }
    }

    /** Copies the list and checks that it is not empty. */
    public ControllerReports {
        controllers = List.copyOf(controllers);
        if (controllers.isEmpty()) {
            throw new IllegalArgumentException("at least one controller");
        }
    }

    /** Tells whether any controller's items use an app password. */
    public boolean usesAppPasswords() {
        return controllers.stream().anyMatch(c -> c.report().usesAppPasswords());
    }

    /** Tells whether every controller's home could be read in full. */
    public boolean isComplete() {
        return controllers.stream().allMatch(c -> c.report().isComplete());
    }

    /**
     * Writes the reports as text: each controller's report under its name, then one summary line per controller.
     *
     * @param out where to write
     * @throws IOException when writing fails
     */
    public void writeText(Appendable out) throws IOException {
        for (Controller c : controllers) {
            out.append(Message.CONTROLLER_HEADING.text(c.name())).append('\n');
            AuditReportText.write(c.report(), out);
            out.append('\n');
        }
        out.append(Message.CONTROLLER_SUMMARY_TITLE.text()).append('\n');
        for (Controller c : controllers) {
            out.append("  ")
                    .append(Message.CONTROLLER_SUMMARY_LINE.text(
                            c.name(),
                            c.report().jobsUsingAppPasswords().size(),
                            c.appPasswordCredentials(),
                            c.report().answer().id()))
                    .append(c.report().isComplete() ? "" : Message.CONTROLLER_NOT_ALL_READ.text())
                    .append('\n');
        }
    }

    /**
     * Writes the reports as CSV: {@link AuditReportCsv}'s columns after a first {@code controller} column.
     *
     * @param out where to write
     * @throws UncheckedIOException if writing fails
     */
    public void writeCsv(Appendable out) {
        try {
            List<String> header = new ArrayList<>();
            header.add("controller");
            header.addAll(AuditReportCsv.COLUMNS);
            out.append(AuditReportCsv.line(header));
            for (Controller c : controllers) {
                AuditReportCsv.eachRow(c.report(), row -> {
                    List<String> named = new ArrayList<>(row.size() + 1);
                    named.add(c.name());
                    named.addAll(row);
                    out.append(AuditReportCsv.line(named));
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the reports as JSON: {@code {"controllers": [{"controller": name, "report": <the single-home
     * report>}], "summary": [...]}}.
     *
     * @param out where to write
     * @throws UncheckedIOException if writing fails
     */
    public void writeJson(Appendable out) {
        try {
            StringWriter json = new StringWriter();
            try (JsonGenerator g = new JsonFactory().createGenerator(json).useDefaultPrettyPrinter()) {
                g.writeStartObject();
                g.writeArrayFieldStart("controllers");
                for (Controller c : controllers) {
                    g.writeStartObject();
                    g.writeStringField("controller", c.name());
                    g.writeFieldName("report");
                    g.writeRawValue(AuditReportJson.toJson(c.report()).strip());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeArrayFieldStart("summary");
                for (Controller c : controllers) {
                    g.writeStartObject();
                    g.writeStringField("controller", c.name());
                    g.writeNumberField(
                            "jobsUsingAppPasswords",
                            c.report().jobsUsingAppPasswords().size());
                    g.writeNumberField("appPasswordCredentials", c.appPasswordCredentials());
                    g.writeStringField("answer", c.report().answer().id());
                    g.writeBooleanField("complete", c.report().isComplete());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            out.append(json.toString()).append('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
