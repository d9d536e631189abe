package org.enachain.interop.apps.chain;

import java.io.StringReader;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.enachain.jakarta.inbound.ChainContext;
import org.enachain.liberty.apps.common.Received;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * API A: what it received, and what the next API received when API A called it with a chained token. The
 * clients are looked up per call, so an application configures only the one it uses (scenario 2: api-b,
 * scenario 3: domain-b).
 */
@Path("chain")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ChainResource {

    @Inject
    ChainContext chain;

    @Inject
    @RestClient
    Instance<ApiB> apiB;

    @Inject
    @RestClient
    Instance<DomainBApi> domainB;

    @Context
    HttpHeaders headers;

    @Context
    SecurityContext security;

    /** Scenario 2: token exchange at the home AS, then API B. */
    @GET
    @Path("api-b")
    public JsonObject toApiB() {
        return Received.view(headers, security, chain).add("next", parse(apiB.get().received())).build();
    }

    /** Scenario 3: JWT grant from the home AS, redeemed at the target AS, then the domain-B API. */
    @GET
    @Path("domain-b")
    public JsonObject toDomainB() {
        return Received.view(headers, security, chain).add("next", parse(domainB.get().received())).build();
    }

    private static JsonObject parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
