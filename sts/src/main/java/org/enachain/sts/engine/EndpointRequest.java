package org.enachain.sts.engine;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP request to one of a tenant's POST endpoints (token, revocation) as the engine sees it:
 * the raw form body is parsed here, not by the web layer, so every malformed request gets the same
 * OAuth error whatever carried it.
 *
 * @param method        the HTTP method
 * @param contentType   the {@code Content-Type} header, or null
 * @param body          the request body (already bounded in size by the web layer)
 * @param dpopHeaders   every {@code DPoP} header value received
 * @param authorization the {@code Authorization} header, when one was sent
 */
public record EndpointRequest(String method, String contentType, String body, List<String> dpopHeaders,
                              Optional<String> authorization) {

    public EndpointRequest {
        Objects.requireNonNull(method, "method");
        body = body == null ? "" : body;
        dpopHeaders = List.copyOf(dpopHeaders);
        Objects.requireNonNull(authorization, "authorization");
    }

    /** A form POST without DPoP or Authorization headers. */
    public static EndpointRequest formPost(String body) {
        return new EndpointRequest("POST", FormParameters.MEDIA_TYPE, body, List.of(), Optional.empty());
    }

    public EndpointRequest withDpop(String proof) {
        return new EndpointRequest(method, contentType, body, List.of(proof), authorization);
    }

    @Override
    public String toString() {
        return "EndpointRequest[" + method + ", " + contentType + ", " + body.length() + " characters, "
                + dpopHeaders.size() + " DPoP header(s)]";
    }
}
