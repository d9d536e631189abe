package org.enachain.core.token;

import java.time.Instant;
import java.util.List;
import org.jose4j.jwt.JwtClaims;

/**
 * How the user authenticated: {@code acr}, {@code amr} and {@code auth_time} (RFC 9068 2.2.1), which
 * token exchange preserves (STS-52, STS-88). Any of them may be absent.
 */
public record AuthenticationContext(String acr, List<String> amr, Instant authTime) {

    public AuthenticationContext {
        amr = amr == null ? List.of() : List.copyOf(amr);
    }

    static AuthenticationContext from(JwtClaims claims) throws JwtRejectedException {
        return new AuthenticationContext(
                Claims.optionalString(claims, "acr"),
                Claims.stringOrStringArray(claims, "amr"),
                Claims.optionalTime(claims, "auth_time"));
    }
}
