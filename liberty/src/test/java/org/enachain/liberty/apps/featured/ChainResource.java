package org.enachain.liberty.apps.featured;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.StringReader;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.enachain.jakarta.inbound.ChainContext;
import org.enachain.jakarta.inbound.RequiredScope;

/** API A's side: {@code GET /chain} calls API B on behalf of its caller. Needs {@code a-read}. */
@Path("chain")
@RequestScoped
@RequiredScope("a-read")
@Produces(MediaType.APPLICATION_JSON)
public class ChainResource {

    @Inject
    ChainContext chain;

    @Inject
    @RestClient
    ApiB apiB;

    /** API A's own caller (from the injected {@code ChainContext}) and what API B received. */
    @GET
    public JsonObject chain() {
        JsonObject b;
        try (JsonReader reader = Json.createReader(new StringReader(apiB.received()))) {
            b = reader.readObject();
        }
        return Json.createObjectBuilder().add("a", ReceivedResource.context(chain)).add("b", b).build();
    }
}
