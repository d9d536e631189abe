package org.enachain.sts.engine;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.enachain.core.token.ActorChain;
import org.jose4j.json.JsonUtil;

/**
 * One structured line per issued token on the {@code org.enachain.sts.audit} logger: tenant, grant,
 * client, subject (or pseudonym and the subject it stands for), audience, actor chain, {@code jti}
 * and expiry. Never the token, an assertion or key material.
 */
final class Audit {

    static final String LOGGER = "org.enachain.sts.audit";
    private static final Logger LOG = System.getLogger(LOGGER);

    private final String tenant;

    Audit(String tenant) {
        this.tenant = tenant;
    }

    void issued(String grantType, String clientId, IssuedToken token, String pseudonymOf) {
        if (!LOG.isLoggable(Level.INFO)) {
            return;
        }
        Map<String, Object> claims = token.claims();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("tenant", tenant);
        line.put("grant", grantType);
        line.put("client", clientId);
        line.put("sub", claims.get("sub"));
        if (pseudonymOf != null) {
            line.put("pseudonym_of", pseudonymOf);
        }
        line.put("aud", claims.get("aud"));
        List<String> actors = ActorChain.fromClaim(claims.get("act")).actors();
        if (!actors.isEmpty()) {
            line.put("act", actors);
        }
        line.put("jti", token.jwtId());
        line.put("exp", token.expiresAt().getEpochSecond());
        LOG.log(Level.INFO, "ENAS5001I issued " + JsonUtil.toJson(line));
    }

    void revokedToken(String clientId, String jwtId) {
        LOG.log(Level.INFO, "ENAS5002I revoked " + JsonUtil.toJson(Map.of("tenant", tenant, "client", clientId,
                "jti", jwtId)));
    }

    void revoked(String clientId, String authorizationId) {
        LOG.log(Level.INFO, "ENAS5002I revoked " + JsonUtil.toJson(Map.of("tenant", tenant, "client", clientId,
                "sid", authorizationId)));
    }
}
