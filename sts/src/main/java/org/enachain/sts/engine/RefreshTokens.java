package org.enachain.sts.engine;

import java.time.Clock;
import java.util.Optional;

import org.enachain.core.replay.ReplayKey;

/**
 * Opaque refresh tokens: 256 random bits, stored only as a hash. Redeeming one rotates it (the old
 * value is gone the moment it is taken); using one as a subject token reads it without rotating.
 */
final class RefreshTokens {

    private final ExpiringStore<UserAuthorization> store;

    RefreshTokens(int capacity, Clock clock) {
        this.store = new ExpiringStore<>(capacity, clock);
    }

    /** @return the new refresh token, or empty when the store is full */
    Optional<String> issue(UserAuthorization authorization) {
        String token = Ids.random(32);
        return store.put(key(token), authorization, authorization.expiresAt()) ? Optional.of(token) : Optional.empty();
    }

    /** Takes a refresh token for redemption: it can never be used again. */
    Optional<UserAuthorization> redeem(String token) {
        return store.take(key(token));
    }

    /** Reads a refresh token without using it up (subject token, revocation). */
    Optional<UserAuthorization> find(String token) {
        return store.get(key(token));
    }

    void remove(String token) {
        store.remove(key(token));
    }

    private static String key(String token) {
        return ReplayKey.of("refresh-token", token);
    }
}
