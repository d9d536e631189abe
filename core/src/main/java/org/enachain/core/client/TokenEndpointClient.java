package org.enachain.core.client;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URLEncoder;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.enachain.core.Printable;
import org.enachain.core.ScopeValues;
import org.enachain.core.dpop.DpopProofFactory;
import org.enachain.core.http.HttpTransport;
import org.enachain.core.http.JdkHttpTransport;
import org.enachain.core.http.ResponseTooLargeException;
import org.enachain.core.http.TransportSecurity;
import org.jose4j.json.JsonUtil;

/**
 * Sends token requests to an authorization server's token endpoint the way the profile requires:
 * <ul>
 * <li>an HTTPS POST of a form body with {@code grant_type} and {@code client_id} (CL-01, GEN-01);</li>
 * <li>{@code private_key_jwt} client authentication only (CL-02, CL-03) with a fresh assertion for every
 * request, signed with an algorithm the AS lists (CL-04);</li>
 * <li>a DPoP proof when the client has a DPoP key (without {@code ath}, CL-67, A-26), carrying the
 * server's latest nonce (CL-68); on {@code use_dpop_nonce} one retry with the new nonce and a new
 * assertion (CL-69);</li>
 * <li>the answer read as a token response or an OAuth error (RFC 6749 5.1, 5.2; RFC 8693 2.2): the
 * issued token type must be the one requested (CL-38, CL-39), {@code token_type} is read
 * case-insensitively (CL-48), and a required DPoP binding that did not happen discards the token
 * (CL-49).</li>
 * </ul>
 * Everything else — a dead or slow server, HTML, an oversized or truncated answer — becomes a
 * {@link TokenEndpointException} that names the server and the cause. Thread-safe; build one and share it.
 */
public final class TokenEndpointClient {

    private static final System.Logger LOG = System.getLogger(TokenEndpointClient.class.getName());

    public static final String CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /** The longest {@code expires_in} taken at its word. */
    static final Duration MAX_EXPIRES_IN = Duration.ofDays(1);

    private final HttpTransport transport;
    private final TransportSecurity security;

    private TokenEndpointClient(HttpTransport transport, TransportSecurity security) {
        this.transport = transport;
        this.security = security;
    }

    /** A client on the JDK transport (2 s connect, 5 s read timeout, 1 MiB answers), https only. */
    public static TokenEndpointClient createDefault() {
        return new TokenEndpointClient(JdkHttpTransport.createDefault(), TransportSecurity.requireTls());
    }

    public static TokenEndpointClient create(HttpTransport transport, TransportSecurity security) {
        return new TokenEndpointClient(Objects.requireNonNull(transport, "transport"), Objects.requireNonNull(security, "security"));
    }

    /**
     * Sends {@code request} to {@code as} as {@code client}.
     *
     * @param requireDpop the target requires DPoP (CL-72): the request must carry a proof and the
     *                    answer must be a DPoP-bound token (CL-49)
     * @throws TokenEndpointException when no usable token results
     */
    public TokenResponse send(AuthorizationServerMetadata as, ClientIdentity client, TokenRequest request,
                              boolean requireDpop) {
        requireUsable(as, client, requireDpop);
        DpopProofFactory dpop = client.dpop().orElse(null);
        HttpTransport.Response response = post(as, client, request, dpop);
        if (dpop != null && request.isRepeatable() && isUseDpopNonce(response)) {
            // CL-69: exactly one retry, with the nonce just remembered, a new proof and a new assertion.
            response = post(as, client, request, dpop);
        }
        return read(as.issuer(), request, response, requireDpop, dpop != null);
    }

