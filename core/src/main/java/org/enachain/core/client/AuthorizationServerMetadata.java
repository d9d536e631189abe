package org.enachain.core.client;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.enachain.core.http.TransportSecurity;

/**
 * What a client needs of an authorization server's RFC 8414 metadata: its issuer, its token
 * endpoint, and the algorithms it accepts for client assertions (CL-04) and DPoP proofs (CL-60). An
 * empty algorithm list means the AS did not say.
 */
public record AuthorizationServerMetadata(String issuer, URI tokenEndpoint, List<String> assertionAlgorithms,
                                          List<String> dpopAlgorithms) {

    public AuthorizationServerMetadata {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
        assertionAlgorithms = List.copyOf(assertionAlgorithms);
        dpopAlgorithms = List.copyOf(dpopAlgorithms);
    }

    /** An AS configured by hand: its issuer and token endpoint, no algorithm lists. */
    public static AuthorizationServerMetadata of(String issuer, URI tokenEndpoint) {
        return new AuthorizationServerMetadata(issuer, tokenEndpoint, List.of(), List.of());
    }

    /**
     * Reads a metadata document.
     *
     * @throws IllegalArgumentException naming the member that is missing or wrong, or the endpoint that is not https
     */
    public static AuthorizationServerMetadata fromJson(Map<String, Object> document, TransportSecurity security) {
        if (!(document.get("issuer") instanceof String issuer) || issuer.isEmpty()) {
            throw new IllegalArgumentException("the metadata has no issuer");
        }
        if (!(document.get("token_endpoint") instanceof String endpoint)) {
            throw new IllegalArgumentException("the metadata has no token_endpoint");
        }
        URI tokenEndpoint;
        try {
            tokenEndpoint = security.check(URI.create(endpoint), "The token_endpoint of " + issuer);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        return new AuthorizationServerMetadata(issuer, tokenEndpoint,
                strings(document.get("token_endpoint_auth_signing_alg_values_supported")),
                strings(document.get("dpop_signing_alg_values_supported")));
    }

    /** The strings of a JSON array member; other entries and other types are ignored. */
    static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof String s) {
                    out.add(s);
                }
            }
        }
        return out;
    }
}
