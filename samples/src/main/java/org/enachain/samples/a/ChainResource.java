package org.enachain.samples.a;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.StringReader;
import java.util.function.Supplier;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.enachain.jakarta.outbound.ChainedTokenException;
import org.enachain.jakarta.inbound.ChainContext;
import org.enachain.jakarta.inbound.RequiredScope;
import org.enachain.samples.common.Seen;

/**
 * API A's endpoint: calls API B and the partner API on behalf of its caller and answers with (demo only)
 * what it received, and for each call what it sent and what came back — or the call's error.
 */
@Path("chain")
@RequestScoped
@RequiredScope("a-read")
@Produces(MediaType.APPLICATION_JSON)
public class ChainResource {

    @Inject
    ChainContext caller;

    @Inject
    @RestClient
    ApiB apiB;

    @Inject
    @RestClient
    PartnerApi partner;

    @Context
    HttpHeaders headers;

    /** With {@code refused=true}, API A also calls an endpoint of API B that its token does not allow. */
    @GET
    public JsonObject chain(@QueryParam("refused") boolean refused) {
        JsonArrayBuilder calls = Json.createArrayBuilder()
                .add(call("API B", "https://api-b.enachain.test", "token exchange at domain-a", apiB::orders))
                .add(call("partner API", "https://partner.domain-b.enachain.test",
                        "JWT grant from domain-a, redeemed at domain-b", partner::stock));
        if (refused) {
            calls.add(call("API B", "https://api-b.enachain.test",
                    "the cached token for API B, at an endpoint that needs b-admin", apiB::admin));
        }
        return Json.createObjectBuilder()
                .add("service", "API A")
                .add("answer", Json.createObjectBuilder().add("for", caller.subject()))
                .add("received", Seen.of(headers.getRequestHeader(HttpHeaders.AUTHORIZATION),
                        headers.getRequestHeader("DPoP")))
                .add("calls", calls)
                .build();
    }

    private static JsonObject call(String name, String target, String how, Supplier<String> call) {
        JsonObjectBuilder result = Json.createObjectBuilder().add("name", name).add("target", target).add("how", how);
        SentRecorder.take();
        try {
            String body = call.get();
            result.add("ok", true).add("response", parse(body));
        } catch (RuntimeException e) {
            result.add("ok", false).add("error", error(e));
        }
        JsonObject sent = SentRecorder.take();
        if (sent != null) {
            result.add("sent", sent);
        }
        return result.build();
    }

    private static JsonObject error(RuntimeException e) {
        JsonObjectBuilder error = Json.createObjectBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ChainedTokenException chained) {
                error.add("kind", chained.kind().name()).add("message", String.valueOf(chained.getMessage()));
                chained.errorCode().ifPresent(code -> error.add("error", code));
                return error.build();
            }
            if (t instanceof DownstreamRefusal.Refused refused) {
                error.add("status", refused.status());
                if (refused.challenge() != null) {
                    error.add("www_authenticate", refused.challenge());
                }
                return error.add("message", refused.getMessage()).build();
            }
            if (t instanceof WebApplicationException web) {
                error.add("status", web.getResponse().getStatus());
                String challenge = web.getResponse().getHeaderString(HttpHeaders.WWW_AUTHENTICATE);
                if (challenge != null) {
                    error.add("www_authenticate", challenge);
                }
                return error.add("message", "the downstream API answered " + web.getResponse().getStatus()).build();
            }
        }
        return error.add("kind", e.getClass().getSimpleName()).add("message", String.valueOf(e.getMessage())).build();
    }

    private static JsonObject parse(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}
