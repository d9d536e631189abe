package org.enachain.core.token;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated RFC 7523 JWT authorization grant, as a target-domain authorization server reads it
 * (Chaining 3.4.2): who issued it, the user, the client it was issued for, its scopes, the
 * authentication context and the actor chain.
 */
public record AuthorizationGrant(String issuer, String subject, String clientId, List<String> audience,
                                 Set<String> scopes, Instant expiresAt, Instant issuedAt, String jwtId,
                                 AuthenticationContext authentication, ActorChain actors, Map<String, Object> claims) {

    public AuthorizationGrant {
        audience = List.copyOf(audience);
        scopes = Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
    }

    @Override
    public String toString() {
        return "AuthorizationGrant[iss=" + issuer + ", client_id=" + clientId + ", jti=" + jwtId + ", exp=" + expiresAt + "]";
    }
}
