package io.jenkins.plugins.bitbucketapitoken.core.audit;

import static io.jenkins.plugins.bitbucketapitoken.core.audit.PipelineScriptReferences.endOfLiteral;
import static io.jenkins.plugins.bitbucketapitoken.core.audit.PipelineScriptReferences.literalAt;
import static io.jenkins.plugins.bitbucketapitoken.core.audit.PipelineScriptReferences.skipSpaces;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Tells, for each credential a Pipeline script or a freestyle job's shell commands use, over which channel the use
 * reaches Bitbucket ({@link UseChannel}), and for a use that an in-place replacement would break, the exact change that
 * keeps it working.
 *
 * <p>The rules: an id inside {@code git(...)}, {@code checkout(...)}, {@code scmGit(...)}, {@code GitSCM},
 * {@code gitUsernamePassword(...)} or {@code bitbucketCheckout(...)} is a Git use. An id bound by
 * {@code usernamePassword(...)}, {@code usernameColonPassword(...)} or {@code NAME = credentials('id')} is a REST use
 * through a binding when the script names {@code api.bitbucket.org} and uses the bound username (or the
 * {@code user:password} pair); after a replacement that username is the Git username, which the REST API refuses.
 * Every other use is unknown. Scripts are read in linear passes, and each look around an id is bounded, so a hostile
 * script cannot make the scan slow. Never throws.
 */
public final class ScriptUses {

    /** The host of the REST API: a script that never names it makes no REST call a replacement could break. */
    static final String API_HOST = "api.bitbucket.org";

    private static final Set<String> GIT_CALLS =
            Set.of("git", "checkout", "scmGit", "GitSCM", "gitUsernamePassword", "bitbucketCheckout");
    private static final String PAIR_BINDING = "usernamePassword";
    private static final String COLON_BINDING = "usernameColonPassword";
    /** The element of a freestyle "Username and password (separated)" binding, which {@link #freestyleBinding} reads. */
    static final String FREESTYLE_PAIR_BINDING =
            "org.jenkinsci.plugins.credentialsbinding.impl.UsernamePasswordMultiBinding";
    /** The element of a freestyle "Username and password (conjoined)" binding. */
    static final String FREESTYLE_COLON_BINDING =
            "org.jenkinsci.plugins.credentialsbinding.impl.UsernamePasswordBinding";
    /** How far back an id's enclosing call and how far forward its end are looked for. */
    private static final int MAX_CALL = 1024;
    /** How many ids of one script are classified; the rest are unknown. Bounds the work on a hostile script. */
    private static final int MAX_CLASSIFIED = 10_000;
    /** How many bindings of one script have their variables looked for; the rest are unknown. */
    private static final int MAX_BINDINGS = 64;

    private ScriptUses() {}

    /**
     * Classifies every literal credential id in a Pipeline script.
     *
     * @param script a Pipeline script; {@code null} counts as empty
     * @return one reference per id and channel, in order of appearance, each with {@link ReferenceSource#SCRIPT}; the
     *     ids are exactly those of {@link PipelineScriptReferences#find}
     */
    public static List<CredentialReference> find(String script) {
        List<String> ids = PipelineScriptReferences.find(script);
        if (ids.isEmpty()) {
            return new ArrayList<>();
        }
        boolean callsApi = containsIgnoreCase(script, API_HOST);
        Set<CredentialReference> uses = new LinkedHashSet<>();
        Set<String> classified = new LinkedHashSet<>();
        int[] bindings = {0};
        namedArguments(script, callsApi, bindings, uses, classified);
        environmentCredentials(script, callsApi, bindings, uses, classified);
        List<CredentialReference> result = new ArrayList<>(uses);
        for (String id : ids) {
            if (!classified.contains(id)) {
                result.add(new CredentialReference(id, ReferenceSource.SCRIPT, UseChannel.UNKNOWN));
            }
        }
        return result;
    }

