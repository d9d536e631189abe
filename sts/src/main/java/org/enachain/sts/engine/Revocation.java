package org.enachain.sts.engine;

import java.util.Map;
import java.util.Optional;

import org.enachain.core.ValidationResult;
import org.enachain.core.token.AccessToken;
import org.enachain.core.token.AccessTokenValidator;
import org.enachain.sts.policy.ClientPolicy;

/**
 * {@code POST {issuer}/revoke} (RFC 7009). The client authenticates as at the token endpoint;
 * revoking a refresh token or an access token of the client revokes the whole authorization, so no
 * token of it can be refreshed or exchanged any more (STS-25, STS-32). Unknown, foreign or invalid
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
            Optional<String> authorizationId = refreshTokenAuthorization(token, client)
                    .or(() -> accessTokenAuthorization(token, client));
            if (authorizationId.isPresent()) {
                if (!authorizations.revoke(authorizationId.get())) {
                    throw RequestRejected.storeFull();
                }
                refreshTokens.remove(token);
                audit.revoked(client.clientId(), authorizationId.get());
            }
            return EndpointResponse.json(200, Map.of(), Map.of());
        } catch (RequestRejected e) {
            return errors.error(e);
        }
    }

    private Optional<String> refreshTokenAuthorization(String token, ClientPolicy client) {
        return refreshTokens.find(token).filter(a -> a.clientId().equals(client.clientId()))
                .map(UserAuthorization::authorizationId);
    }

    private Optional<String> accessTokenAuthorization(String token, ClientPolicy client) {
        ValidationResult<AccessToken> result = ownAccessTokens.validate(token);
        if (!result.isAccepted() || !result.value().clientId().equals(client.clientId())) {
            return Optional.empty();
        }
        return result.value().claims().get("sid") instanceof String sid ? Optional.of(sid) : Optional.empty();
    }
}
