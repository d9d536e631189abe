package org.enachain.liberty.apps.b;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.enachain.jakarta.outbound.ChainedToken;
import org.enachain.liberty.apps.common.Ids;

/** API B's client of API C (which requires DPoP and DPoP nonces). */
@RegisterRestClient(configKey = "api-c")
@ChainedToken(audience = Ids.API_C, scope = "c-read")
@Produces(MediaType.APPLICATION_JSON)
public interface ApiC {

    @GET
    @Path("claims")
    String claims();
}