    /**
     * Classifies a freestyle job's binding (Build Environment, "Use secret text(s) or file(s)") from the job's shell
     * and batch commands.
     *
     * @param bindingClass the binding's class (its element name in {@code config.xml})
     * @param credentialsId the bound credential
     * @param variables the binding's fields: {@code usernameVariable}, {@code passwordVariable}, {@code variable}
     * @param commands the job's commands, joined
     * @return the binding's use: {@link UseChannel#BINDING_REST} with its fix, or {@link UseChannel#UNKNOWN}
     */
    public static CredentialReference freestyleBinding(
            String bindingClass, String credentialsId, java.util.Map<String, String> variables, String commands) {
        boolean pair = bindingClass.equals(FREESTYLE_PAIR_BINDING);
        boolean colon = bindingClass.equals(FREESTYLE_COLON_BINDING);
        String userVariable = variables.getOrDefault(pair ? "usernameVariable" : "variable", "");
        if ((pair || colon)
                && !userVariable.isEmpty()
                && containsIgnoreCase(commands, API_HOST)
                && usesVariable(commands, userVariable)) {
            String fix = pair
                    ? "In Build Environment > Use secret text(s) or file(s), replace \"Username and password"
                            + " (separated)\" with \"Bitbucket API token\": e-mail variable " + userVariable
                            + ", token variable " + variables.getOrDefault("passwordVariable", "BB_TOKEN") + "."
                    : "In Build Environment > Use secret text(s) or file(s), replace \"Username and password"
                            + " (conjoined)\" with \"Bitbucket API token\" (e-mail variable BB_EMAIL, token variable"
                            + " BB_TOKEN) and write \"$BB_EMAIL:$BB_TOKEN\" where $" + userVariable + " was used.";
            return new CredentialReference(
                    credentialsId, ReferenceSource.OTHER, Optional.empty(), UseChannel.BINDING_REST, Optional.of(fix));
        }
        return new CredentialReference(credentialsId, ReferenceSource.OTHER, UseChannel.UNKNOWN);
    }

    private static void namedArguments(
            String script, boolean callsApi, int[] bindings, Set<CredentialReference> uses, Set<String> classified) {
        int from = 0;
        for (int n = 0; n < MAX_CLASSIFIED; ) {
            int at = script.indexOf("credentialsId", from);
            if (at < 0) {
                return;
            }
            from = at + "credentialsId".length();
            if (at > 0 && Character.isJavaIdentifierPart(script.charAt(at - 1))) {
                continue;
            }
            int i = skipSpaces(script, from);
            if (i >= script.length() || (script.charAt(i) != ':' && script.charAt(i) != '=')) {
                continue;
            }
            int start = skipSpaces(script, i + 1);
            Optional<String> id = literalAt(script, start);
            if (id.isEmpty()) {
                continue;
            }
            from = endOfLiteral(script, start);
            n++;
            Optional<Call> call = enclosingCall(script, at);
            CredentialReference use = call.map(c -> classify(script, c, id.get(), callsApi, bindings))
                    .orElseGet(() -> new CredentialReference(id.get(), ReferenceSource.SCRIPT, UseChannel.UNKNOWN));
            uses.add(use);
            classified.add(id.get());
        }
    }

    private static CredentialReference classify(String script, Call call, String id, boolean callsApi, int[] bindings) {
        if (GIT_CALLS.contains(call.name())) {
            return new CredentialReference(id, ReferenceSource.SCRIPT, UseChannel.GIT);
        }
        boolean pair = call.name().equals(PAIR_BINDING);
        if ((pair || call.name().equals(COLON_BINDING))
                && call.open() >= 0
                && callsApi
                && bindings[0]++ < MAX_BINDINGS) {
            String arguments = script.substring(call.open() + 1, closing(script, call.open()));
            String user = namedLiteral(arguments, pair ? "usernameVariable" : "variable")
                    .orElse("");
            if (!user.isEmpty() && usesVariable(script, user)) {
                String fix = pair
                        ? "Replace usernamePassword(credentialsId: '" + id + "', usernameVariable: '" + user
                                + "', ...) with bitbucketApiToken(credentialsId: '" + id + "', emailVariable: '" + user
                                + "', tokenVariable: '"
                                + namedLiteral(arguments, "passwordVariable").orElse("BB_TOKEN") + "')."
                        : "Replace usernameColonPassword(credentialsId: '" + id + "', variable: '" + user
                                + "') with bitbucketApiToken(credentialsId: '" + id
                                + "', emailVariable: 'BB_EMAIL', tokenVariable: 'BB_TOKEN') and write"
                                + " \"$BB_EMAIL:$BB_TOKEN\" where $" + user + " was used.";
                return restUse(id, fix);
            }
        }
        return new CredentialReference(id, ReferenceSource.SCRIPT, UseChannel.UNKNOWN);
    }

