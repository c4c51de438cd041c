package io.jenkins.plugins.bitbucketapitoken.core.checkout;

import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import io.jenkins.plugins.bitbucketapitoken.core.repo.BitbucketEndpoints;
import io.jenkins.plugins.bitbucketapitoken.core.repo.RepositoryReferences;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides which submodules may receive a checkout's credential: only those whose URL, as git will contact it, is a
 * repository on the configured Bitbucket Git host, over the same scheme and port. Anything else (another host, the
 * same host on another port, ssh, plain http to a remote host, a local path) is refused before git contacts it:
 * a {@code .gitmodules} is written by whoever can push a branch, and must not be a way to collect the token.
 */
public final class SubmoduleUrls {

    private SubmoduleUrls() {}

    /**
     * Checks one submodule's URL.
     *
     * @param name the submodule's name in {@code .gitmodules}
     * @param url the URL git will contact, after relative URLs were resolved against the superproject's
     * @param endpoints the configured Bitbucket endpoints
     * @return the refusal, naming the URL (without any user info) and what to do; empty when the URL may receive the
     *     credential
     */
    public static Optional<Problem> check(String name, String url, BitbucketEndpoints endpoints) {
        if (isOnGitHost(url, endpoints)) {
            return Optional.empty();
        }
        String shown = url == null ? "" : RepositoryReferences.redact(url.strip());
        return Optional.of(Message.SUBMODULE_NOT_ON_BITBUCKET.problem(
                name, shown.length() <= 200 ? shown : shown.substring(0, 197) + "...", endpoints.gitUrl()));
    }

    private static boolean isOnGitHost(String url, BitbucketEndpoints endpoints) {
        if (url == null || url.isBlank() || url.chars().anyMatch(Character::isISOControl)) {
            return false;
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            return false;
        }
        URI base = endpoints.gitUrl();
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals(base.getScheme().toLowerCase(Locale.ROOT))
                && endpoints.isGitHost(uri.getHost())
                && port(uri) == port(base)
                && RepositoryReferences.parse(url, endpoints).isValid();
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
    }
}
