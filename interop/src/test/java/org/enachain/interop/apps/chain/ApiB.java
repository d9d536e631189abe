package org.enachain.interop.apps.chain;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.enachain.jakarta.outbound.ChainedToken;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Scenario 2: API B, called with a token exchanged at the home AS (the Keycloak realm ena-s2), DPoP-bound. */
@RegisterRestClient(configKey = "api-b")
@ChainedToken(audience = Targets.API_B, requireDpop = true)
public interface ApiB {

    @GET
    @Path("received")
    @Produces(MediaType.APPLICATION_JSON)
    String received();
}
