package org.enachain.jakarta.inbound;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.enachain.core.dpop.AccessTokenHash;
import org.enachain.core.resource.AuthenticatedRequest;
import org.enachain.core.token.AccessToken;
import org.enachain.jakarta.config.EnachainComponents;
import org.enachain.jakarta.config.EnachainConfiguration;
import org.enachain.jakarta.internal.CallerTokenHolder;

/**
 * The inbound check of a protected resource (REQUIREMENTS §5), active when
 * {@code enachain.resource.identifier} is configured. For every request to a resource method that is
 * not {@code @PermitAll}:
 * <ol>
 * <li>the token from the {@code Authorization} header (Bearer or DPoP scheme) or from the
 * {@code access_token} parameter of a form-encoded POST body (RFC 6750 2.2; the body is read and put back
 * for the application) — never from the query string (RS-03); {@code Proxy-Authorization} is ignored
 * (RS-46);</li>
 * <li>core's {@code ResourceRequestVerifier} checks token and proof, with the {@code htu} the client
 * addressed: {@code enachain.resource.base-url} plus the request path ;</li>
 * <li>the scopes of {@link RequiredScope} on the class and method (RS-16, RS-26);</li>
 * <li>a refusal is core's challenge: the status, the exact {@code WWW-Authenticate} challenges,
 * {@code DPoP-Nonce} when one is due, {@code Cache-Control: no-store}, and the body
 * {@code {"error":…,"error_description":…}} — never the token;</li>
 * <li>on success: a {@code SecurityContext} whose principal is {@code sub}, the request's
 * {@link ChainContext}, and a fresh {@code DPoP-Nonce} on the response when the client's nonce is due
 * for rotation.</li>
 * </ol>
 * What each resource method requires is resolved from its annotations once and kept per method; the
 * core objects come from {@link EnachainConfiguration}, built once at deployment.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AccessTokenFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final System.Logger LOG = System.getLogger(AccessTokenFilter.class.getName());
    private static final String RESPONSE_HEADERS = AccessTokenFilter.class.getName() + ".responseHeaders";
    private static final MediaType FORM = MediaType.APPLICATION_FORM_URLENCODED_TYPE;

    @Context
    private ResourceInfo resourceInfo;

    private final Map<RuleKey, RequestRule> rules = new ConcurrentHashMap<>();
    private volatile Active active;

    private record RuleKey(Class<?> resourceClass, Method method) {
    }

    /** What the filter works with once resolved: absent inbound configuration means it lets everything pass. */
    private record Active(EnachainComponents.Inbound inbound, InboundCheck check, CallerTokenHolder holder) {
    }

    private static final Active INACTIVE = new Active(null, null, null);

    /** For JAX-RS: the core objects come from {@link EnachainConfiguration} at the first request. */
    public AccessTokenFilter() {
    }

    /** For tests: given core objects and resource information instead of CDI and JAX-RS injection. */
    AccessTokenFilter(EnachainComponents.Inbound inbound, CallerTokenHolder holder, ResourceInfo resourceInfo) {
        this.active = inbound == null ? INACTIVE : new Active(inbound, new InboundCheck(inbound.verifier()), holder);
        this.resourceInfo = resourceInfo;
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        Active a = active();
        if (a.inbound() == null) {
            // Fail closed: a method that requires scopes is never served unprotected because the resource's
            // configuration (enachain.resource.identifier) is missing or misspelt.
            if (requiresScopes()) {
                LOG.log(Level.ERROR, "ENAJ0305E: {0} {1} carries @RequiredScope but enachain.resource.identifier is not"
                        + " set, so no token can be checked; the request is refused with 500. Configure the resource"
                        + " (enachain.resource.*)", request.getMethod(), request.getUriInfo().getPath());
                request.abortWith(serverError());
            }
            return;
        }
        RequestRule rule = rule();
        if (rule == null) {
            request.abortWith(serverError());
            return;
        }
        if (rule.permitAll()) {
            return;
        }
        URI external = InboundCheck.externalUri(a.inbound().settings().baseUrl(),
                request.getUriInfo().getRequestUri().getRawPath(), request.getUriInfo().getPath(false));
        InboundCheck.FormToken form = InboundCheck.FormToken.NONE;
        if ("POST".equals(request.getMethod()) && request.hasEntity() && request.getMediaType() != null
                && FORM.isCompatible(request.getMediaType())) {
            byte[] body = InboundCheck.readAll(request.getEntityStream());
            request.setEntityStream(new ByteArrayInputStream(body));
            form = InboundCheck.formToken(body);
        }
        List<String> authorization = request.getHeaders().get("Authorization");
        List<String> dpop = request.getHeaders().get("DPoP");
        InboundCheck.Outcome outcome = a.check().check(request.getMethod(), external, authorization, dpop, form,
                rule.scopes());
        if (outcome instanceof InboundCheck.Refused refused) {
            log(refused, request.getMethod(), external);
            Response.ResponseBuilder response = Response.status(refused.status()).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(refused.body());
            refused.headers().forEach((name, values) -> values.forEach(v -> response.header(name, v)));
            request.abortWith(response.build());
            return;
        }
        AuthenticatedRequest authenticated = ((InboundCheck.Accepted) outcome).request();
        AccessToken token = authenticated.token();
        a.holder().set(token);
        request.setSecurityContext(new CallerSecurityContext(token.subject(),
                authenticated.presentation().isDpop() ? "DPoP" : "Bearer"));
        if (!authenticated.responseHeaders().isEmpty()) {
            request.setProperty(RESPONSE_HEADERS, authenticated.responseHeaders());
        }
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, "ENAJ0302D: {0} {1} authenticated ({2}, {3})", request.getMethod(), external,
                    authenticated.presentation(), tokenRef(token));
        }
    }

    /** Adds the fresh {@code DPoP-Nonce} (with {@code Cache-Control: no-store}) to a successful response. */
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(RESPONSE_HEADERS) instanceof Map<?, ?> headers) {
            headers.forEach((name, value) -> response.getHeaders().putSingle((String) name, value));
        }
    }

    private RequestRule rule() {
        ResourceInfo info = resourceInfo;
        Method method = info == null ? null : info.getResourceMethod();
        Class<?> type = info == null ? null : info.getResourceClass();
        if (method == null && type == null) {
            return RequestRule.TOKEN_REQUIRED;
        }
        try {
            return rules.computeIfAbsent(new RuleKey(type, method), k -> RequestRule.of(k.resourceClass(), k.method()));
        } catch (IllegalArgumentException e) {
            LOG.log(Level.ERROR, "ENAJ0303E: {0}; fix the annotation. Requests to this method are refused with 500",
                    e.getMessage());
            return null;
        }
    }

    private Active active() {
        Active a = active;
        if (a == null) {
            synchronized (this) {
                a = active;
                if (a == null) {
                    EnachainComponents components = CDI.current().select(EnachainConfiguration.class).get().components();
                    a = components.inbound().map(in -> new Active(in, new InboundCheck(in.verifier()),
                            CDI.current().select(CallerTokenHolder.class).get())).orElse(INACTIVE);
                    active = a;
                }
            }
        }
        return a;
    }

    private boolean requiresScopes() {
        Method method = resourceInfo == null ? null : resourceInfo.getResourceMethod();
        Class<?> type = resourceInfo == null ? null : resourceInfo.getResourceClass();
        return method != null && !method.isAnnotationPresent(jakarta.annotation.security.PermitAll.class)
                && (method.isAnnotationPresent(RequiredScope.class)
                || (type != null && type.isAnnotationPresent(RequiredScope.class))
                || method.getDeclaringClass().isAnnotationPresent(RequiredScope.class));
    }

    private static Response serverError() {
        return Response.status(500).type(MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store")
                .entity("{\"error\":\"server_error\",\"error_description\":\"The resource's access rules are misconfigured\"}")
                .build();
    }

    private static void log(InboundCheck.Refused refused, String method, URI external) {
        if (refused.status() >= 500) {
            LOG.log(Level.WARNING, "ENAJ0304W: {0} {1} refused with {2}: {3}", method, external, refused.status(),
                    refused.challenge().rejection().description());
        } else if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, "ENAJ0301D: {0} {1} refused with {2} {3}: {4}", method, external, refused.status(),
                    refused.challenge().rejection().errorCode(), refused.challenge().rejection().reason());
        }
    }

    /** The token's {@code jti}, or a short hash of it: never the token. */
    static String tokenRef(AccessToken token) {
        return token.jwtId().map(j -> "jti " + j)
                .orElseGet(() -> "hash " + AccessTokenHash.of(token.compactSerialization()).substring(0, 12));
    }
}
