package io.jenkins.plugins.bitbucketapitoken.core.verify;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Tells how the REST API answered: {@code GET /2.0/user} and, when a repository was given,
 * {@code GET /2.0/repositories/{workspace}/{slug}}.
 *
 * @param ok whether every REST request succeeded
 * @param status the status of the last REST answer; empty when nothing was sent or nothing came back
 * @param account the Bitbucket username (or nickname) of the token's account, when {@code /2.0/user} answered
 * @param scopes the scopes Bitbucket says the token has (from {@code X-OAuth-Scopes} or a 403 body), when it said
 */
public record RestCheck(boolean ok, OptionalInt status, Optional<String> account, List<String> scopes) {

    /** Copies the scope list so that the value stays immutable. */
    public RestCheck {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(account, "account");
        scopes = List.copyOf(scopes);
    }
}
