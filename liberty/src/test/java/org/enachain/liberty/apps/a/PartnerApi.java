package org.enachain.liberty.apps.a;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.enachain.jakarta.outbound.ChainedToken;
import org.enachain.liberty.apps.common.Ids;

/**
 * domain-b's partner API, reached across domains: a grant from domain-a, redeemed at domain-b for a token for
 * the partner resource. The target issuer's real URL contains the test server's port, so the configuration
 * sets it ({@code partner/enachain/target-issuer}).
 */
@RegisterRestClient(configKey = "partner")
@ChainedToken(resource = Ids.PARTNER, scope = "partner-read", targetIssuer = Ids.DOMAIN_B_PLACEHOLDER)
@Produces(MediaType.APPLICATION_JSON)
public interface PartnerApi {

    @GET
    @Path("claims")
    String claims();
}