    /** Finds {@code NAME = credentials('id')} (declarative {@code environment}): NAME, NAME_USR and NAME_PSW. */
    private static void environmentCredentials(
            String script, boolean callsApi, int[] bindings, Set<CredentialReference> uses, Set<String> classified) {
        if (!callsApi) {
            return;
        }
        int from = 0;
        while (true) {
            int at = script.indexOf("credentials", from);
            if (at < 0) {
                return;
            }
            from = at + "credentials".length();
            if ((at > 0 && Character.isJavaIdentifierPart(script.charAt(at - 1)))
                    || (from < script.length() && Character.isJavaIdentifierPart(script.charAt(from)))) {
                continue;
            }
            int open = skipSpaces(script, from);
            if (open >= script.length() || script.charAt(open) != '(') {
                continue;
            }
            Optional<String> id = literalAt(script, skipSpaces(script, open + 1));
            Optional<String> name = assignedName(script, at);
            if (id.isEmpty() || name.isEmpty() || bindings[0]++ >= MAX_BINDINGS) {
                continue;
            }
            String variable = name.get();
            if (usesVariable(script, variable + "_USR") || usesVariable(script, variable)) {
                uses.add(restUse(
                        id.get(),
                        "Replace " + variable + " = credentials('" + id.get()
                                + "') around the REST calls with withCredentials([bitbucketApiToken(credentialsId: '"
                                + id.get() + "', emailVariable: '" + variable + "_USR', tokenVariable: '" + variable
                                + "_PSW')]) { ... }: " + variable + "_USR would be the Git username."));
                classified.add(id.get());
            }
        }
    }

    private static CredentialReference restUse(String id, String fix) {
        return new CredentialReference(
                id, ReferenceSource.SCRIPT, Optional.empty(), UseChannel.BINDING_REST, Optional.of(fix));
    }

    /** Reads {@code NAME =} just before {@code at}. */
    private static Optional<String> assignedName(String s, int at) {
        int i = at - 1;
        while (i >= 0 && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i--;
        }
        if (i < 0 || s.charAt(i) != '=') {
            return Optional.empty();
        }
        i--;
        while (i >= 0 && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i--;
        }
        int end = i + 1;
        while (i >= 0 && end - i <= MAX_CALL && Character.isJavaIdentifierPart(s.charAt(i))) {
            i--;
        }
        return end > i + 1 ? Optional.of(s.substring(i + 1, end)) : Optional.empty();
    }

    /** A call around an id: its name and the position of its opening parenthesis. */
    private record Call(String name, int open) {}

