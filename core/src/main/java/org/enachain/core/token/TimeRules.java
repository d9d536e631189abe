package org.enachain.core.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.enachain.core.Reason;

/**
 * The time checks of RFC 7519 4.1.4–4.1.6 with a clock-skew leeway (GEN-17: configurable, at most
 * a few minutes, default 60 s). Immutable; the clock is injected so tests move time instead of
 * sleeping.
 */
public record TimeRules(Clock clock, Duration leeway) {

    public static final Duration DEFAULT_LEEWAY = Duration.ofSeconds(60);
    public static final Duration MAX_LEEWAY = Duration.ofMinutes(5);

    public TimeRules {
        Objects.requireNonNull(clock, "clock");
        if (leeway == null || leeway.isNegative() || leeway.compareTo(MAX_LEEWAY) > 0) {
            throw new IllegalArgumentException("The clock-skew leeway must be between 0 and " + MAX_LEEWAY.toSeconds()
                    + " s, but is " + leeway);
        }
    }

    public static TimeRules defaults() {
        return new TimeRules(Clock.systemUTC(), DEFAULT_LEEWAY);
    }

    public Instant now() {
        return clock.instant();
    }

    /** {@code exp}: rejected at or after {@code exp + leeway}. */
    public void requireNotExpired(Instant expiresAt, Instant now) throws JwtRejectedException {
        if (!now.isBefore(expiresAt.plus(leeway))) {
            throw new JwtRejectedException(Reason.EXPIRED);
        }
    }

    /** {@code nbf}: rejected while {@code nbf} is later than {@code now + leeway}. */
    public void requireNotBefore(Instant notBefore, Instant now) throws JwtRejectedException {
        if (notBefore != null && notBefore.isAfter(now.plus(leeway))) {
            throw new JwtRejectedException(Reason.NOT_YET_VALID);
        }
    }

    /**
     * A JWT's declared lifetime — from {@code start} ({@code iat}, else {@code nbf}, else now) to
     * {@code exp} — may not exceed {@code max} plus the leeway: the issuer's clock may run a
     * little ahead. With {@code iat} itself bounded by {@link #requireIssuedAtNotInFuture}, no such JWT is
     * valid for more than {@code max} plus twice the leeway from now.
     */
    public void requireLifetimeAtMost(Duration max, Instant start, Instant expiresAt, String what)
            throws JwtRejectedException {
        if (Duration.between(start, expiresAt).compareTo(max.plus(leeway)) > 0) {
            throw new JwtRejectedException(Reason.LIFETIME_TOO_LONG, what + " is valid for longer than "
                    + max.toSeconds() + " s");
        }
    }

    /** {@code iat}: rejected when later than {@code now + leeway}. */
    public void requireIssuedAtNotInFuture(Instant issuedAt, Instant now) throws JwtRejectedException {
        if (issuedAt != null && issuedAt.isAfter(now.plus(leeway))) {
            throw new JwtRejectedException(Reason.ISSUED_IN_FUTURE);
        }
    }
}
