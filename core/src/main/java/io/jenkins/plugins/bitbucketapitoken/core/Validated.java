package io.jenkins.plugins.bitbucketapitoken.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Carries the outcome of checking input: a value when the input is usable, and every problem found, warnings
 * included. Input problems are values, not exceptions; {@link #orElseThrow()} turns them into one where a
 * caller cannot go on.
 *
 * @param <T> the type of the value
 * @param value the value, present when no problem is an error
 * @param problems what was found, errors first
 */
public record Validated<T>(Optional<T> value, List<Problem> problems) {

    /** Checks that a value and errors never come together. */
    public Validated {
        Objects.requireNonNull(value, "value");
        problems = List.copyOf(problems);
        // A loop, not a stream: the audit builds one of these per file read, and most lists are empty.
        boolean hasError = false;
        for (Problem problem : problems) {
            hasError |= problem.isError();
        }
        if (value.isPresent() && hasError) {
            throw new IllegalArgumentException("a valid value cannot carry errors");
        }
        if (value.isEmpty() && !hasError) {
            throw new IllegalArgumentException("an invalid value needs an error");
        }
    }

    /**
     * Wraps a usable value with any warnings.
     *
     * @param value the value
     * @param warnings warnings or notes
     * @param <T> the type of the value
     * @return the outcome
     */
    public static <T> Validated<T> valid(T value, List<Problem> warnings) {
        return new Validated<>(Optional.of(value), warnings);
    }

    /**
     * Wraps a usable value without warnings.
     *
     * @param value the value
     * @param <T> the type of the value
     * @return the outcome
     */
    public static <T> Validated<T> valid(T value) {
        return valid(value, List.of());
    }

    /**
     * Describes unusable input.
     *
     * @param error why the input is unusable
     * @param <T> the type of the value that could not be made
     * @return the outcome
     */
    public static <T> Validated<T> invalid(Problem error) {
        return new Validated<>(Optional.empty(), List.of(error));
    }

    /** Tells whether the input gave a usable value. */
    public boolean isValid() {
        return value.isPresent();
    }

    /** Returns the first error, if the input was unusable. */
    public Optional<Problem> error() {
        return problems.stream().filter(Problem::isError).findFirst();
    }

    /** Returns the value, or throws {@link InvalidInputException} with the first error. */
    public T orElseThrow() {
        return value.orElseThrow(() -> new InvalidInputException(error().orElseThrow()));
    }
}
