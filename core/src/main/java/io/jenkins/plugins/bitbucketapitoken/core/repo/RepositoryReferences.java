package io.jenkins.plugins.bitbucketapitoken.core.repo;

import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import io.jenkins.plugins.bitbucketapitoken.core.Validated;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the ways people write a Bitbucket Cloud repository: https URLs (with or without user info, {@code .git}
 * or trailing slash), ssh URLs, scp-like {@code git@bitbucket.org:ws/repo.git}, browser URLs and the
 * {@code workspace/slug} shorthand.
 *
 * <p>Only hosts of the configured {@link BitbucketEndpoints} are accepted, so a credential is never sent to a
 * host nobody configured. Never throws; a message never shows a password found in the input.
 */
public final class RepositoryReferences {

    private static final Pattern SCP_LIKE = Pattern.compile("^(?:[^@/\\s:]+@)?([A-Za-z0-9.-]+):(?!//)(.*)$");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@\\s]*@");
    private static final int MAX_INPUT = 2048;

    private RepositoryReferences() {}

    /**
     * Parses a repository reference for Bitbucket Cloud's own hosts.
     *
     * @param input what the person wrote
     * @return the repository, or what is wrong with the input
     */
    public static Validated<RepositoryRef> parse(String input) {
        return parse(input, BitbucketEndpoints.cloud());
    }

    /**
     * Parses a repository reference, accepting the hosts of the given endpoints.
     *
     * @param input what the person wrote
     * @param endpoints where the credential may go
     * @return the repository, or what is wrong with the input
     */
    public static Validated<RepositoryRef> parse(String input, BitbucketEndpoints endpoints) {
        if (input == null || input.isBlank()) {
            return Validated.invalid(Message.REPOSITORY_EMPTY.problem());
        }
        String text = input.strip();
        if (text.length() > MAX_INPUT || text.chars().anyMatch(Character::isISOControl)) {
            return Validated.invalid(Message.REPOSITORY_UNPARSEABLE.problem(shorten(redact(text))));
        }
        if (text.contains("://")) {
            return parseUrl(text, endpoints);
        }
        Matcher scp = SCP_LIKE.matcher(text);
        if (scp.matches()) {
            return checkHost(scp.group(1), endpoints)
                    .map(Validated::<RepositoryRef>invalid)
                    .orElseGet(() -> fromPath(scp.group(2), text, endpoints, List.of()));
        }
        return parseShorthand(text, endpoints);
    }

    /**
     * Hides any user info in URL-like text, so that the text can be shown.
     *
     * @param text a URL or anything else
     * @return the text with {@code user:password@} replaced by {@code ****@}
     */
    public static String redact(String text) {
        return text == null ? "" : USER_INFO.matcher(text).replaceAll("****@");
    }

    private static Validated<RepositoryRef> parseUrl(String text, BitbucketEndpoints endpoints) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return Validated.invalid(Message.REPOSITORY_UNPARSEABLE.problem(shorten(redact(text))));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!List.of("https", "http", "ssh", "git+ssh").contains(scheme) || uri.getHost() == null) {
            return Validated.invalid(Message.REPOSITORY_UNPARSEABLE.problem(shorten(redact(text))));
        }
        var hostProblem = checkHost(uri.getHost(), endpoints);
        if (hostProblem.isPresent()) {
            return Validated.invalid(hostProblem.get());
        }
        if (scheme.equals("http") && !Hosts.isLoopback(uri.getHost())) {
            return Validated.invalid(Message.REPOSITORY_INSECURE_SCHEME.problem(shorten(redact(text))));
        }
        List<Problem> warnings = new ArrayList<>();
        if (uri.getRawUserInfo() != null && uri.getRawUserInfo().contains(":")) {
            warnings.add(Message.REPOSITORY_CREDENTIALS_IN_URL.problem());
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String basePath = endpoints.gitUrl().getPath();
        if (!scheme.contains("ssh") && !basePath.isEmpty() && path.startsWith(basePath + "/")) {
            path = path.substring(basePath.length());
        }
        return fromPath(path, text, endpoints, warnings);
    }

    private static Validated<RepositoryRef> parseShorthand(String text, BitbucketEndpoints endpoints) {
        List<String> segments = segments(text);
        if (segments.size() >= 3 && endpoints.isGitHost(segments.get(0))) {
            // "bitbucket.org/ws/repo" typed without a scheme
            return fromPath(String.join("/", segments.subList(1, segments.size())), text, endpoints, List.of());
        }
        if (segments.size() > 2) {
            return Validated.invalid(Message.REPOSITORY_UNPARSEABLE.problem(shorten(text)));
        }
        return fromPath(text, text, endpoints, List.of());
    }

    private static Validated<RepositoryRef> fromPath(
            String path, String original, BitbucketEndpoints endpoints, List<Problem> warnings) {
        List<String> segments = segments(path);
        if (segments.isEmpty()) {
            return Validated.invalid(Message.REPOSITORY_UNPARSEABLE.problem(shorten(redact(original))));
        }
        if (segments.size() == 1) {
            return Validated.invalid(Message.REPOSITORY_WORKSPACE_ONLY.problem(shorten(redact(original))));
        }
        String workspace = segments.get(0);
        String slug = segments.get(1);
        if (slug.toLowerCase(Locale.ROOT).endsWith(".git")) {
            slug = slug.substring(0, slug.length() - 4);
        }
        for (String name : List.of(workspace, slug)) {
            if (!NAME.matcher(name).matches() || name.equals(".") || name.equals("..") || name.length() > 128) {
                return Validated.invalid(Message.REPOSITORY_INVALID_NAME.problem(shorten(name)));
            }
        }
        workspace = workspace.toLowerCase(Locale.ROOT);
        slug = slug.toLowerCase(Locale.ROOT);
        return Validated.valid(new RepositoryRef(workspace, slug, endpoints.cloneUrl(workspace, slug)), warnings);
    }

    private static Optional<Problem> checkHost(String host, BitbucketEndpoints endpoints) {
        if (endpoints.isGitHost(host)) {
            return Optional.empty();
        }
        return Optional.of(Message.REPOSITORY_HOST_NOT_ALLOWED.problem(shorten(redact(host))));
    }

    private static List<String> segments(String path) {
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    }

    private static String shorten(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
