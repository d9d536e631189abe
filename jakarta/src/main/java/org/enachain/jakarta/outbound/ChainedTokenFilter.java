package org.enachain.jakarta.outbound;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.enachain.core.chain.ChainedToken;
import org.enachain.core.chain.SubjectToken;
import org.enachain.core.chain.TokenChainer;
import org.enachain.core.client.AuthenticationChallenge;
import org.enachain.core.client.TokenEndpointException;
import org.enachain.core.client.TokenScheme;

/**
 * The outbound filter of a {@link ChainedToken} rest client, registered by {@link ChainedTokenListener}
 * on annotated interfaces only.
 *
 * <p><b>Request</b>: finds the invoked method through the request property
 * {@value #INVOKED_METHOD} and its target in a map built once when the client was built (no reflection
 * per call); gets the caller token ({@link CallerTokens}: carried to an asynchronous call's thread, or
 * looked up on this one) and fails before anything is sent when there is none; asks core's
 * {@link TokenChainer} for a token; sets {@code Authorization: DPoP <token>} or {@code Bearer <token>}
 * per the token's type (CL-53, CL-56) and, for a DPoP-bound token, exactly one fresh {@code DPoP} proof
 * for this method and URL with {@code ath} (CL-57 to CL-66).
 *
 * <p><b>Response</b>: remembers a {@code DPoP-Nonce} the resource sent, for the next proof (CL-68). On
 * {@code 401} with a DPoP {@code use_dpop_nonce} challenge and a {@code DPoP-Nonce} it retries once
 * (CL-69): a JAX-RS response filter cannot send the request again through the same invocation, so it
 * sends a copy — same method, URI, headers and entity, a new proof carrying the nonce — through a
 * short-lived plain {@link Client} with the rest client's TLS context and hostname verifier (not through
 * the rest client's own {@code Client}: MicroProfile Rest Client registers providers on it, RESTEasy's
 * {@code MethodInjectionFilter} among them, that need the proxy's invocation and fail with a
 * NullPointerException on any other request; the copy is marked {@value #RETRY} all the same) and replaces the status,
 * headers and entity of the response the application sees with the retry's. A second nonce challenge is
 * not retried. On {@code 401 invalid_token} the cached token is dropped, so the next call exchanges again.
 */
final class ChainedTokenFilter implements ClientRequestFilter, ClientResponseFilter {

    private static final System.Logger LOG = System.getLogger(ChainedTokenFilter.class.getName());

    /** The MicroProfile Rest Client request property holding the invoked interface method. */
    static final String INVOKED_METHOD = "org.eclipse.microprofile.rest.client.invokedMethod";
    /** Marks the one retry after a nonce challenge. */
    static final String RETRY = "org.enachain.jakarta.outbound.nonceRetry";
    private static final String PRESENTED = ChainedTokenFilter.class.getName() + ".presented";
    /** Headers of the original request that are not copied to the retry as they are. */
    private static final Set<String> NOT_COPIED = Set.of("authorization", "dpop", "content-length", "host",
            "content-type");

    private final Class<?> serviceInterface;
    private final Map<Method, ChainTargets.Resolved> targets;
    private final TokenChainer chainer;
    private final CallerTokens callerTokens;
    private final Function<ClientRequestContext, Client> retryClients;

    ChainedTokenFilter(Class<?> serviceInterface, Map<Method, ChainTargets.Resolved> targets, TokenChainer chainer,
                       CallerTokens callerTokens) {
        this(serviceInterface, targets, chainer, callerTokens, ChainedTokenFilter::plainClient);
    }

    /** @param retryClients opens the client the nonce retry is sent through (closed after it) */
    ChainedTokenFilter(Class<?> serviceInterface, Map<Method, ChainTargets.Resolved> targets, TokenChainer chainer,
                       CallerTokens callerTokens, Function<ClientRequestContext, Client> retryClients) {
        this.serviceInterface = serviceInterface;
        this.targets = Map.copyOf(targets);
        this.chainer = chainer;
        this.callerTokens = callerTokens;
        this.retryClients = retryClients;
    }

