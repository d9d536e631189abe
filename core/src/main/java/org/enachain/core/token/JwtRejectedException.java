package org.enachain.core.token;

import java.util.Objects;
import org.enachain.core.Reason;
import org.enachain.core.replay.ReplayStore;

/**
 * Thrown inside enachain's checks to stop at the first failed step; each check catches it at its
 * boundary and returns a {@link org.enachain.core.Rejection}. It carries no stack trace (it is
 * control flow, and floods of bad tokens must stay cheap) and never leaves the public API.
 */
public final class JwtRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Reason reason;

    public JwtRejectedException(Reason reason) {
        this(reason, reason.description());
    }

    public JwtRejectedException(Reason reason, String description) {
        super(description, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * Turns the outcome of a {@link ReplayStore#useOnce} — the last step of a check — into a
     * rejection: a replay is {@link Reason#REPLAYED}, an undecidable store
     * {@link Reason#REPLAY_CHECK_UNAVAILABLE} (fail closed).
     */
    public static void requireFirstUse(ReplayStore.Use use, String replayDescription) throws JwtRejectedException {
        switch (use) {
            case FIRST -> {
            }
            case REPEATED -> throw new JwtRejectedException(Reason.REPLAYED, replayDescription);
            case UNAVAILABLE -> throw new JwtRejectedException(Reason.REPLAY_CHECK_UNAVAILABLE);
        }
    }

    public Reason reason() {
        return reason;
    }

    /** The one-line description for the peer. */
    public String description() {
        return getMessage();
    }
}
