package org.enachain.interop.apps.chain;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.enachain.jakarta.outbound.ChainedToken;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Scenario 3: the domain-B API, called across domains — a JWT grant from the home AS (enachain-sts domain-a)
 * redeemed at the Keycloak realm ena-s3 ({@code domain-b/enachain/target-issuer}), DPoP-bound.
 */
@RegisterRestClient(configKey = "domain-b")
@ChainedToken(resource = Targets.DOMAIN_B_API, targetIssuer = Targets.KEYCLOAK_PLACEHOLDER, requireDpop = true)
public interface DomainBApi {

    @GET
    @Path("received")
    @Produces(MediaType.APPLICATION_JSON)
    String received();
}