    /** A plain client with the rest client's TLS context and hostname verifier, for the nonce retry. */
    private static Client plainClient(ClientRequestContext request) {
        ClientBuilder builder = ClientBuilder.newBuilder();
        if (request.getClient().getSslContext() != null) {
            builder.sslContext(request.getClient().getSslContext());
        }
        if (request.getClient().getHostnameVerifier() != null) {
            builder.hostnameVerifier(request.getClient().getHostnameVerifier());
        }
        return builder.build();
    }

    /** What was presented on a request, for its response. */
    private record Presented(ChainedToken token, SubjectToken subject, ChainTargets.Resolved target) {
    }

    @Override
    public void filter(ClientRequestContext request) {
        if (request.getProperty(RETRY) != null) {
            return;
        }
        ChainTargets.Resolved target = request.getProperty(INVOKED_METHOD) instanceof Method m ? targets.get(m) : null;
        if (target == null) {
            return; // a method of the interface without @ChainedToken (on it or on the interface)
        }
        CallerTokens.Lookup caller = callerTokens.current();
        if (caller.token() == null) {
            LOG.log(Level.WARNING, "ENAJ0401W: No call to {0} through {1}: there is no caller token ({2})", target.name(),
                    serviceInterface.getName(), caller.missing());
            throw new ChainedTokenException(ChainedTokenException.Kind.NO_CALLER_TOKEN, target.name(), null, null,
                    "No token for " + target.name() + " (rest client " + serviceInterface.getName() + "): there is no"
                            + " caller token to exchange, because " + caller.missing() + ". Nothing was sent.", null);
        }
        ChainedToken token;
        try {
            token = chainer.tokenFor(caller.token(), target.target());
        } catch (TokenEndpointException e) {
            ChainedTokenException failure = failure(e, target);
            LOG.log(Level.WARNING, "ENAJ0402W: {0}", failure.getMessage());
            throw failure;
        }
        present(request.getHeaders(), token, request.getMethod(), request.getUri());
        request.setProperty(PRESENTED, new Presented(token, caller.token(), target));
    }

    /** Sets {@code Authorization} and, for a DPoP-bound token, exactly one fresh {@code DPoP} proof (CL-58). */
    static void present(MultivaluedMap<String, Object> headers, ChainedToken token, String method, URI uri) {
        headers.putSingle("Authorization", token.authorizationHeader());
        headers.remove("DPoP");
        token.dpopProof(method, uri).ifPresent(proof -> headers.putSingle("DPoP", proof));
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
        if (!(request.getProperty(PRESENTED) instanceof Presented presented)) {
            return;
        }
        String nonce = response.getHeaderString("DPoP-Nonce");
        if (nonce != null && !nonce.isBlank()) {
            presented.token().rememberNonce(request.getUri(), nonce.strip()); // CL-68
        }
        if (response.getStatus() != 401) {
            return;
        }
        List<String> challenges = response.getHeaders().get("WWW-Authenticate");
        if (challenges == null) {
            return;
        }
        Optional<String> error = errorOf(challenges, presented.token().scheme());
        if (error.filter("use_dpop_nonce"::equals).isPresent() && nonce != null
                && presented.token().scheme() == TokenScheme.DPOP) {
            try {
                retry(request, response, presented);
            } catch (RuntimeException e) {
                // The copy could not be sent (an entity that can be written only once, say): the 401 stands.
                LOG.log(Level.WARNING, "ENAJ0407W: The DPoP nonce retry of {0} {1} failed ({2}); the 401 is returned",
                        request.getMethod(), request.getUri(), e.getClass().getSimpleName());
            }
        } else if (error.filter("invalid_token"::equals).isPresent()) {
            chainer.invalidate(presented.subject(), presented.target().target());
            LOG.log(Level.INFO, "ENAJ0404I: {0} answered 401 invalid_token; the cached token for {1} is dropped",
                    request.getUri(), presented.target().name());
        }
    }

