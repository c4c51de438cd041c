package io.jenkins.plugins.bitbucketapitoken.core.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes an {@link AuditReport} as the JSON document described in {@code docs/audit.md}, streaming, so that a
 * report of many thousands of items needs no second copy in memory. Core stays free of a JSON library: the
 * document is small and flat, and the only escaping it needs is RFC 8259's.
 */
public final class AuditReportJson {

    private AuditReportJson() {}

    private static Thread renderingThread(Runnable runnable) {
        Thread thread = new Thread(runnable, "audit-report-json");
        thread.setDaemon(true);
        return thread;
    }

    /**
     * Renders a report as a string.
     *
     * @param report the report
     * @return the JSON document, indented, ending with a line break
     */
    public static String toJson(AuditReport report) {
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
        write(report, out, 1);
    }

    /**
     * Writes a report, rendering its items on several threads: the same document, byte for byte, as
     * {@link #write(AuditReport, Appendable)}, written in order while later items are still being rendered.
     *
     * @param report the report
     * @param out where to write; only the calling thread writes to it
     * @param threads how many threads render items; 1 renders them on the calling thread
     * @throws UncheckedIOException if writing fails
     */
    public static void write(AuditReport report, Appendable out, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive");
        }
        try {
            new Writer(out, threads, out::append).report(report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a report in UTF-8, rendering its items on several threads: the same document as
     * {@link #write(AuditReport, Appendable, int)}. The items, almost all of the document, go to the stream as
     * bytes encoded by the threads that rendered them, not through a character writer.
     *
     * @param report the report
     * @param out where to write; only the calling thread writes to it, and it is flushed, not closed
     * @param threads how many threads render items; 1 renders them on the calling thread
     * @throws UncheckedIOException if writing fails
     */
    public static void writeUtf8(AuditReport report, OutputStream out, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive");
        }
        java.io.Writer text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        try {
            new Writer(text, threads, chunk -> {
                        text.flush();
                        out.write(chunk.getBytes(StandardCharsets.UTF_8));
                    })
                    .report(report);
            text.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where rendered blocks of items go. */
    @FunctionalInterface
    private interface Blocks {
        void write(String block) throws IOException;
    }

    /** How many items one rendering task writes; a few tasks per thread are rendered ahead of the output. */
    private static final int ITEMS_PER_TASK = 1024;

    private record Writer(Appendable out, int threads, Blocks blocks) {

        Writer(Appendable out) {
            this(out, 1, out::append);
        }

        void report(AuditReport r) throws IOException {
            out.append("{\n");
            field(1, "jenkinsHome", r.jenkinsHome(), true);
            field(1, "asOf", r.asOf().toString(), true);
            field(1, "phase", r.phase().name(), true);
            raw(1, "secretsReadable", Boolean.toString(r.secretsReadable()), true);
            field(1, "answer", r.answer().id(), true);
            raw(1, "itemsScanned", Integer.toString(r.itemsScanned()), true);
            indent(1).append("\"credentials\": [");
            for (int i = 0; i < r.credentials().size(); i++) {
                out.append(i == 0 ? "\n" : ",\n");
                credential(r.credentials().get(i));
            }
            out.append(r.credentials().isEmpty() ? "],\n" : "\n  ],\n");
            indent(1).append("\"items\": [");
            if (threads > 1 && r.items().size() > ITEMS_PER_TASK) {
                itemsInParallel(r.items());
            } else {
                items(r.items(), 0, r.items().size());
            }
            out.append(r.items().isEmpty() ? "],\n" : "\n  ],\n");
            indent(1).append("\"jobsUsingAppPasswords\": ");
            strings(r.jobsUsingAppPasswords());
            out.append(",\n");
            indent(1).append("\"jobsPossiblyUsingAppPasswords\": ");
            strings(r.jobsPossiblyUsingAppPasswords());
            out.append(",\n");
            indent(1).append("\"skipped\": [");
            for (int i = 0; i < r.skipped().size(); i++) {
                SkippedFile s = r.skipped().get(i);
                out.append(i == 0 ? "\n" : ",\n");
                indent(2).append("{\"path\": ");
                string(s.path());
                out.append(", \"reason\": ");
                string(s.reason());
                out.append('}');
            }
            out.append(r.skipped().isEmpty() ? "]\n" : "\n  ]\n");
            out.append("}\n");
        }

        private void items(List<AuditedItem> items, int from, int to) throws IOException {
            for (int i = from; i < to; i++) {
                out.append(i == 0 ? "\n" : ",\n");
                item(items.get(i));
            }
        }

        /** Renders items in tasks of {@link #ITEMS_PER_TASK}, a few ahead, and writes each in order. */
        private void itemsInParallel(List<AuditedItem> items) throws IOException {
            ExecutorService pool = Executors.newFixedThreadPool(threads, AuditReportJson::renderingThread);
            try {
                ArrayDeque<Future<String>> pending = new ArrayDeque<>();
                int next = 0;
                while (next < items.size() || !pending.isEmpty()) {
                    while (next < items.size() && pending.size() < 2 * threads) {
                        int from = next;
                        int to = Math.min(items.size(), from + ITEMS_PER_TASK);
                        pending.add(pool.submit(() -> {
                            StringBuilder rendered = new StringBuilder((to - from) * 512);
                            new Writer(rendered).items(items, from, to);
                            return rendered.toString();
                        }));
                        next = to;
                    }
                    blocks.write(pending.remove().get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing the report", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("rendering the report failed", e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }

        private void credential(AuditedCredential c) throws IOException {
            CredentialRecord r = c.credential();
            indent(2).append("{\"id\": ");
            string(r.id());
            out.append(", \"store\": ");
            string(r.store().id());
            out.append(", \"scope\": ");
            string(r.scope().name());
            out.append(", \"type\": ");
            string(r.type());
            out.append(", \"username\": ");
            optional(r.username());
            out.append(", \"kind\": ");
            string(r.kind().name());
            out.append(", \"usedBy\": ");
            strings(c.usedBy());
            out.append(",\n");
            indent(3).append("\"evidence\": ");
            strings(r.evidence());
            out.append('}');
        }

        private void item(AuditedItem a) throws IOException {
            ItemRecord item = a.item();
            indent(2).append("{\"fullName\": ");
            string(item.fullName());
            out.append(", \"type\": ");
            string(item.type());
            out.append(", \"disabled\": ").append(Boolean.toString(item.disabled()));
            out.append(", \"usesAppPassword\": ").append(Boolean.toString(a.usesAppPassword()));
            out.append(", \"possiblyUsesAppPassword\": ").append(Boolean.toString(a.possiblyUsesAppPassword()));
            out.append(",\n");
            indent(3).append("\"references\": [");
            for (int i = 0; i < a.references().size(); i++) {
                ResolvedReference ref = a.references().get(i);
                out.append(i == 0 ? "\n" : ",\n");
                indent(4).append("{\"credentialsId\": ");
                string(ref.reference().credentialsId());
                out.append(", \"where\": ");
                string(ref.reference().where().id());
                out.append(", \"resolvedStore\": ");
                optional(ref.resolvedStore().map(StoreRef::id));
                out.append(", \"kind\": ");
                optional(ref.kind().map(Enum::name));
                out.append(", \"host\": ");
                optional(ref.reference().host());
                out.append(", \"channel\": ");
                string(ref.reference().channel().id());
                out.append(", \"fix\": ");
                optional(ref.reference().fix());
                out.append('}');
            }
            out.append(a.references().isEmpty() ? "],\n" : "\n      ],\n");
            indent(3).append("\"bitbucketUrls\": ");
            strings(item.bitbucketUrls());
            out.append(",\n");
            indent(3).append("\"evidence\": ");
            strings(a.possibleAppPasswordEvidence());
            out.append('}');
        }

        private void field(int level, String name, String value, boolean comma) throws IOException {
            indent(level);
            string(name);
            out.append(": ");
            string(value);
            out.append(comma ? ",\n" : "\n");
        }

        private void raw(int level, String name, String value, boolean comma) throws IOException {
            indent(level);
            string(name);
            out.append(": ").append(value).append(comma ? ",\n" : "\n");
        }

        private Appendable indent(int level) throws IOException {
            for (int i = 0; i < level; i++) {
                out.append("  ");
            }
            return out;
        }

        private void optional(Optional<String> value) throws IOException {
            if (value.isPresent()) {
                string(value.get());
            } else {
                out.append("null");
            }
        }

        private void strings(List<String> values) throws IOException {
            out.append('[');
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                string(values.get(i));
            }
            out.append(']');
        }

        private void string(String value) throws IOException {
            out.append('"');
            if (isPlain(value)) {
                // Most values need no escape: write them whole rather than in pieces.
                out.append(value).append('"');
                return;
            }
            int from = 0;
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                String escaped = escape(c, value, i);
                if (escaped != null) {
                    out.append(value, from, i).append(escaped);
                    from = i + 1;
                }
            }
            out.append(value, from, value.length()).append('"');
        }

        private static boolean isPlain(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x20 || c == '"' || c == '\\' || c >= '\u2028') {
                    return false;
                }
            }
            return true;
        }

        private static String escape(char c, String value, int i) {
            switch (c) {
                case '"':
                    return "\\\"";
                case '\\':
                    return "\\\\";
                case '\n':
                    return "\\n";
                case '\r':
                    return "\\r";
                case '\t':
                    return "\\t";
                default:
                    if (c < 0x20
                            || c == '\u2028'
                            || c == '\u2029'
                            || (Character.isSurrogate(c) && !validSurrogate(value, i))) {
                        return String.format(java.util.Locale.ROOT, "\\u%04x", (int) c);
                    }
                    return null;
            }
        }

        private static boolean validSurrogate(String s, int i) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            }
            return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
        }
    }
}
