package org.enachain.liberty.apps.a;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.enachain.jakarta.outbound.ChainedToken;
import org.enachain.liberty.apps.common.Ids;

/**
 * API A's client of the APIs of its own domain, based at the server's origin. The type-level annotation
 * (API B, {@code b-read}) applies to every method that has none of its own; {@link #apiBViaC} and
 * {@link #apiC} carry their own, which wins.
 */
@RegisterRestClient(configKey = "downstream")
@ChainedToken(audience = Ids.API_B, scope = "b-read")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public interface Downstream {

    @GET
    @Path("api-b/claims")
    String apiB();

    @GET
    @Path("api-b/claims")
    CompletionStage<String> apiBAsync();

    /** API B calls API C in turn: its token must also carry {@code c-read}, which it exchanges for C. */
    @GET
    @Path("api-b/via-c")
    @ChainedToken(audience = Ids.API_B, scope = {"b-read", "c-read"})
    String apiBViaC();

    /** Another audience on one method of the same interface. */
    @GET
    @Path("api-c/claims")
    @ChainedToken(audience = Ids.API_C, scope = "c-read")
    String apiC();
}
