package org.enachain.core;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a check returns: the validated value, or the {@link Rejection} that says why not. Checks never
 * throw for bad input.
 *
 * @param <T> the validated value's type
 */
public final class ValidationResult<T> {

    private final T value;
    private final Rejection rejection;

    private ValidationResult(T value, Rejection rejection) {
        this.value = value;
        this.rejection = rejection;
    }

    public static <T> ValidationResult<T> accepted(T value) {
        return new ValidationResult<>(Objects.requireNonNull(value, "value"), null);
    }

    public static <T> ValidationResult<T> rejected(Rejection rejection) {
        return new ValidationResult<>(null, Objects.requireNonNull(rejection, "rejection"));
    }

    public boolean isAccepted() {
        return rejection == null;
    }

    /** The validated value. @throws IllegalStateException when rejected */
    public T value() {
        if (rejection != null) {
            throw new IllegalStateException("Rejected: " + rejection);
        }
        return value;
    }

    /** The rejection. @throws IllegalStateException when accepted */
    public Rejection rejection() {
        if (rejection == null) {
            throw new IllegalStateException("The value was accepted");
        }
        return rejection;
    }

    public Optional<T> toOptional() {
        return Optional.ofNullable(value);
    }

    /** Applies {@code mapper} to an accepted value; a rejection passes through unchanged. */
    public <U> ValidationResult<U> map(Function<? super T, ? extends U> mapper) {
        return rejection == null ? accepted(mapper.apply(value)) : rejected(rejection);
    }

    @Override
    public String toString() {
        return rejection == null ? "Accepted[" + value + "]" : rejection.toString();
    }
}
