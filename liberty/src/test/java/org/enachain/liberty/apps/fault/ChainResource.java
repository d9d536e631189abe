package org.enachain.liberty.apps.fault;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.enachain.jakarta.inbound.RequiredScope;

@Path("chain")
@RequestScoped
@RequiredScope("a-read")
@Produces(MediaType.APPLICATION_JSON)
public class ChainResource {

    @Inject
    @RestClient
    Target target;

    @GET
    public String call() {
        return target.claims();
    }
}
