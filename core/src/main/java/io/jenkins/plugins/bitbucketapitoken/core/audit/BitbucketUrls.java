package io.jenkins.plugins.bitbucketapitoken.core.audit;

import io.jenkins.plugins.bitbucketapitoken.core.BitbucketCloud;
import io.jenkins.plugins.bitbucketapitoken.core.Validated;
import io.jenkins.plugins.bitbucketapitoken.core.repo.RepositoryRef;
import io.jenkins.plugins.bitbucketapitoken.core.repo.RepositoryReferences;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds Bitbucket URLs in configuration text and scripts, in one linear pass, and makes them safe to show.
 *
 * <p>Cloud URLs become clean clone URLs; other hosts named like Bitbucket (Bitbucket Data Center) are kept with
 * any user info removed, since a URL may carry a password.
 */
public final class BitbucketUrls {

    private static final String[] STARTS = {"https://", "http://", "ssh://", "git@"};
    private static final int MAX_URL = 2048;
    private static final int MAX_CACHED = 4096;

    // Many items name the same repositories; parsing a URL costs more than reading the item around it.
    private static final java.util.Map<String, java.util.Optional<String>> CACHE =
            new java.util.concurrent.ConcurrentHashMap<>();

    private BitbucketUrls() {}

    /**
     * Finds the Bitbucket URLs in a text.
     *
     * @param text configuration text or script; {@code null} counts as empty
     * @return the URLs, without user info, in order of appearance, each once
     */
    public static List<String> find(String text) {
        // A set keeps the order of appearance and finds a repeated URL in constant time.
        Set<String> found = new LinkedHashSet<>();
        find(text, found);
        return new ArrayList<>(found);
    }

    /**
     * Adds the Bitbucket URLs in a text to a set, in order of appearance.
     *
     * @param text configuration text or script; {@code null} counts as empty
     * @param found where to add them
     */
    static void find(String text, Set<String> found) {
        if (text == null || !containsIgnoreCase(text, "bitbucket")) {
            return;
        }
        int i = 0;
        while (i < text.length()) {
            int start = nextStart(text, i);
            if (start < 0) {
                break;
            }
            int end = start;
            while (end < text.length() && end - start < MAX_URL && isUrlCharacter(text.charAt(end))) {
                end++;
            }
            String candidate = text.substring(start, end);
            normalise(candidate).ifPresent(found::add);
            i = Math.max(end, start + 1);
        }
    }

    /**
     * Makes one URL safe to show, if it points at Bitbucket.
     *
     * @param url a URL as written
     * @return the clean clone URL for Bitbucket Cloud, the URL without user info for other Bitbucket hosts,
     *     empty when it does not name Bitbucket
     */
    public static java.util.Optional<String> normalise(String url) {
        if (url == null || !containsIgnoreCase(url, "bitbucket")) {
            return java.util.Optional.empty();
        }
        java.util.Optional<String> known = CACHE.get(url);
        if (known != null) {
            return known;
        }
        java.util.Optional<String> result = compute(url);
        if (CACHE.size() >= MAX_CACHED) {
            CACHE.clear();
        }
        CACHE.put(url, result);
        return result;
    }

    static java.util.Optional<String> compute(String url) {
        String stripped = url.strip();
        int end = stripped.length();
        while (end > 0 && ".;:".indexOf(stripped.charAt(end - 1)) >= 0) {
            end--;
        }
        String trimmed = stripped.substring(0, end);
        java.util.Optional<String> plain = plainCloudCloneUrl(trimmed);
        if (plain.isPresent()) {
            return plain;
        }
        return parsed(trimmed);
    }

