package org.enachain.samples.a;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.enachain.jakarta.outbound.ChainedToken;

/**
 * domain-b's partner API, across trust domains: a JWT grant from domain-a, redeemed at domain-b (RFC 7523).
 * The target issuer's real URL holds the server's port, so the configuration sets it
 * ({@code partner/enachain/target-issuer}); the annotation's value is a placeholder.
 */
@RegisterRestClient(configKey = "partner")
@RegisterProvider(value = SentRecorder.class, priority = SentRecorder.PRIORITY)
@RegisterProvider(DownstreamRefusal.class)
@ChainedToken(resource = "https://partner.domain-b.enachain.test", scope = "partner-read",
        targetIssuer = "https://sts.domain-b.invalid")
@Produces(MediaType.APPLICATION_JSON)
public interface PartnerApi {

    @GET
    @Path("stock")
    String stock();
}
