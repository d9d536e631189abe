package org.enachain.sts.engine;

import java.util.Map;
import java.util.Optional;

import org.enachain.core.ValidationResult;
import org.enachain.core.token.AccessToken;
import org.enachain.core.token.AccessTokenValidator;
import org.enachain.sts.policy.ClientPolicy;

/**
 * {@code POST {issuer}/revoke} (RFC 7009). The client authenticates as at the token endpoint. The
 * application revoking its refresh token or its own access token revokes the whole authorization, so
 * no token of it can be refreshed or exchanged any more (STS-25, STS-32); a resource revoking a token
 * it obtained by exchange revokes that token alone. Unknown, foreign or invalid
 * tokens get 200 like revoked ones (RFC 7009 2.2).
 */
final class Revocation {

    private final ClientAuthentication clientAuthentication;
    private final TokenEndpoint errors;
    private final RefreshTokens refreshTokens;
    private final AccessTokenValidator ownAccessTokens;
    private final Authorizations authorizations;
    private final Audit audit;

    Revocation(ClientAuthentication clientAuthentication, TokenEndpoint errors, RefreshTokens refreshTokens,
               AccessTokenValidator ownAccessTokens, Authorizations authorizations, Audit audit) {
        this.clientAuthentication = clientAuthentication;
        this.errors = errors;
        this.refreshTokens = refreshTokens;
        this.ownAccessTokens = ownAccessTokens;
        this.authorizations = authorizations;
        this.audit = audit;
    }

    EndpointResponse handle(EndpointRequest request) {
        try {
            FormParameters form = TokenEndpoint.form(request);
            form.required("client_id");
            ClientPolicy client = clientAuthentication.authenticate(form, request.authorization());
            String token = form.required("token");
            Optional<UserAuthorization> refresh = refreshTokens.find(token)
                    .filter(a -> a.clientId().equals(client.clientId()));
            if (refresh.isPresent()) {
                revokeAuthorization(client, refresh.get().authorizationId());
                refreshTokens.remove(token);
            } else {
                Optional<AccessToken> access = ownAccessToken(token, client);
                if (access.isPresent()) {
                    revokeAccessToken(client, access.get());
                }
            }
            return EndpointResponse.json(200, Map.of(), Map.of());
        } catch (RequestRejected e) {
            return errors.error(e);
        }
    }

    /**
     * An access token the user's own client obtained (no {@code act}) stands for the whole
     * authorization; an exchanged one (with {@code act}) is revoked alone, so a resource cannot end
     * the user's session at the application.
     */
    private void revokeAccessToken(ClientPolicy client, AccessToken token) throws RequestRejected {
        if (token.actors().isEmpty() && token.claims().get("sid") instanceof String sid) {
            revokeAuthorization(client, sid);
        } else if (token.jwtId().isPresent()) {
            if (!authorizations.revokeToken(token.jwtId().get(), token.expiresAt())) {
                throw RequestRejected.storeFull();
            }
            audit.revokedToken(client.clientId(), token.jwtId().get());
        }
    }

    private void revokeAuthorization(ClientPolicy client, String authorizationId) throws RequestRejected {
        if (!authorizations.revoke(authorizationId)) {
            throw RequestRejected.storeFull();
        }
        audit.revoked(client.clientId(), authorizationId);
    }

    private Optional<AccessToken> ownAccessToken(String token, ClientPolicy client) {
        ValidationResult<AccessToken> result = ownAccessTokens.validate(token);
        return result.isAccepted() && result.value().clientId().equals(client.clientId())
                ? Optional.of(result.value()) : Optional.empty();
    }
}
