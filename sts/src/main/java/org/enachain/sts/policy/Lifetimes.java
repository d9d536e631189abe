package org.enachain.sts.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * How long what the tenant issues lives, and the clock leeway it grants others. Exchanged access
 * tokens are additionally capped at the subject token's remaining lifetime (A-34, STS-55).
 *
 * @param accessToken         lifetime of access tokens (GEN-99)
 * @param refreshToken        lifetime of a refresh token (rotated on use)
 * @param authorizationGrant  lifetime of a cross-domain JWT authorization grant, at most 300 s (STS-81)
 * @param authorizationCode   lifetime of an authorization code
 * @param clientAssertion     the longest client assertion lifetime accepted (GEN-72)
 * @param receivedGrant       the longest JWT grant lifetime accepted as a TAS (TAS-15)
 * @param leeway              clock leeway for received JWTs
 */
public record Lifetimes(Duration accessToken, Duration refreshToken, Duration authorizationGrant,
                        Duration authorizationCode, Duration clientAssertion, Duration receivedGrant,
                        Duration leeway) {

    public static final Duration MAX_GRANT_LIFETIME = Duration.ofSeconds(300);

    public static final Lifetimes DEFAULTS = new Lifetimes(Duration.ofMinutes(5), Duration.ofHours(8),
            Duration.ofSeconds(120), Duration.ofSeconds(60), Duration.ofMinutes(5), MAX_GRANT_LIFETIME,
            Duration.ofSeconds(60));

    public Lifetimes {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(authorizationGrant, "authorizationGrant");
        Objects.requireNonNull(authorizationCode, "authorizationCode");
        Objects.requireNonNull(clientAssertion, "clientAssertion");
        Objects.requireNonNull(receivedGrant, "receivedGrant");
        Objects.requireNonNull(leeway, "leeway");
        if (authorizationGrant.compareTo(MAX_GRANT_LIFETIME) > 0 || receivedGrant.compareTo(MAX_GRANT_LIFETIME) > 0) {
            throw new IllegalArgumentException("JWT authorization grants live at most 300 s (A-34)");
        }
    }
}
