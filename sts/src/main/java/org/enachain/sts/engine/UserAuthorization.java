package org.enachain.sts.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a refresh token (or an authorization code) stands for: the user's authorization of a client
 * for some resources and scopes. A refresh token is judged through this record when it is used as a
 * subject token, like the access token issued with it (STS-09, STS-32).
 *
 * @param authorizationId the {@code sid} of every token of this authorization
 * @param clientId        the client the user authorized
 * @param subject         the user
 * @param audience        the {@code aud} of the access tokens issued under it
 * @param resources       the resource identifiers those tokens were issued for (empty for exchange-only tokens)
 * @param scopes          the granted scopes
 * @param userClaims      identity and authentication-context claims ({@code acr}, {@code amr},
 *                        {@code auth_time}) of the login, released per resource
 * @param expiresAt       when the refresh token expires
 */
record UserAuthorization(String authorizationId, String clientId, String subject, List<String> audience,
                         List<String> resources, Set<String> scopes, Map<String, Object> userClaims,
                         Instant expiresAt) {

    UserAuthorization {
        Objects.requireNonNull(authorizationId, "authorizationId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(subject, "subject");
        audience = List.copyOf(audience);
        resources = List.copyOf(resources);
        scopes = Set.copyOf(scopes);
        userClaims = Map.copyOf(userClaims);
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "UserAuthorization[sid=" + authorizationId + ", client=" + clientId + "]";
    }
}
