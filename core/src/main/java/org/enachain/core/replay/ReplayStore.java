package org.enachain.core.replay;

import java.time.Instant;

/**
 * Remembers single-use identifiers (DPoP proof {@code jti}s, client assertion {@code jti}s, JWT
 * grant {@code jti}s, single-use access tokens) until they expire. Deployments with several
 * instances plug in a store all instances share (RS-19, A-36); {@link InMemoryReplayStore} serves
 * one instance.
 *
 * <p>Keys arrive already hashed ({@link ReplayKey}), so a store never holds a token or {@code jti}
 * in plaintext (RS-22).
 */
public interface ReplayStore {

    /** What {@link #useOnce} found. */
    enum Use {
        /** The key was not in use; it is now recorded until its expiry. */
        FIRST,
        /** The key was recorded before and has not expired: a replay. */
        REPEATED,
        /**
         * The store could not decide (full of live entries, or its backend is down). Callers fail
         * closed: the request is refused as temporarily unavailable, never let through.
         */
        UNAVAILABLE
    }

    /**
     * Atomically records the first use of {@code key} until {@code expiresAt}: of any number of
     * concurrent calls with one key, exactly one sees {@link Use#FIRST}.
     */
    Use useOnce(String key, Instant expiresAt);
}