    /** The {@code error} of the challenge of the scheme the token was presented with. */
    static Optional<String> errorOf(List<String> challenges, TokenScheme scheme) {
        return AuthenticationChallenge.find(challenges, scheme.value()).flatMap(AuthenticationChallenge::error);
    }

    private void retry(ClientRequestContext request, ClientResponseContext response, Presented presented) {
        URI uri = request.getUri();
        Client client = retryClients.apply(request);
        try {
            retry(client.target(uri).request().property(RETRY, Boolean.TRUE), request, response, presented);
        } finally {
            client.close();
        }
    }

    private void retry(Invocation.Builder copy, ClientRequestContext request, ClientResponseContext response,
                       Presented presented) {
        URI uri = request.getUri();
        for (Map.Entry<String, List<String>> header : request.getStringHeaders().entrySet()) {
            if (!NOT_COPIED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                for (String value : header.getValue()) {
                    copy.header(header.getKey(), value);
                }
            }
        }
        ChainedToken token = presented.token();
        copy.header("Authorization", token.authorizationHeader());
        copy.header("DPoP", token.dpopProof(request.getMethod(), uri).orElseThrow()); // new proof, with the nonce (CL-57)
        LOG.log(Level.DEBUG, "ENAJ0403D: {0} {1} asked for a DPoP nonce; retrying once", request.getMethod(), uri);
        try (Response retried = request.hasEntity()
                ? copy.method(request.getMethod(), entityOf(request))
                : copy.method(request.getMethod())) {
            String nonce = retried.getHeaderString("DPoP-Nonce");
            if (nonce != null && !nonce.isBlank()) {
                token.rememberNonce(uri, nonce.strip());
            }
            byte[] body = retried.hasEntity() ? retried.readEntity(byte[].class) : new byte[0];
            response.setStatus(retried.getStatus());
            MultivaluedMap<String, String> headers = response.getHeaders();
            headers.clear();
            for (Map.Entry<String, List<String>> h : retried.getStringHeaders().entrySet()) {
                headers.put(h.getKey(), new java.util.ArrayList<>(h.getValue()));
            }
            response.setEntityStream(new ByteArrayInputStream(body));
        }
    }

    /** The request's entity as it was given, with its generic type, media type and annotations. */
    private static Entity<?> entityOf(ClientRequestContext request) {
        Object entity = request.getEntity();
        if (request.getEntityType() != null && !(entity instanceof jakarta.ws.rs.core.GenericEntity)
                && request.getEntityType() != entity.getClass()) {
            entity = new jakarta.ws.rs.core.GenericEntity<>(entity, request.getEntityType());
        }
        jakarta.ws.rs.core.MediaType type = request.getMediaType() != null ? request.getMediaType()
                : jakarta.ws.rs.core.MediaType.APPLICATION_OCTET_STREAM_TYPE;
        return Entity.entity(entity, type, request.getEntityAnnotations());
    }

    /**
     * The typed failure for a token request that failed: unreachable, timed out, 5xx or unusable answers
     * are {@code AUTHORIZATION_SERVER_UNAVAILABLE}; an OAuth error (4xx) or a request refused before it
     * was sent is {@code REFUSED}. The message is core's, which never holds a token.
     */
    static ChainedTokenException failure(TokenEndpointException e, ChainTargets.Resolved target) {
        ChainedTokenException.Kind kind = switch (e.kind()) {
            case LOCAL_REQUEST -> ChainedTokenException.Kind.REFUSED;
            case OAUTH_ERROR -> e.httpStatus() >= 500 ? ChainedTokenException.Kind.AUTHORIZATION_SERVER_UNAVAILABLE
                    : ChainedTokenException.Kind.REFUSED;
            default -> ChainedTokenException.Kind.AUTHORIZATION_SERVER_UNAVAILABLE;
        };
        String as = e.authorizationServer() != null ? e.authorizationServer() : target.authorizationServer();
        return new ChainedTokenException(kind, target.name(), as, e.errorCode().orElse(null),
                "No token for " + target.name() + " from " + as + ": " + e.getMessage(), e);
    }
}
