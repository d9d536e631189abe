package org.enachain.interop.apps.resource;

import org.enachain.jakarta.inbound.ChainContext;
import org.enachain.liberty.apps.common.Received;

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

/**
 * A protected resource of every interop test application: enachain-jakarta's inbound filter (configured in
 * the application's microprofile-config.properties to trust a Keycloak realm or enachain-sts) lets a
 * request reach it only with an acceptable token, and it answers what it received.
 */
@Path("received")
@RequestScoped
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
        return Received.view(headers, security, chain).build();
    }
}
