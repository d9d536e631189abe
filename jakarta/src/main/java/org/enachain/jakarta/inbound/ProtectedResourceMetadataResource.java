package org.enachain.jakarta.inbound;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.enachain.core.resource.DpopMode;
import org.enachain.jakarta.config.EnachainComponents;
import org.enachain.jakarta.config.EnachainConfiguration;
import org.enachain.jakarta.config.ResourceSettings;
import org.enachain.jakarta.internal.Json;

/**
 * RFC 9728 protected resource metadata at {@code /.well-known/oauth-protected-resource} below the
 * application's base, when {@code enachain.resource.metadata=true} (RS-52); 404 otherwise. It states
 * what the inbound filter does (RS-53 to RS-55): {@code resource} is the configured identifier,
 * {@code dpop_bound_access_tokens_required} is true exactly when DPoP is required, the proof algorithms
 * are the ones accepted, and {@code bearer_methods_supported} never lists {@code query}.
 */
@Path("/.well-known/oauth-protected-resource")
@PermitAll
public class ProtectedResourceMetadataResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response metadata() {
        EnachainComponents components = CDI.current().select(EnachainConfiguration.class).get().components();
        return components.inbound().filter(in -> in.settings().metadata())
                .map(in -> Response.ok(document(in), MediaType.APPLICATION_JSON_TYPE).build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).build());
    }

    /** The metadata document of a resource. */
    static String document(EnachainComponents.Inbound inbound) {
        ResourceSettings s = inbound.settings();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("resource", s.identifier());
        m.put("authorization_servers", s.issuers());
        m.put("bearer_methods_supported", List.of("header", "body"));
        m.put("dpop_bound_access_tokens_required", s.dpop() == DpopMode.REQUIRED);
        if (s.dpop() != DpopMode.DISABLED) {
            m.put("dpop_signing_alg_values_supported", inbound.proofAlgorithms());
        }
        if (!s.scopesSupported().isEmpty()) {
            m.put("scopes_supported", s.scopesSupported());
        }
        return Json.object(m);
    }
}
