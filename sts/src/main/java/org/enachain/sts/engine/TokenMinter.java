package org.enachain.sts.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.enachain.core.jose.JwsAlgorithm;
import org.enachain.core.jose.SigningKey;
import org.jose4j.json.JsonUtil;

/**
 * Signs what the tenant issues. Every JWT gets {@code iss} = the tenant's issuer (GEN-43, GEN-85),
 * {@code iat}, a unique {@code jti} and a {@code kid} header (GEN-83, GEN-84); access tokens are
 * typed {@code at+jwt} (GEN-80), grants get their peer's type, never another kind's.
 */
final class TokenMinter {

    static final String ACCESS_TOKEN_TYPE = "at+jwt";

    private final String issuer;
    private final TenantKeys keys;
    private final Clock clock;

    TokenMinter(String issuer, TenantKeys keys, Clock clock) {
        this.issuer = issuer;
        this.keys = keys;
        this.clock = clock;
    }

    Instant now() {
        return Instant.ofEpochSecond(clock.instant().getEpochSecond());
    }

    /**
     * Signs {@code claims} (without {@code iss}, {@code iat}, {@code jti}, which are added first) as
     * a JWT of type {@code typ}, valid until {@code expiresAt}.
     */
    IssuedToken sign(String typ, Map<String, Object> claims, Instant issuedAt, Instant expiresAt,
                     Optional<JwsAlgorithm> algorithm) {
        String jti = Ids.random();
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("iss", issuer);
        all.putAll(claims);
        all.put("iat", issuedAt.getEpochSecond());
        all.put("exp", expiresAt.getEpochSecond());
        all.put("jti", jti);
        SigningKey key = keys.forAlgorithm(algorithm);
        String jwt = key.sign(typ, SigningKey.HeaderKey.KEY_ID, JsonUtil.toJson(all));
        return new IssuedToken(jwt, jti, expiresAt, Map.copyOf(all));
    }

    /** An {@code aud} value: a string for one audience, an array for several. */
    static Object audienceClaim(List<String> audience) {
        return audience.size() == 1 ? audience.get(0) : List.copyOf(audience);
    }
}
