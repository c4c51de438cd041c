package io.jenkins.plugins.bitbucketapitoken.core.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads what Bitbucket says in the body of a failed answer: the JSON {@code error.message} and the
 * {@code error.detail.required} and {@code granted} scope lists of the REST API, or the text lines of Git over
 * HTTPS (with or without git's {@code remote: } prefix).
 *
 * <p>The body is untrusted input: parsing never throws, keeps at most {@value #MAX_INPUT} characters, and the
 * quoted message is cleaned of control characters and shortened.
 *
 * @param message Bitbucket's own message, cleaned and shortened; empty when the body says nothing
 * @param required the scopes Bitbucket says the request needs; empty when not given
 * @param granted the scopes Bitbucket says the token has; empty when not given
 * @param text all readable text of the body, for recognising Bitbucket's messages
 */
public record BitbucketErrorBody(Optional<String> message, List<String> required, List<String> granted, String text) {

    /** The most characters of a body that are read; Bitbucket's error bodies are far smaller. */
    public static final int MAX_INPUT = 64 * 1024;

    private static final int MAX_MESSAGE = 300;
    private static final int MAX_SCOPES = 100;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String REMOTE_PREFIX = "remote:";

    /** Copies the lists so that the value stays immutable. */
    public BitbucketErrorBody {
        Objects.requireNonNull(message, "message");
        required = List.copyOf(required);
        granted = List.copyOf(granted);
        Objects.requireNonNull(text, "text");
    }

    /**
     * Parses a body of any kind.
     *
     * @param body the body as received, or {@code null}
     * @return what it says; never throws
     */
    public static BitbucketErrorBody parse(String body) {
        if (body == null || body.isBlank()) {
            return new BitbucketErrorBody(Optional.empty(), List.of(), List.of(), "");
        }
        String input = body.length() > MAX_INPUT ? body.substring(0, MAX_INPUT) : body;
        String trimmed = input.strip();
        if (trimmed.startsWith("{")) {
            Optional<BitbucketErrorBody> json = parseJson(trimmed);
            if (json.isPresent()) {
                return json.get();
            }
        }
        return parseText(input);
    }

    /** Lists the required scopes that were not granted, in Bitbucket's order. */
    public List<String> missingScopes() {
        Set<String> missing = new LinkedHashSet<>(required);
        missing.removeAll(granted);
        return List.copyOf(missing);
    }

    /**
     * Tells whether the body contains a text, ignoring case.
     *
     * @param fragment a piece of one of Bitbucket's messages
     * @return whether it occurs
     */
    public boolean mentions(String fragment) {
        return text.toLowerCase(Locale.ROOT).contains(fragment.toLowerCase(Locale.ROOT));
    }

    private static Optional<BitbucketErrorBody> parseJson(String body) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (Exception e) { // any parse failure means "not JSON": fall back to text
            return Optional.empty();
        }
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        JsonNode error = root.path("error");
        List<String> parts = new ArrayList<>();
        Optional<String> message = textOf(error.path("message")).or(() -> textOf(root.path("message")));
        message.ifPresent(parts::add);
        JsonNode detail = error.path("detail");
        textOf(detail).ifPresent(parts::add);
        List<String> required = scopes(detail.path("required"));
        List<String> granted = scopes(detail.path("granted"));
        String text = String.join(" ", parts);
        return Optional.of(new BitbucketErrorBody(message.map(BitbucketErrorBody::clean), required, granted, text));
    }

    private static BitbucketErrorBody parseText(String body) {
        List<String> lines = new ArrayList<>();
        for (String line : body.split("\\R")) {
            String l = line.strip();
            if (l.regionMatches(true, 0, REMOTE_PREFIX, 0, REMOTE_PREFIX.length())) {
                l = l.substring(REMOTE_PREFIX.length()).strip();
            }
            if (!l.isEmpty()) {
                lines.add(l);
            }
        }
        String text = String.join(" ", lines);
        String cleaned = clean(text);
        return new BitbucketErrorBody(
                cleaned.isEmpty() ? Optional.empty() : Optional.of(cleaned), List.of(), List.of(), text);
    }

    private static Optional<String> textOf(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }

    private static List<String> scopes(JsonNode node) {
        List<String> scopes = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode scope : node) {
                if (scope.isTextual() && isScopeName(scope.asText()) && scopes.size() < MAX_SCOPES) {
                    scopes.add(scope.asText());
                }
            }
        } else if (node.isTextual()) {
            scopes.addAll(ScopeList.parse(node.asText()));
        }
        return List.copyOf(new LinkedHashSet<>(scopes));
    }

    static boolean isScopeName(String text) {
        return !text.isEmpty() && text.length() <= 100 && text.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ',');
    }

    /** Removes control characters, collapses whitespace and shortens the text to quote it safely. */
    static String clean(String text) {
        StringBuilder sb = new StringBuilder();
        boolean space = false;
        for (int i = 0; i < text.length() && sb.length() < MAX_MESSAGE; i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                space = sb.length() > 0;
            } else {
                if (space) {
                    sb.append(' ');
                    space = false;
                }
                sb.append(c);
            }
        }
        String result = sb.toString();
        if (result.length() >= MAX_MESSAGE) {
            result = result.substring(0, MAX_MESSAGE - 3) + "...";
        }
        if (!result.isEmpty() && Character.isHighSurrogate(result.charAt(result.length() - 1))) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }
}
