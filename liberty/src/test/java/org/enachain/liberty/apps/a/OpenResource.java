package org.enachain.liberty.apps.a;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RestClient;

/** An endpoint open to anyone ({@code @PermitAll}): a call made from it has no caller token to chain. */
@Path("open")
@RequestScoped
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class OpenResource {

    @Inject
    @RestClient
    Downstream downstream;

    @GET
    @Path("b")
    public String apiB() {
        return downstream.apiB();
    }
}
