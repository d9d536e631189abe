package org.enachain.sts.engine;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.enachain.core.OAuthError;
import org.enachain.core.ValidationResult;
import org.enachain.core.dpop.DpopNonces;
import org.enachain.core.dpop.DpopProof;
import org.enachain.core.dpop.DpopProofVerifier;
import org.enachain.core.dpop.ProofContext;
import org.enachain.sts.policy.ClientPolicy;
import org.enachain.sts.policy.GrantType;

/**
 * {@code POST {issuer}/token}: the order every request goes through. Form POST only (GEN-60);
 * {@code grant_type} and {@code client_id} present (GEN-61); the client authenticated before anything
 * grant-specific (GEN-65); the grant type supported (GEN-78) and permitted for the client (STS-20);
 * a DPoP proof verified when sent and required when the client is registered for it (GEN-109,
 * GEN-110); then the grant. Errors follow RFC 6749 5.2 (GEN-75).
 */
final class TokenEndpoint {

    private static final Logger LOG = System.getLogger(TokenEndpoint.class.getName());

    private final String tenant;
    private final URI tokenEndpoint;
    private final ClientAuthentication clientAuthentication;
    private final DpopProofVerifier proofs;
    private final Optional<DpopNonces> nonces;
    private final TokenExchange exchange;
    private final JwtBearer jwtBearer;
    private final UserGrants userGrants;

    TokenEndpoint(String tenant, URI tokenEndpoint, ClientAuthentication clientAuthentication,
                  DpopProofVerifier proofs, Optional<DpopNonces> nonces, TokenExchange exchange, JwtBearer jwtBearer,
                  UserGrants userGrants) {
        this.tenant = tenant;
        this.tokenEndpoint = tokenEndpoint;
        this.clientAuthentication = clientAuthentication;
        this.proofs = proofs;
        this.nonces = nonces;
        this.exchange = exchange;
        this.jwtBearer = jwtBearer;
        this.userGrants = userGrants;
    }

    EndpointResponse handle(EndpointRequest request) {
        try {
            Map<String, Object> body = process(request);
            Map<String, String> headers = new LinkedHashMap<>();
            nonces.ifPresent(n -> headers.put("DPoP-Nonce", n.issue()));
            return EndpointResponse.json(200, body, headers);
        } catch (RequestRejected e) {
            return error(e);
        }
    }

    private Map<String, Object> process(EndpointRequest request) throws RequestRejected {
        FormParameters form = form(request);
        String grantTypeValue = form.required("grant_type");
        form.required("client_id");
        ClientPolicy client = clientAuthentication.authenticate(form, request.authorization());
        GrantType grantType = GrantType.fromValue(grantTypeValue).orElseThrow(() ->
                RequestRejected.of(OAuthError.UNSUPPORTED_GRANT_TYPE, "The grant type "
                        + Targets.quoted(grantTypeValue) + " is not supported"));
        if (!client.mayUse(grantType)) {
            throw RequestRejected.unauthorizedClient("The client is not allowed to use the grant type " + grantType);
        }
        Optional<DpopProof> proof = proof(request, client);
        return switch (grantType) {
            case TOKEN_EXCHANGE -> exchange.exchange(form, client, proof);
            case JWT_BEARER -> jwtBearer.redeem(form, client, proof);
            case AUTHORIZATION_CODE -> userGrants.redeemCode(form, client, proof);
            case REFRESH_TOKEN -> userGrants.refresh(form, client, proof);
        };
    }

    static FormParameters form(EndpointRequest request) throws RequestRejected {
        if (!"POST".equals(request.method())) {
            throw RequestRejected.invalidRequest("This endpoint accepts only POST");
        }
        if (!FormParameters.isFormMediaType(request.contentType())) {
            throw RequestRejected.invalidRequest("The request must be " + FormParameters.MEDIA_TYPE);
        }
        return FormParameters.parse(request.body());
    }

    /** Verifies a proof when one came (RFC 9449 5, A-38: with replay detection); requires one when registered. */
    private Optional<DpopProof> proof(EndpointRequest request, ClientPolicy client) throws RequestRejected {
        if (request.dpopHeaders().isEmpty()) {
            if (client.dpopBoundAccessTokens()) {
                throw RequestRejected.invalidDpopProof("The client is registered for DPoP-bound tokens: send a DPoP proof");
            }
            return Optional.empty();
        }
        ValidationResult<DpopProof> result = proofs.verify(
                ProofContext.atTokenEndpoint(request.dpopHeaders(), request.method(), tokenEndpoint));
        if (!result.isAccepted()) {
            throw RequestRejected.fromProof(result.rejection(), nonces.map(DpopNonces::issue).orElse(null));
        }
        return Optional.of(result.value());
    }

    EndpointResponse error(RequestRejected e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.error().code());
        body.put("error_description", e.description());
        Map<String, String> headers = new LinkedHashMap<>(e.headers());
        if (e.error() == OAuthError.INVALID_CLIENT) {
            headers.put("WWW-Authenticate", "private_key_jwt realm=\"" + tenant + "\"");
        }
        if (e.status() >= 500) {
            LOG.log(Level.WARNING, "ENAS4001W Tenant {0} refused a request: {1}", tenant, e.description());
        } else {
            LOG.log(Level.DEBUG, "ENAS4002D Tenant {0} refused a request: {1} {2}", tenant, e.error().code(),
                    e.description());
        }
        return EndpointResponse.json(e.status(), body, headers);
    }
}
