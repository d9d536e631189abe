package org.enachain.sts.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.enachain.core.replay.ReplayKey;

/**
 * User authorizations (grants): every token this tenant issues names the authorization it belongs
 * to in its {@code sid} claim, so revoking the authorization makes every token of it unusable as a
 * subject token (STS-25, STS-32). The presence of {@code sid} is also how the tenant recognises a
 * user-bound token: it has no grant without a user.
 */
final class Authorizations {

    private final ExpiringStore<Boolean> revoked;
    private final Clock clock;
    private final Duration longestTokenLifetime;

    Authorizations(int capacity, Clock clock, Duration longestTokenLifetime) {
        this.revoked = new ExpiringStore<>(capacity, clock);
        this.clock = clock;
        this.longestTokenLifetime = longestTokenLifetime;
    }

    /** A new authorization identifier: 128 random bits. */
    static String newId() {
        return Ids.random();
    }

    boolean isRevoked(String authorizationId) {
        return revoked.get(key(authorizationId)).isPresent();
    }

    /** Revokes an authorization for as long as any token of it can live. */
    boolean revoke(String authorizationId) {
        Instant until = clock.instant().plus(longestTokenLifetime);
        return revoked.put(key(authorizationId), Boolean.TRUE, until);
    }

    /**
     * Revokes one token (by its {@code jti}) until it expires: what a client that is not the owner of
     * the authorization may revoke, such as a resource's own exchanged token.
     */
    boolean revokeToken(String jwtId, Instant expiresAt) {
        return revoked.put(ReplayKey.of("jti", jwtId), Boolean.TRUE, expiresAt);
    }

    boolean isTokenRevoked(String jwtId) {
        return revoked.get(ReplayKey.of("jti", jwtId)).isPresent();
    }

    private static String key(String authorizationId) {
        return ReplayKey.of("sid", authorizationId);
    }
}
