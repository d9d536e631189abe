package org.enachain.core.token;

import java.util.Objects;
import org.enachain.core.Reason;

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

    public Reason reason() {
        return reason;
    }

    /** The one-line description for the peer. */
    public String description() {
        return getMessage();
    }
}
