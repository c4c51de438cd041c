package io.jenkins.plugins.bitbucketapitoken.core.repo;

import io.jenkins.plugins.bitbucketapitoken.core.BitbucketCloud;
import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.Validated;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * Holds the two base URLs a credential may be sent to: the REST API and Git over HTTPS.
 *
 * <p>Secrets go only to these hosts, and only over https or plain http to a loopback address. The defaults are
 * Bitbucket Cloud's; tests and corporate proxies configure others.
 *
 * @param apiUrl the REST API base, such as {@code https://api.bitbucket.org/2.0}, without a trailing slash
 * @param gitUrl the Git base, such as {@code https://bitbucket.org}, without a trailing slash
 */
public record BitbucketEndpoints(URI apiUrl, URI gitUrl) {

    /** Checks both URLs and drops trailing slashes. */
    public BitbucketEndpoints {
        apiUrl = checked(apiUrl);
        gitUrl = checked(gitUrl);
    }

    /** Returns Bitbucket Cloud's own endpoints. */
    public static BitbucketEndpoints cloud() {
        return new BitbucketEndpoints(BitbucketCloud.DEFAULT_API_URL, BitbucketCloud.DEFAULT_GIT_URL);
    }

    /**
     * Checks base URLs given by a person; a blank value keeps Bitbucket Cloud's default.
     *
     * @param apiUrl the REST API base, or {@code null} or blank for the default
     * @param gitUrl the Git base, or {@code null} or blank for the default
     * @return the endpoints, or what is wrong with them
     */
    public static Validated<BitbucketEndpoints> of(String apiUrl, String gitUrl) {
        Validated<URI> api = parseBase(apiUrl, BitbucketCloud.DEFAULT_API_URL);
        if (!api.isValid()) {
            return Validated.invalid(api.error().orElseThrow());
        }
        Validated<URI> git = parseBase(gitUrl, BitbucketCloud.DEFAULT_GIT_URL);
        if (!git.isValid()) {
            return Validated.invalid(git.error().orElseThrow());
        }
        return Validated.valid(new BitbucketEndpoints(api.orElseThrow(), git.orElseThrow()));
    }

    /** Tells whether these are Bitbucket Cloud's own endpoints. */
    public boolean isCloud() {
        return gitUrl.equals(BitbucketCloud.DEFAULT_GIT_URL);
    }

    /**
     * Tells whether a repository on this host may receive the credential over Git.
     *
     * @param host a host name from a repository URL
     * @return whether it is the configured Git host, or a Bitbucket Cloud host when Cloud is configured
     */
    public boolean isGitHost(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals(gitUrl.getHost().toLowerCase(Locale.ROOT))
                || (isCloud() && BitbucketCloud.CLOUD_HOSTS.contains(h));
    }

    /**
     * Builds the clean HTTPS clone URL of a repository: no user info, ending in {@code .git}.
     *
     * @param workspace the workspace id
     * @param slug the repository slug
     * @return the clone URL
     */
    public URI cloneUrl(String workspace, String slug) {
        return URI.create(gitUrl + "/" + workspace + "/" + slug + ".git");
    }

    /**
     * Builds the REST address of a path below the API base.
     *
     * @param path a path starting with {@code /}, such as {@code /user}
     * @return the address
     */
    public URI api(String path) {
        return URI.create(apiUrl + path);
    }

    private static Validated<URI> parseBase(String text, URI fallback) {
        if (text == null || text.isBlank()) {
            return Validated.valid(fallback);
        }
        try {
            URI uri = new URI(text.strip());
            if (!isSafe(uri)) {
                return Validated.invalid(
                        uri.getScheme() != null && uri.getScheme().equalsIgnoreCase("http")
                                ? Message.REPOSITORY_INSECURE_SCHEME.problem(RepositoryReferences.redact(text))
                                : Message.BASE_URL_INVALID.problem(RepositoryReferences.redact(text)));
            }
            return Validated.valid(uri);
        } catch (URISyntaxException e) {
            return Validated.invalid(Message.BASE_URL_INVALID.problem(RepositoryReferences.redact(text)));
        }
    }

    private static boolean isSafe(URI uri) {
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null) {
            return false;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("https") || (scheme.equals("http") && Hosts.isLoopback(uri.getHost()));
    }

    private static URI checked(URI uri) {
        Objects.requireNonNull(uri, "url");
        if (!isSafe(uri)) {
            throw new IllegalArgumentException(
                    Message.BASE_URL_INVALID.text(RepositoryReferences.redact(uri.toString())));
        }
        String text = uri.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text);
    }
}
