package io.jenkins.plugins.bitbucketapitoken.core.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes an {@link AuditReport} as CSV (RFC 4180), one row per credential reference of each item, for a
 * spreadsheet. Cells that a spreadsheet would run as a formula ({@code = + - @} first) are prefixed with
 * {@code '}, since item names and ids come from the Jenkins home.
 */
public final class AuditReportCsv {

    /** The header row, in column order. */
    public static final List<String> COLUMNS = List.of(
            "item",
            "itemType",
            "disabled",
            "credentialsId",
            "where",
            "resolvedStore",
            "kind",
            "appPassword",
            "host",
            "possiblyAppPassword",
            "channel",
            "fix");

    private AuditReportCsv() {}

    /**
     * Renders a report as a string.
     *
     * @param report the report
     * @return the CSV, with a header row and CRLF line ends
     */
    public static String toCsv(AuditReport report) {
        StringBuilder sb = new StringBuilder();
        write(report, sb);
        return sb.toString();
    }

    /**
     * Writes a report.
     *
     * @param report the report
     * @param out where to write
     * @throws UncheckedIOException if writing fails
     */
    public static void write(AuditReport report, Appendable out) {
        try {
            row(out, COLUMNS);
            eachRow(report, cells -> row(out, cells));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Takes one row's cells; may fail as writing does. */
    @FunctionalInterface
    public interface RowSink {
        /**
         * Takes a row.
         *
         * @param cells the row's cells, not yet quoted
         * @throws IOException when writing fails
         */
        void accept(List<String> cells) throws IOException;
    }

    /**
     * Hands the report's rows, one per reference of each listed item, as {@link #COLUMNS} names them, to a sink one
     * at a time (a large report is never held as rows in memory).
     *
     * @param report the report
     * @param sink what takes each row
     * @throws IOException when the sink fails
     */
    public static void eachRow(AuditReport report, RowSink sink) throws IOException {
        for (AuditedItem item : report.items()) {
            for (ResolvedReference ref : item.references()) {
                sink.accept(List.of(
                        item.item().fullName(),
                        item.item().type(),
                        Boolean.toString(item.item().disabled()),
                        ref.reference().credentialsId(),
                        ref.reference().where().id(),
                        ref.resolvedStore().map(StoreRef::id).orElse(""),
                        ref.kind().map(Enum::name).orElse(""),
                        Boolean.toString(ref.isAppPassword()),
                        ref.reference().host().orElse(""),
                        Boolean.toString(ref.isPossiblyAppPassword()),
                        ref.reference().channel().id(),
                        ref.reference().fix().orElse("")));
            }
        }
    }

    /**
     * Renders one CSV line: the cells quoted and defused by {@link #cell}, ending in CRLF.
     *
     * @param cells the cells
     * @return the line
     */
    public static String line(List<String> cells) {
        StringBuilder line = new StringBuilder();
        try {
            row(line, cells);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return line.toString();
    }

    /** What a spreadsheet may read as the start of a formula (OWASP's list for CSV injection). */
    private static final String FORMULA_STARTS = "=+-@\t\r\n";

    private static void row(Appendable out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }

    /**
     * Writes one CSV cell: quoted when it holds a comma, a quote or a line break, and defused when a spreadsheet
     * would take it as a formula (it starts with {@code = + - @}, a tab, a carriage return or a line feed) by a
     * leading apostrophe.
     *
     * @param value the cell's text
     * @return the cell as it goes into the file
     */
    public static String cell(String value) {
        String safe = !value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.indexOf(',') < 0 && safe.indexOf('"') < 0 && safe.indexOf('\n') < 0 && safe.indexOf('\r') < 0) {
            return safe;
        }
        return '"' + safe.replace("\"", "\"\"") + '"';
    }
}
