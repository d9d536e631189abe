package org.enachain.liberty.apps.c;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.enachain.jakarta.inbound.ChainContext;
import org.enachain.jakarta.inbound.RequiredScope;
import org.enachain.liberty.apps.common.Received;

/** What API C received. */
@Path("/")
@RequestScoped
@RequiredScope("c-read")
@Produces(MediaType.APPLICATION_JSON)
public class ClaimsResource {

    @Inject
    ChainContext chain;

    @Context
    HttpHeaders headers;

    @Context
    SecurityContext security;

    @GET
    @Path("claims")
    public JsonObject claims() {
        return Received.view(headers, security, chain).build();
    }
}
