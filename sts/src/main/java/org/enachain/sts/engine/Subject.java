package org.enachain.sts.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A validated subject token of a token exchange: an access token this tenant issued, or the
 * authorization a refresh token stands for (STS-09).
 *
 * @param subject          the user ({@code sub})
 * @param clientId         the client the token was issued to
 * @param audience         its {@code aud}
 * @param scopes           its scopes
 * @param expiresAt        its expiry
 * @param authorizationId  its {@code sid}
 * @param claims           its claims (for a refresh token: the user claims of the authorization)
 * @param refreshToken     whether the subject token was a refresh token
 */
record Subject(String subject, String clientId, List<String> audience, Set<String> scopes, Instant expiresAt,
               String authorizationId, Map<String, Object> claims, boolean refreshToken) {

    Subject {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(clientId, "clientId");
        audience = List.copyOf(audience);
        scopes = Set.copyOf(scopes);
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(authorizationId, "authorizationId");
        Objects.requireNonNull(claims, "claims");
    }

    /** The subject token's {@code act} claim, or null. */
    Object act() {
        return claims.get("act");
    }

    @Override
    public String toString() {
        return "Subject[client=" + clientId + ", sid=" + authorizationId + (refreshToken ? ", refresh token" : "") + "]";
    }
}
