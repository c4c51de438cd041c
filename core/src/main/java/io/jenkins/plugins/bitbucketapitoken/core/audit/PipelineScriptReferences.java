package io.jenkins.plugins.bitbucketapitoken.core.audit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the credential ids a Pipeline script names literally, in one linear pass without regular expressions.
 *
 * <p>Recognised: {@code credentialsId: 'x'} and {@code credentialsId = "x"} wherever they appear (so
 * {@code git url: ..., credentialsId: ...}, {@code checkout scmGit(userRemoteConfigs: [[credentialsId: ...]])},
 * {@code usernamePassword(credentialsId: "x", ...)} and every other binding), {@code credentials('x')} in a
 * declarative {@code environment}, and {@code sshagent(['x', 'y'])} or {@code sshagent(credentials: [...])}.
 * Ids held in variables cannot be known without running the script and are not reported; an interpolated
 * {@code "${...}"} id is reported as written, so that it shows up as unresolved. Comments are not told apart
 * from code. Never throws.
 */
public final class PipelineScriptReferences {

    private static final int MAX_ID = 512;
    private static final int MAX_LIST = 64;

    private PipelineScriptReferences() {}

    /**
     * Finds the literal credential ids in a script.
     *
     * @param script Pipeline script text; {@code null} counts as empty
     * @return the ids, each once, in order of appearance
     */
    public static List<String> find(String script) {
        if (script == null || script.isEmpty()) {
            return new ArrayList<>();
        }
        // A set keeps the order of appearance and finds a repeated id in constant time: a script may hold
        // millions of ids.
        Set<String> ids = new LinkedHashSet<>();
        namedArguments(script, ids);
        stepArguments(script, "credentials", ids);
        sshAgent(script, ids);
        return new ArrayList<>(ids);
    }

    private static void namedArguments(String script, Set<String> ids) {
        int from = 0;
        while (true) {
            int at = script.indexOf("credentialsId", from);
            if (at < 0) {
                return;
            }
            from = at + "credentialsId".length();
            if (at > 0 && Character.isJavaIdentifierPart(script.charAt(at - 1))) {
                continue;
            }
            int i = skipSpaces(script, from);
            if (i < script.length() && (script.charAt(i) == ':' || script.charAt(i) == '=')) {
                int start = skipSpaces(script, i + 1);
                Optional<String> id = literalAt(script, start);
                if (id.isPresent()) {
                    ids.add(id.get());
                    // What a found literal holds is a string, not code: the search goes on after it.
                    from = endOfLiteral(script, start);
                }
            }
        }
    }

    private static void stepArguments(String script, String step, Set<String> ids) {
        int from = 0;
        while (true) {
            int at = script.indexOf(step, from);
            if (at < 0) {
                return;
            }
            from = at + step.length();
            if ((at > 0 && Character.isJavaIdentifierPart(script.charAt(at - 1)))
                    || (from < script.length() && Character.isJavaIdentifierPart(script.charAt(from)))) {
                continue;
            }
            int i = skipSpaces(script, from);
            if (i < script.length() && script.charAt(i) == '(') {
                int start = skipSpaces(script, i + 1);
                Optional<String> id = literalAt(script, start);
                if (id.isPresent()) {
                    int after = skipSpaces(script, endOfLiteral(script, start));
                    if (after < script.length() && script.charAt(after) == ')') {
                        ids.add(id.get());
                        from = after;
                    }
                }
            }
        }
    }

    private static void sshAgent(String script, Set<String> ids) {
        int from = 0;
        while (true) {
            int at = script.indexOf("sshagent", from);
            if (at < 0) {
                return;
            }
            from = at + "sshagent".length();
            int i = skipSpaces(script, from);
            if (i >= script.length() || script.charAt(i) != '(') {
                continue;
            }
            i = skipSpaces(script, i + 1);
            if (script.startsWith("credentials", i)) {
                i = skipSpaces(script, i + "credentials".length());
                if (i >= script.length() || script.charAt(i) != ':') {
                    continue;
                }
                i = skipSpaces(script, i + 1);
            }
            if (i >= script.length() || script.charAt(i) != '[') {
                continue;
            }
            i = skipSpaces(script, i + 1);
            for (int n = 0; n < MAX_LIST && i < script.length(); n++) {
                Optional<String> id = literalAt(script, i);
                if (id.isEmpty()) {
                    break;
                }
                ids.add(id.get());
                i = skipSpaces(script, endOfLiteral(script, i));
                // The list was read up to here: the search for the next sshagent goes on after it.
                from = i;
                if (i >= script.length() || script.charAt(i) != ',') {
                    break;
                }
                i = skipSpaces(script, i + 1);
            }
        }
    }

    /** Reads a quoted string literal ('x', "x", '''x''' or """x""") on one line starting at {@code i}. */
    static Optional<String> literalAt(String s, int i) {
        if (i >= s.length() || (s.charAt(i) != '\'' && s.charAt(i) != '"')) {
            return Optional.empty();
        }
        char quote = s.charAt(i);
        int quoteLength = s.startsWith(String.valueOf(quote).repeat(3), i) ? 3 : 1;
        int start = i + quoteLength;
        String closing = String.valueOf(quote).repeat(quoteLength);
        for (int j = start; j < s.length() && j - start <= MAX_ID; j++) {
            char c = s.charAt(j);
            if (c == '\n' || c == '\r' || c == '\\') {
                return Optional.empty();
            }
            if (s.startsWith(closing, j)) {
                String id = s.substring(start, j).strip();
                return id.isEmpty() ? Optional.empty() : Optional.of(id);
            }
        }
        return Optional.empty();
    }

    static int endOfLiteral(String s, int i) {
        char quote = s.charAt(i);
        int quoteLength = s.startsWith(String.valueOf(quote).repeat(3), i) ? 3 : 1;
        int end = s.indexOf(String.valueOf(quote).repeat(quoteLength), i + quoteLength);
        return end < 0 ? s.length() : end + quoteLength;
    }

    static int skipSpaces(String s, int i) {
        int j = i;
        while (j < s.length() && Character.isWhitespace(s.charAt(j))) {
            j++;
        }
        return j;
    }
}
