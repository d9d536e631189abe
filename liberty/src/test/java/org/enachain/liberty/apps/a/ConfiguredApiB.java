package org.enachain.liberty.apps.a;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.enachain.jakarta.outbound.ChainedToken;
import org.enachain.liberty.apps.common.Ids;

/**
 * API B again, with {@code b-read} in the annotation; the application's configuration overrides the scope
 * ({@code api-b-configured/enachain/scope=b-read c-read}).
 */
@RegisterRestClient(configKey = "api-b-configured")
@ChainedToken(audience = Ids.API_B, scope = "b-read")
@Produces(MediaType.APPLICATION_JSON)
public interface ConfiguredApiB {

    @GET
    @Path("claims")
    String claims();
}
