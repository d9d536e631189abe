package org.enachain.core.resource;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * What a protected resource received, as far as authentication is concerned.
 *
 * @param method              the HTTP method
 * @param externalUri         the request URI as the client addressed it: the configured external base
 *                            URL plus the request path; query and fragment do not matter
 * @param authorization       every {@code Authorization} header value
 * @param dpop                every {@code DPoP} header value
 * @param formAccessToken     the {@code access_token} parameter of a form-encoded body (RFC 6750 2.2),
 *                            or null. A token in the query string is never passed here (RS-03).
 */
public record ResourceRequest(String method, URI externalUri, List<String> authorization, List<String> dpop,
                              String formAccessToken) {

    public ResourceRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(externalUri, "externalUri");
        authorization = authorization == null ? List.of() : List.copyOf(authorization);
        dpop = dpop == null ? List.of() : List.copyOf(dpop);
    }

    @Override
    public String toString() {
        return "ResourceRequest[" + method + " " + externalUri + "]";
    }
}