    /**
     * Everything {@link #send} checks before it sends: the endpoint is https (GEN-01), the AS accepts
     * the client's assertion algorithm (CL-04) and DPoP algorithm (CL-60), and a DPoP key is there when
     * the target requires DPoP (CL-72). A chain checks its second AS this way before the first leg, so
     * that no one-time grant is obtained for a request that could never be sent.
     *
     * @throws TokenEndpointException of kind {@link TokenEndpointException.Kind#LOCAL_REQUEST}
     */
    public void requireUsable(AuthorizationServerMetadata as, ClientIdentity client, boolean requireDpop) {
        String server = as.issuer();
        try {
            security.check(as.tokenEndpoint(), "The token endpoint of " + server);
        } catch (IllegalArgumentException e) {
            throw TokenEndpointException.local(server, e.getMessage());
        }
        if (!as.assertionAlgorithms().isEmpty()
                && !as.assertionAlgorithms().contains(client.assertionKey().algorithm().jwaName())) {
            throw TokenEndpointException.local(server, "The client key signs assertions with "
                    + client.assertionKey().algorithm() + ", but " + server + " accepts only " + as.assertionAlgorithms()
                    + " (token_endpoint_auth_signing_alg_values_supported); configure a key for one of those");
        }
        DpopProofFactory dpop = client.dpop().orElse(null);
        if (dpop == null && requireDpop) {
            throw TokenEndpointException.local(server, "The target requires DPoP, but the client " + client.clientId()
                    + " has no DPoP key configured for " + server);
        }
        if (dpop != null && !as.dpopAlgorithms().isEmpty()
                && !as.dpopAlgorithms().contains(dpop.key().algorithm().jwaName())) {
            throw TokenEndpointException.local(server, "The client's DPoP key signs with " + dpop.key().algorithm()
                    + ", but " + server + " accepts only " + as.dpopAlgorithms()
                    + " (dpop_signing_alg_values_supported); configure a DPoP key for one of those");
        }
    }

    private HttpTransport.Response post(AuthorizationServerMetadata as, ClientIdentity client, TokenRequest request,
                                        DpopProofFactory dpop) {
        StringBuilder form = new StringBuilder(1024);
        for (Map.Entry<String, String> p : request.parameters()) {
            append(form, p.getKey(), p.getValue());
        }
        append(form, "client_id", client.clientId());
        append(form, "client_assertion_type", CLIENT_ASSERTION_TYPE);
        append(form, "client_assertion", client.newClientAssertion(as));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        headers.put("Accept", "application/json");
        if (dpop != null) {
            headers.put("DPoP", dpop.forTokenRequest("POST", as.tokenEndpoint()));
        }
        HttpTransport.Response response;
        try {
            response = transport.send(HttpTransport.Request.postForm(as.tokenEndpoint(), headers, form.toString()));
        } catch (ResponseTooLargeException e) {
            throw invalid(as.issuer(), -1, "its answer is larger than " + e.limit() + " bytes", e);
        } catch (HttpTimeoutException e) {
            throw new TokenEndpointException(TokenEndpointException.Kind.TRANSPORT, as.issuer(),
                    "The token endpoint " + as.tokenEndpoint() + " of " + as.issuer() + " did not answer in time ("
                            + e.getMessage() + ")", null, null, -1, e);
        } catch (IOException e) {
            throw new TokenEndpointException(TokenEndpointException.Kind.TRANSPORT, as.issuer(),
                    "The token endpoint " + as.tokenEndpoint() + " of " + as.issuer() + " cannot be reached ("
                            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")",
                    null, null, -1, e);
        }
        if (dpop != null) {
            response.firstHeader("DPoP-Nonce").ifPresent(nonce -> dpop.rememberTokenEndpointNonce(as.tokenEndpoint(), nonce));
        }
        return response;
    }

    private static boolean isUseDpopNonce(HttpTransport.Response response) {
        if (response.status() != 400 || response.firstHeader("DPoP-Nonce").isEmpty()) {
            return false;
        }
        Map<String, Object> body = json(response);
        return body != null && "use_dpop_nonce".equals(body.get("error"));
    }