    /** Finds the innermost call whose parentheses hold {@code at}, looking at most {@link #MAX_CALL} each way. */
    private static Optional<Call> enclosingCall(String s, int at) {
        int depth = 0;
        int open = -1;
        for (int i = at - 1; i >= 0 && at - i <= MAX_CALL; i--) {
            char c = s.charAt(i);
            if (c == ')') {
                depth++;
            } else if (c == '(') {
                if (depth == 0) {
                    open = i;
                    break;
                }
                depth--;
            } else if (depth == 0 && isStatementStart(s, i)) {
                // A step called without parentheses: git url: '...', credentialsId: '...'
                return commandCall(s, i + 1);
            }
        }
        if (open < 0) {
            return depth == 0 && at <= MAX_CALL ? commandCall(s, 0) : Optional.empty();
        }
        int end = open;
        while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        int begin = end;
        while (begin > 0 && open - begin < 256 && Character.isJavaIdentifierPart(s.charAt(begin - 1))) {
            begin--;
        }
        String name = s.substring(begin, end);
        if (name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0))) {
            // checkout([$class: 'GitSCM', ...]) names its class instead of a function.
            return classCall(s, open, at);
        }
        return Optional.of(new Call(name, open));
    }

    /** Tells whether a statement starts after {@code i}: a line end not continued by a comma, a brace or semicolon. */
    private static boolean isStatementStart(String s, int i) {
        char c = s.charAt(i);
        if (c == ';' || c == '{' || c == '}') {
            return true;
        }
        if (c != '\n') {
            return false;
        }
        int j = i - 1;
        while (j >= 0 && (s.charAt(j) == ' ' || s.charAt(j) == '\t' || s.charAt(j) == '\r')) {
            j--;
        }
        return j < 0 || s.charAt(j) != ',';
    }

    /** Reads the step name that starts a statement: the command form of a call, without parentheses. */
    private static Optional<Call> commandCall(String s, int start) {
        int begin = skipSpaces(s, start);
        int end = begin;
        while (end < s.length() && end - begin < 256 && Character.isJavaIdentifierPart(s.charAt(end))) {
            end++;
        }
        if (end == begin || !Character.isJavaIdentifierStart(s.charAt(begin))) {
            return Optional.empty();
        }
        return Optional.of(new Call(s.substring(begin, end), -1));
    }

    /** Reads {@code $class: 'GitSCM'} right after an opening parenthesis: the call is then named by its class. */
    private static Optional<Call> classCall(String s, int open, int at) {
        int i = s.indexOf("$class", open);
        if (i < 0 || i > at) {
            return Optional.empty();
        }
        i = skipSpaces(s, i + "$class".length());
        if (i >= s.length() || s.charAt(i) != ':') {
            return Optional.empty();
        }
        return literalAt(s, skipSpaces(s, i + 1)).map(name -> new Call(name, open));
    }

    private static int closing(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length() && i - open <= MAX_CALL; i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return Math.min(s.length(), open + MAX_CALL);
    }

    /** Reads {@code name: 'value'} from a call's arguments. */
    private static Optional<String> namedLiteral(String arguments, String name) {
        int from = 0;
        while (true) {
            int at = arguments.indexOf(name, from);
            if (at < 0) {
                return Optional.empty();
            }
            from = at + name.length();
            if (at > 0 && Character.isJavaIdentifierPart(arguments.charAt(at - 1))) {
                continue;
            }
            int i = skipSpaces(arguments, from);
            if (i < arguments.length() && arguments.charAt(i) == ':') {
                return literalAt(arguments, skipSpaces(arguments, i + 1));
            }
        }
    }

    /** Tells whether a script reads a variable: {@code $X}, {@code ${X}}, {@code env.X} or {@code %X%}. */
    static boolean usesVariable(String script, String variable) {
        int from = 0;
        while (true) {
            int at = script.indexOf(variable, from);
            if (at < 0) {
                return false;
            }
            from = at + variable.length();
            boolean endsName = from >= script.length() || !Character.isJavaIdentifierPart(script.charAt(from));
            if (!endsName && !(from < script.length() && script.charAt(from) == '%')) {
                continue;
            }
            char before = at > 0 ? script.charAt(at - 1) : ' ';
            if (before == '$'
                    || (before == '{' && at > 1 && script.charAt(at - 2) == '$')
                    || (before == '.' && at >= 4 && script.startsWith("env.", at - 4))
                    || (before == '%' && from < script.length() && script.charAt(from) == '%')) {
                return true;
            }
        }
    }

    static boolean containsIgnoreCase(String s, String needle) {
        return s != null && s.toLowerCase(Locale.ROOT).contains(needle);
    }
}
