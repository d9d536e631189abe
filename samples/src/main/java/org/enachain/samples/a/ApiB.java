package org.enachain.samples.a;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.enachain.jakarta.outbound.ChainedToken;

/** API B, in API A's own domain: a token exchanged from the caller's (RFC 8693), with a DPoP proof. */
@RegisterRestClient(configKey = "api-b")
@RegisterProvider(value = SentRecorder.class, priority = SentRecorder.PRIORITY)
@RegisterProvider(DownstreamRefusal.class)
@ChainedToken(audience = "https://api-b.enachain.test", scope = "b-read")
@Produces(MediaType.APPLICATION_JSON)
public interface ApiB {

    @GET
    @Path("orders")
    String orders();

    /** API B's admin endpoint needs {@code b-admin}, which API A's token for API B does not carry: refused. */
    @GET
    @Path("orders/admin")
    String admin();
}
