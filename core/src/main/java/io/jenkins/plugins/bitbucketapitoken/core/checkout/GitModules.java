package io.jenkins.plugins.bitbucketapitoken.core.checkout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the submodules a {@code .gitmodules} file declares: their names, paths and URLs as written. Only git's own
 * configuration syntax is read (sections, quoted names and values, comments, continuation lines); anything this
 * reader does not understand is skipped, never thrown. A submodule this reader misses gets no credential at all, so
 * skipping is the safe side.
 */
public final class GitModules {

    /** At most this many submodules are read from one file. */
    public static final int MAX_SUBMODULES = 1_000;

    /**
     * One submodule as {@code .gitmodules} declares it.
     *
     * @param name its name, the key of its section
     * @param path where it is checked out, if given
     * @param url its URL as written (possibly relative), if given
     */
    public record Submodule(String name, Optional<String> path, Optional<String> url) {}

    private GitModules() {}

    /**
     * Reads a {@code .gitmodules} file.
     *
     * @param text the file's content
     * @return the submodules in the order their sections first appear
     */
    public static List<Submodule> parse(String text) {
        Map<String, String[]> byName = new LinkedHashMap<>();
        String section = null;
        for (String line : logicalLines(text == null ? "" : text)) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#") || l.startsWith(";")) {
                continue;
            }
            if (l.startsWith("[")) {
                section = submoduleName(l).orElse(null);
                if (section != null && byName.size() < MAX_SUBMODULES) {
                    byName.putIfAbsent(section, new String[2]);
                }
                continue;
            }
            String[] fields = section == null ? null : byName.get(section);
            int eq = l.indexOf('=');
            if (fields == null || eq < 0) {
                continue;
            }
            String key = l.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = value(l.substring(eq + 1));
            if (key.equals("path")) {
                fields[0] = value;
            } else if (key.equals("url")) {
                fields[1] = value;
            }
        }
        List<Submodule> submodules = new ArrayList<>();
        byName.forEach((name, fields) ->
                submodules.add(new Submodule(name, Optional.ofNullable(fields[0]), Optional.ofNullable(fields[1]))));
        return List.copyOf(submodules);
    }

    /** Joins lines that end with a backslash, as git does. */
    private static List<String> logicalLines(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : text.split("\r?\n", -1)) {
            if (raw.endsWith("\\") && !raw.endsWith("\\\\")) {
                current.append(raw, 0, raw.length() - 1);
            } else {
                lines.add(current.append(raw).toString());
                current.setLength(0);
            }
        }
        return lines;
    }

    /** Reads {@code [submodule "name"]}; empty for any other section. */
    private static Optional<String> submoduleName(String header) {
        int close = header.lastIndexOf(']');
        String inside = close < 0 ? "" : header.substring(1, close).strip();
        int quote = inside.indexOf('"');
        if (quote < 0 || !inside.substring(0, quote).strip().equalsIgnoreCase("submodule")) {
            return Optional.empty();
        }
        StringBuilder name = new StringBuilder();
        for (int i = quote + 1; i < inside.length(); i++) {
            char c = inside.charAt(i);
            if (c == '\\' && i + 1 < inside.length()) {
                name.append(inside.charAt(++i));
            } else if (c == '"') {
                return i == inside.length() - 1 && !name.isEmpty() ? Optional.of(name.toString()) : Optional.empty();
            } else {
                name.append(c);
            }
        }
        return Optional.empty();
    }

    /** Reads a value: quotes removed, escapes resolved, a comment outside quotes dropped. */
    private static String value(String raw) {
        StringBuilder value = new StringBuilder();
        boolean quoted = false;
        String s = raw.strip();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && i + 1 < s.length()) {
                char next = s.charAt(++i);
                value.append(
                        switch (next) {
                            case 'n' -> '\n';
                            case 't' -> '\t';
                            case 'b' -> '\b';
                            default -> next;
                        });
            } else if (!quoted && (c == '#' || c == ';')) {
                break;
            } else {
                value.append(c);
            }
        }
        return value.toString().strip();
    }
}