    /**
     * Reads the form nearly every configuration writes, {@code https://bitbucket.org/ws/slug(.git)}, without the
     * general parser, which costs several microseconds a URL: a script may hold a million of them. Gives exactly
     * what {@link #parsed(String)} would, or empty for anything else.
     */
    static java.util.Optional<String> plainCloudCloneUrl(String url) {
        String prefix = "https://bitbucket.org/";
        if (!url.startsWith(prefix)) {
            return java.util.Optional.empty();
        }
        int slash = url.indexOf('/', prefix.length());
        if (slash < 0) {
            return java.util.Optional.empty();
        }
        int end = url.endsWith("/") ? url.length() - 1 : url.length();
        int third = url.indexOf('/', slash + 1);
        if (end <= slash || (third >= 0 && third < end)) {
            return java.util.Optional.empty();
        }
        String workspace = url.substring(prefix.length(), slash);
        String slug = url.substring(slash + 1, end);
        if (slug.regionMatches(true, slug.length() - 4, ".git", 0, 4)) {
            slug = slug.substring(0, slug.length() - 4);
        }
        if (!isPlainName(workspace) || !isPlainName(slug)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(prefix + lower(workspace) + "/" + lower(slug) + ".git");
    }

    /** Tells whether a name is one Bitbucket accepts: as {@code RepositoryReferences} checks it. */
    private static boolean isPlainName(String name) {
        if (name.isEmpty()
                || name.length() > 128
                || name.equals(".")
                || name.equals("..")
                || name.charAt(0) == '.'
                || name.charAt(0) == '-') {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '_'
                    || c == '.'
                    || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Reads a URL with the general parser: Cloud URLs in every form, other Bitbucket hosts without user info. */
    static java.util.Optional<String> parsed(String trimmed) {
        Validated<RepositoryRef> cloud = RepositoryReferences.parse(trimmed);
        if (cloud.isValid()) {
            return java.util.Optional.of(cloud.orElseThrow().cloneUrl().toString());
        }
        String redacted = RepositoryReferences.redact(trimmed);
        int at = redacted.indexOf('@');
        if (redacted.startsWith("git@")) {
            return hostOf(redacted.substring(4)).map(h -> redacted);
        }
        if (at >= 0 && !redacted.contains("****@")) {
            return java.util.Optional.empty();
        }
        String rest = afterScheme(redacted);
        int slash = rest.indexOf('/');
        if (slash < 0 || rest.substring(slash).replace("/", "").isEmpty()) {
            // A bare server address names no repository or workspace.
            return java.util.Optional.empty();
        }
        return hostOf(rest).map(h -> redacted);
    }

    private static java.util.Optional<String> hostOf(String rest) {
        int end = 0;
        while (end < rest.length() && ":/".indexOf(rest.charAt(end)) < 0) {
            end++;
        }
        String host = rest.substring(0, end);
        int at = host.lastIndexOf('@');
        host = at >= 0 ? host.substring(at + 1) : host;
        return containsIgnoreCase(host, "bitbucket") ? java.util.Optional.of(host) : java.util.Optional.empty();
    }

    private static String afterScheme(String url) {
        int scheme = url.indexOf("://");
        return scheme < 0 ? url : url.substring(scheme + 3);
    }

    /** Finds the nearest URL start at or after {@code from}, in one pass over the text, as the four searches would. */
    private static int nextStart(String text, int from) {
        for (int i = Math.max(0, from); i < text.length(); i++) {
            char first = Character.toLowerCase(text.charAt(i));
            if (first != 'h' && first != 's' && first != 'g') {
                continue;
            }
            for (String start : STARTS) {
                if (start.charAt(0) == first && text.regionMatches(true, i, start, 0, start.length())) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static boolean isUrlCharacter(char c) {
        return c > ' ' && c < 127 && "\"'<>`(){}[],\\".indexOf(c) < 0;
    }

    /**
     * Tells the host a URL talks to, when it names one plainly: {@code https://user@host:port/...},
     * {@code ssh://git@host/...} or {@code git@host:path}.
     *
     * @param url a URL as configured
     * @return the host in lower case; empty when the URL names none, or names it through a variable
     */
    public static java.util.Optional<String> hostOfTarget(String url) {
        String u = url == null ? "" : url.strip();
        int scheme = u.indexOf("://");
        String rest;
        if (scheme > 0) {
            rest = u.substring(scheme + 3);
        } else {
            int at = u.indexOf('@');
            int colon = u.indexOf(':');
            if (at < 0 || colon < at || u.indexOf('/') >= 0 && u.indexOf('/') < colon) {
                return java.util.Optional.empty();
            }
            rest = u.substring(0, colon);
        }
        int end = 0;
        while (end < rest.length() && "/?#".indexOf(rest.charAt(end)) < 0) {
            end++;
        }
        String authority = rest.substring(0, end);
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        int port = host.indexOf(':');
        host = port < 0 ? host : host.substring(0, port);
        // ASCII only, checked before lower-casing: some non-ASCII letters lower-case to ASCII ones.
        if (host.isEmpty() || host.chars().anyMatch(c -> !isHostCharacter(c))) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(lower(host));
    }

    private static boolean isHostCharacter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
    }

    /**
     * Tells whether a host is Bitbucket Cloud's: where its repositories are cloned from, or its REST API.
     *
     * @param host a host name in lower case
     * @return true for {@code bitbucket.org}, {@code www.bitbucket.org} and {@code api.bitbucket.org}
     */
    public static boolean isCloudHost(String host) {
        return BitbucketCloud.CLOUD_HOSTS.contains(host) || host.equals(BitbucketCloud.DEFAULT_API_URL.getHost());
    }

    static boolean containsIgnoreCase(String text, String needle) {
        return indexOfIgnoreCase(text, needle, 0) >= 0;
    }

    static int indexOfIgnoreCase(String text, String needle, int from) {
        int last = text.length() - needle.length();
        char first = Character.toLowerCase(needle.charAt(0));
        for (int i = Math.max(0, from); i <= last; i++) {
            if (Character.toLowerCase(text.charAt(i)) == first
                    && text.regionMatches(true, i, needle, 0, needle.length())) {
                return i;
            }
        }
        return -1;
    }

    /** Lowercases ASCII only, for host comparisons. */
    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