    private static TokenResponse read(String server, TokenRequest request, HttpTransport.Response response,
                                      boolean requireDpop, boolean proofSent) {
        Map<String, Object> body = json(response);
        if (response.status() != 200) {
            if (body != null && body.get("error") instanceof String error) {
                String description = body.get("error_description") instanceof String d ? printable(d) : null;
                throw new TokenEndpointException(TokenEndpointException.Kind.OAUTH_ERROR, server,
                        server + " refused the " + request.describe() + ": " + printable(error)
                                + (description == null ? "" : " (" + description + ")") + ", HTTP " + response.status(),
                        printable(error), description, response.status(), null);
            }
            throw invalid(server, response.status(), "it answered HTTP " + response.status()
                    + " without an OAuth error response", null);
        }
        if (body == null) {
            throw invalid(server, 200, "its answer is not a JSON object", null);
        }
        if (!(body.get("access_token") instanceof String token) || token.isEmpty()) {
            throw invalid(server, 200, "its answer has no access_token", null);
        }
        if (!isHeaderSafe(token)) {
            // It goes into an Authorization header: no spaces, line breaks or non-ASCII (RFC 6750 2.1 b64token).
            throw invalid(server, 200, "its access_token contains characters a token cannot have", null);
        }
        if (!(body.get("token_type") instanceof String tokenType)) {
            throw invalid(server, 200, "its answer has no token_type", null);
        }
        TokenScheme scheme = TokenScheme.fromTokenType(tokenType).orElseThrow(() ->
                invalid(server, 200, "its token_type '" + printable(tokenType) + "' is not Bearer, DPoP or N_A", null));
        Optional<TokenTypeUri> issued = Optional.empty();
        if (request instanceof TokenExchangeRequest && !(body.get("issued_token_type") instanceof String)) {
            throw invalid(server, 200, "its token exchange answer has no issued_token_type (RFC 8693 2.2.1)", null);
        }
        if (body.get("issued_token_type") instanceof String issuedType) {
            issued = TokenTypeUri.fromUri(issuedType);
            if (issued.isEmpty() || issued.get() != request.expectedTokenType()) {
                throw invalid(server, 200, "it issued '" + printable(issuedType) + "' where "
                        + request.expectedTokenType() + " was requested", null);
            }
        }
        if (request.expectedTokenType() == TokenTypeUri.JWT) {
            if (scheme != TokenScheme.N_A) {
                throw invalid(server, 200, "a JWT authorization grant must come with token_type N_A, not " + scheme, null);
            }
        } else if (scheme == TokenScheme.N_A) {
            throw invalid(server, 200, "an access token came with token_type N_A", null);
        } else if (requireDpop && scheme != TokenScheme.DPOP) {
            throw invalid(server, 200, "the target requires DPoP, but the token came with token_type " + scheme
                    + "; it is discarded", null);
        } else if (scheme == TokenScheme.DPOP && !proofSent) {
            throw invalid(server, 200, "it issued a DPoP-bound token although no DPoP proof was sent", null);
        }
        Optional<Duration> expiresIn = Optional.empty();
        if ((body.get("expires_in") instanceof Long || body.get("expires_in") instanceof Integer)
                && ((Number) body.get("expires_in")).longValue() > 0) {
            // Bounded: a cached token is used for a day at most, whatever the AS says.
            expiresIn = Optional.of(Duration.ofSeconds(Math.min(((Number) body.get("expires_in")).longValue(),
                    MAX_EXPIRES_IN.toSeconds())));
        } else if (body.containsKey("expires_in")) {
            LOG.log(Level.DEBUG, "ENAC4005D: {0} sent an expires_in that is not a positive whole number; the token"
                    + " is used but not cached", server);
        }
        Set<String> scope = body.get("scope") instanceof String s ? ScopeValues.parse(s) : Set.of();
        if (body.containsKey("refresh_token")) {
            LOG.log(Level.DEBUG, "ENAC4004D: {0} sent a refresh token with a chained token; it is not kept", server);
        }
        return new TokenResponse(token, issued, scheme, expiresIn, scope);
    }

    /** The answer as a JSON object, or null when it is not one. */
    private static Map<String, Object> json(HttpTransport.Response response) {
        try {
            return JsonUtil.parseJson(response.bodyAsUtf8());
        } catch (Exception e) {
            return null;
        }
    }

    private static TokenEndpointException invalid(String server, int status, String what, Throwable cause) {
        return new TokenEndpointException(TokenEndpointException.Kind.INVALID_RESPONSE, server,
                "The token endpoint of " + server + " gave no usable answer: " + what, null, null, status, cause);
    }

    /** Text from the AS, for messages: printable ASCII only, at most 200 characters. */
    static String printable(String text) {
        return Printable.ascii(text, 200);
    }

    /** RFC 6750 2.1 b64token characters (a superset of JWS compact serialization). */
    private static boolean isHeaderSafe(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/' || c == '=';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static void append(StringBuilder form, String name, String value) {
        if (form.length() > 0) {
            form.append('&');
        }
        form.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}
