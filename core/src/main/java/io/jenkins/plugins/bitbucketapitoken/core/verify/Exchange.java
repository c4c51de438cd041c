package io.jenkins.plugins.bitbucketapitoken.core.verify;

import io.jenkins.plugins.bitbucketapitoken.core.auth.Channel;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Describes one request the verifier made, for a verbose log: never the secret, never a header.
 *
 * @param channel which channel
 * @param method the HTTP method
 * @param uri the address (built from the configured base URLs; it never carries user info)
 * @param attempt the attempt number, from 1
 * @param status the status of the answer; empty when none came back
 * @param failure why no answer came back (the exception's type); empty when one came back
 */
public record Exchange(
        Channel channel, String method, URI uri, int attempt, OptionalInt status, Optional<String> failure) {

    /** Checks that no part is missing. */
    public Exchange {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(failure, "failure");
    }

    /** Returns one line for a log, such as {@code GET https://api.bitbucket.org/2.0/user -> 200}. */
    public String describe() {
        String outcome = status.isPresent() ? String.valueOf(status.getAsInt()) : failure.orElse("no answer");
        return method + " " + uri + " -> " + outcome + (attempt > 1 ? " (attempt " + attempt + ")" : "");
    }
}
