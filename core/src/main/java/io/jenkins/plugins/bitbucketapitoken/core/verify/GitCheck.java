package io.jenkins.plugins.bitbucketapitoken.core.verify;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Tells how Git over HTTPS answered: the upload-pack advertisement (what {@code git ls-remote} fetches) and,
 * when asked for, the receive-pack advertisement (write access, without pushing anything).
 *
 * @param ok whether reading works and, when a push was checked, writing too
 * @param status the status of the upload-pack advertisement; empty when nothing came back
 * @param push the result of the write check; empty when it was not asked for or reading already failed
 */
public record GitCheck(boolean ok, OptionalInt status, Optional<PushCheck> push) {

    /** Checks that no part is missing. */
    public GitCheck {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(push, "push");
    }
}
