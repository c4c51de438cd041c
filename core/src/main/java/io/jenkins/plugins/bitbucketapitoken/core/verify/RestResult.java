package io.jenkins.plugins.bitbucketapitoken.core.verify;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Carries the answer to one REST lookup: a value when it worked, a diagnosis when it did not.
 *
 * @param value the value looked up; empty on failure
 * @param status the HTTP status; empty when no answer came back
 * @param diagnosis why it failed; empty when it worked
 * @param <T> the type of the value
 */
public record RestResult<T>(Optional<T> value, OptionalInt status, Optional<Diagnosis> diagnosis) {

    /** Checks that no part is missing. */
    public RestResult {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(diagnosis, "diagnosis");
    }

    /** Tells whether the lookup worked. */
    public boolean isOk() {
        return diagnosis.isEmpty();
    }
}
