package org.enachain.core.dpop;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * The request a DPoP proof must match (RFC 9449 4.3).
 *
 * @param dpopHeaders every value of the request's {@code DPoP} header (GEN-22: more than one is refused)
 * @param method      the HTTP method, as received
 * @param targetUri   the externally visible request URI: the configured external base URL plus the
 *                    request path, never built from the {@code Host} header
 * @param accessToken the access token presented with the proof at a protected resource, whose hash
 *                    the proof's {@code ath} must carry; null at a token endpoint
 * @param boundTo     the {@code cnf.jkt} of that access token, which the proof's key must match; null
 *                    when there is none to match
 */
public record ProofContext(List<String> dpopHeaders, String method, URI targetUri, String accessToken, String boundTo) {

    public ProofContext {
        dpopHeaders = dpopHeaders == null ? List.of() : List.copyOf(dpopHeaders);
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(targetUri, "targetUri");
    }

    /** A token request: no access token to hash, no binding to match. */
    public static ProofContext atTokenEndpoint(List<String> dpopHeaders, String method, URI tokenEndpoint) {
        return new ProofContext(dpopHeaders, method, tokenEndpoint, null, null);
    }

    /** A protected resource request presenting {@code accessToken}, bound to {@code jkt}. */
    public static ProofContext atResource(List<String> dpopHeaders, String method, URI requestUri,
                                          String accessToken, String jkt) {
        return new ProofContext(dpopHeaders, method, requestUri, Objects.requireNonNull(accessToken, "accessToken"), jkt);
    }

    @Override
    public String toString() {
        return "ProofContext[" + method + " " + targetUri + ", " + dpopHeaders.size() + " DPoP header(s)]";
    }
}
