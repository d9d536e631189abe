package org.enachain.core.client;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.enachain.core.http.HttpTransport;
import org.enachain.core.http.TransportSecurity;
import org.jose4j.json.JsonUtil;

/**
 * What a client reads of a protected resource's RFC 9728 metadata: its identifier, its authorization
 * servers and whether it requires DPoP-bound tokens (Profile 8.4.2, CL-72). A document is used only if
 * its {@code resource} is identical to the identifier its URL was built from (CL-75).
 */
public record ProtectedResourceMetadata(String resource, List<String> authorizationServers,
                                        boolean dpopBoundAccessTokensRequired, List<String> dpopAlgorithms) {

    public ProtectedResourceMetadata {
        authorizationServers = List.copyOf(authorizationServers);
        dpopAlgorithms = List.copyOf(dpopAlgorithms);
    }

    /** The RFC 9728 3 metadata URL of a resource: the well-known string between host and path. */
    public static URI metadataUri(String resource) {
        URI uri = URI.create(resource);
        String path = uri.getRawPath() == null || uri.getRawPath().equals("/") ? "" : uri.getRawPath();
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + "/.well-known/oauth-protected-resource" + path);
    }

    /**
     * Fetches and checks the metadata of {@code resource}.
     *
     * @throws TokenEndpointException of kind {@link TokenEndpointException.Kind#DISCOVERY}
     */
    public static ProtectedResourceMetadata discover(String resource, HttpTransport transport, TransportSecurity security) {
        URI url;
        try {
            url = security.check(metadataUri(resource), "The metadata URL of " + resource);
        } catch (IllegalArgumentException e) {
            throw failure(resource, e.getMessage(), null);
        }
        HttpTransport.Response response;
        try {
            response = transport.send(HttpTransport.Request.get(url, Map.of("Accept", "application/json")));
        } catch (IOException e) {
            throw failure(resource, url + " cannot be reached (" + e.getClass().getSimpleName() + ")", e);
        }
        if (response.status() != 200) {
            throw failure(resource, url + " answered HTTP " + response.status(), null);
        }
        Map<String, Object> document;
        try {
            document = JsonUtil.parseJson(response.bodyAsUtf8());
        } catch (Exception e) {
            throw failure(resource, url + " did not answer a JSON object", null);
        }
        if (!resource.equals(document.get("resource"))) {
            throw failure(resource, "the metadata at " + url + " is for another resource (RFC 9728 3.3)", null);
        }
        return new ProtectedResourceMetadata(resource, AuthorizationServerMetadata.strings(document.get("authorization_servers")),
                Boolean.TRUE.equals(document.get("dpop_bound_access_tokens_required")),
                AuthorizationServerMetadata.strings(document.get("dpop_signing_alg_values_supported")));
    }

    private static TokenEndpointException failure(String resource, String what, Throwable cause) {
        return new TokenEndpointException(TokenEndpointException.Kind.DISCOVERY, resource,
                "Discovery of the protected resource " + resource + " failed: " + what, null, null, -1, cause);
    }
}
