package org.enachain.core.token;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.enachain.core.jose.AlgorithmPolicy;

/**
 * The settings every JWT validator shares — the algorithm allow-list, the clock, the clock-skew
 * leeway and the size limit — so each validator's builder adds only the rules of its own JWT kind.
 *
 * @param <B> the concrete builder
 */
public abstract class JwtValidatorBuilder<B extends JwtValidatorBuilder<B>> {

    AlgorithmPolicy algorithms = AlgorithmPolicy.PROFILE;
    TimeRules time = TimeRules.defaults();
    int maxLength;

    JwtValidatorBuilder(int defaultMaxLength) {
        this.maxLength = defaultMaxLength;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** The accepted signature algorithms (GEN-10); default: every algorithm Profile 8.2 allows. */
    public B algorithms(AlgorithmPolicy policy) {
        this.algorithms = Objects.requireNonNull(policy, "policy");
        return self();
    }

    public B clock(Clock clock) {
        this.time = new TimeRules(clock, time.leeway());
        return self();
    }

    /** Clock-skew leeway for {@code exp}, {@code nbf} and {@code iat} (GEN-17): default 60 s, at most 5 minutes. */
    public B leeway(Duration leeway) {
        this.time = new TimeRules(time.clock(), leeway);
        return self();
    }

    /** The longest compact JWT accepted, checked before anything is decoded. */
    public B maxLength(int characters) {
        if (characters < 256 || characters > 1024 * 1024) {
            throw new IllegalArgumentException("A JWT size limit must be between 256 characters (no real JWT is"
                    + " smaller) and 1 MiB, but is " + characters);
        }
        this.maxLength = characters;
        return self();
    }

    static Duration requirePositive(Duration duration, String what) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("The " + what + " must be positive, but is " + duration);
        }
        return duration;
    }
}
