package io.jenkins.plugins.bitbucketapitoken.core.verify;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Tells whether the receive-pack advertisement was granted, i.e. whether a push would be accepted.
 *
 * @param ok whether write access works
 * @param status the status of the receive-pack advertisement; empty when nothing came back
 */
public record PushCheck(boolean ok, OptionalInt status) {

    /** Checks that no part is missing. */
    public PushCheck {
        Objects.requireNonNull(status, "status");
    }
}
