package org.enachain.liberty.apps.a;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.enachain.jakarta.outbound.ChainedToken;
import org.enachain.liberty.apps.common.Ids;

/** A resource domain-a does not know: the STS refuses the exchange with {@code invalid_target}. */
@RegisterRestClient(configKey = "unknown-api")
@ChainedToken(audience = Ids.UNKNOWN_API, scope = "b-read")
@Produces(MediaType.APPLICATION_JSON)
public interface UnknownApi {

    @GET
    @Path("claims")
    String claims();
}
