package org.enachain.liberty.apps.a;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.enachain.jakarta.inbound.RequiredScope;

/**
 * API A's endpoints: each calls one downstream API on behalf of its caller and answers with what that API
 * received (its JSON as is).
 */
@Path("chain")
@RequestScoped
@RequiredScope("a-read")
@Produces(MediaType.APPLICATION_JSON)
public class ChainResource {

    @Inject
    @RestClient
    Downstream downstream;

    @Inject
    @RestClient
    ConfiguredApiB configured;

    @Inject
    @RestClient
    PartnerApi partner;

    @Inject
    @RestClient
    UnknownApi unknown;

    @GET
    @Path("b")
    public String apiB() {
        return downstream.apiB();
    }

    @GET
    @Path("b-async")
    public CompletionStage<String> apiBAsync() {
        return downstream.apiBAsync();
    }

    @GET
    @Path("b-c")
    public String apiBViaC() {
        return downstream.apiBViaC();
    }

    @GET
    @Path("c")
    public String apiC() {
        return downstream.apiC();
    }

    @GET
    @Path("b-configured")
    public String configuredApiB() {
        return configured.claims();
    }

    @GET
    @Path("partner")
    public String partner() {
        return partner.claims();
    }

    @GET
    @Path("unknown")
    public String unknown() {
        return unknown.claims();
    }
}
