package org.enachain.liberty.apps.featured;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.enachain.jakarta.outbound.ChainedToken;

/** API A's client of API B: every call carries a token exchanged for API B ({@code b-read}), with DPoP. */
@RegisterRestClient(configKey = "featured-b")
@ChainedToken(audience = "https://api-b.enachain.test", scope = "b-read")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public interface ApiB {

    @GET
    @Path("received")
    String received();
}
