package org.enachain.samples.partner;

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

/** The partner API's one endpoint, with (demo only) what it received. */
@Path("stock")
@RequestScoped
@RequiredScope("partner-read")
@Produces(MediaType.APPLICATION_JSON)
public class StockResource {

    @Inject
    ChainContext caller;

    @Context
    HttpHeaders headers;

    @GET
    public JsonObject stock() {
        return Json.createObjectBuilder()
                .add("service", "partner API (domain-b)")
                .add("answer", Json.createObjectBuilder().add("in-stock", 42).add("for", caller.subject()))
                .add("received", Seen.of(headers.getRequestHeader(HttpHeaders.AUTHORIZATION),
                        headers.getRequestHeader("DPoP")))
                .build();
    }
}
