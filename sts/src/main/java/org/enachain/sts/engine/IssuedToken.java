package org.enachain.sts.engine;

import java.time.Instant;
import java.util.Map;

/** A signed JWT this tenant issued, with the claims it holds (for the audit line and the response). */
record IssuedToken(String value, String jwtId, Instant expiresAt, Map<String, Object> claims) {

    @Override
    public String toString() {
        return "IssuedToken[jti=" + jwtId + ", exp=" + expiresAt + "]";
    }
}
