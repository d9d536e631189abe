package org.enachain.samples.b;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.enachain.jakarta.inbound.ChainContext;
import org.enachain.jakarta.inbound.RequiredScope;
import org.enachain.samples.common.Seen;

/** API B's one endpoint: the caller's orders, with (demo only) what API B received. */
@Path("orders")
@RequestScoped
@RequiredScope("b-read")
@Produces(MediaType.APPLICATION_JSON)
public class OrdersResource {

    @Inject
    ChainContext caller;

    @Context
    HttpHeaders headers;

    /** Needs {@code b-admin} besides {@code b-read}: API A's token never has it, so this call is refused. */
    @GET
    @Path("admin")
    @RequiredScope("b-admin")
    public JsonObject admin() {
        return orders();
    }

    @GET
    public JsonObject orders() {
        return Json.createObjectBuilder()
                .add("service", "API B")
                .add("answer", Json.createObjectBuilder()
                        .add("orders", Json.createArrayBuilder().add("order-1001").add("order-1002"))
                        .add("for", caller.subject())
                        .add("via", Json.createArrayBuilder(caller.actors().actors())))
                .add("received", Seen.of(headers.getRequestHeader(HttpHeaders.AUTHORIZATION),
                        headers.getRequestHeader("DPoP")))
                .build();
    }
}
