package org.enachain.liberty.apps.fault;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.enachain.jakarta.outbound.ChainedToken;
import org.enachain.liberty.apps.common.Ids;

/** The downstream API (never reached: the exchange fails first). */
@RegisterRestClient(configKey = "target")
@ChainedToken(audience = Ids.API_B, scope = "b-read")
@Produces(MediaType.APPLICATION_JSON)
public interface Target {

    @GET
    @Path("claims")
    String claims();
}
