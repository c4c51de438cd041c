package io.jenkins.plugins.bitbucketapitoken.core.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * Writes an {@link AuditReport} as the JSON document described in {@code docs/audit.md}, streaming, so that a
 * report of many thousands of items needs no second copy in memory. Core stays free of a JSON library: the
 * document is small and flat, and the only escaping it needs is RFC 8259's.
 */
public final class AuditReportJson {

    private AuditReportJson() {}

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
        try {
            new Writer(out).report(report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Writer(Appendable out) {

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
            for (int i = 0; i < r.items().size(); i++) {
                out.append(i == 0 ? "\n" : ",\n");
                item(r.items().get(i));
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
