package org.enachain.liberty.apps.featured;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.enachain.jakarta.inbound.ChainContext;
import org.enachain.jakarta.inbound.RequiredScope;

/**
 * API B's side: {@code GET /received} answers with what it received — the authentication scheme, the decoded
 * payload of the token and the header of the DPoP proof (TEST APPLICATION ONLY: a real resource never echoes
 * a token's contents), and the injected {@code ChainContext}. Needs {@code b-read}. Plain JSON-P, no library.
 */
@Path("received")
@RequestScoped
@RequiredScope("b-read")
@Produces(MediaType.APPLICATION_JSON)
public class ReceivedResource {

    @Inject
    ChainContext chain;

    @Context
    HttpHeaders headers;

    @Context
    SecurityContext security;

    @GET
    public JsonObject received() {
        JsonObjectBuilder view = Json.createObjectBuilder();
        List<String> authorization = headers.getRequestHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.size() == 1) {
            String[] credentials = authorization.get(0).strip().split(" +", 2);
            view.add("authorization_scheme", credentials[0]);
            if (credentials.length == 2) {
                view.add("token", part(credentials[1], 1));
            }
        }
        List<String> proofs = headers.getRequestHeader("DPoP");
        if (proofs != null && proofs.size() == 1) {
            view.add("proof_header", part(proofs.get(0), 0));
        }
        if (security.getAuthenticationScheme() != null) {
            view.add("scheme", security.getAuthenticationScheme());
        }
        return view.add("context", context(chain)).build();
    }

    static JsonObjectBuilder context(ChainContext chain) {
        JsonObjectBuilder c = Json.createObjectBuilder().add("authenticated", chain.isAuthenticated());
        if (chain.isAuthenticated()) {
            c.add("subject", chain.subject()).add("client_id", chain.clientId());
        }
        return c;
    }

    private static JsonObject part(String jwt, int index) {
        String json = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]), StandardCharsets.UTF_8);
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
