package org.enachain.samples.app;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.enachain.samples.common.Seen;

/**
 * Runs the chain: calls API A with the session's token and a fresh DPoP proof, and assembles the trace of the
 * hops as they happened — what each caller sent and what each API says it received (API A and API B report
 * it with their answers; demo only), or a hop's error.
 */
@Path("chain")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ChainTraceResource {

    @Inject
    DemoClient client;

    @Context
    HttpServletRequest request;

    /** With {@code refused=true}, API A also makes a call that API B refuses (to show a failed hop). */
    @POST
    public Response run(@QueryParam("refused") boolean refused) {
        DemoSession session = DemoSession.of(request, false);
        if (session == null || !session.loggedIn()) {
            return Response.status(401).entity(Json.createObjectBuilder().add("error", "log in first").build()).build();
        }
        URI apiA = refused ? URI.create(client.apiA() + "?refused=true") : client.apiA();
        String proof = session.proofs.forResourceRequest("GET", apiA, session.accessToken);
        JsonObject sent = Seen.of(List.of("DPoP " + session.accessToken), List.of(proof));
        JsonObjectBuilder first = Json.createObjectBuilder().add("from", "web app").add("to", "API A")
                .add("target", DemoClient.API_A).add("url", apiA.toString())
                .add("how", "token from the login (authorization code + PKCE at domain-a)").add("sent", sent);
        JsonArrayBuilder hops = Json.createArrayBuilder();
        JsonArrayBuilder answers = Json.createArrayBuilder();
        try {
            HttpResponse<String> answer = client.http().send(HttpRequest.newBuilder(apiA).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "DPoP " + session.accessToken).header("DPoP", proof).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonObject body = AuthResource.parse(answer.body());
            first.add("status", answer.statusCode());
            if (answer.statusCode() != 200 || body == null) {
                JsonObjectBuilder error = Json.createObjectBuilder().add("status", answer.statusCode())
                        .add("message", "API A answered " + answer.statusCode());
                answer.headers().firstValue("WWW-Authenticate").ifPresent(c -> error.add("www_authenticate", c));
                if (body != null) {
                    error.add("body", body);
                }
                hops.add(first.add("ok", false).add("error", error));
            } else {
                hops.add(first.add("ok", true).add("received", body.get("received")));
                answers.add(Json.createObjectBuilder().add("service", "API A").add("answer", body.get("answer")));
                for (JsonValue value : body.getJsonArray("calls")) {
                    JsonObject call = value.asJsonObject();
                    JsonObjectBuilder hop = Json.createObjectBuilder().add("from", "API A").add("to", call.getString("name"))
                            .add("target", call.getString("target")).add("how", call.getString("how"))
                            .add("ok", call.getBoolean("ok"));
                    if (call.containsKey("sent")) {
                        hop.add("sent", call.get("sent"));
                    }
                    if (call.getBoolean("ok")) {
                        JsonObject response = call.getJsonObject("response");
                        hop.add("received", response.get("received"));
                        answers.add(Json.createObjectBuilder().add("service", call.getString("name"))
                                .add("answer", response.get("answer")));
                    } else {
                        hop.add("error", call.get("error"));
                    }
                    hops.add(hop);
                }
            }
        } catch (IOException e) {
            hops.add(first.add("ok", false).add("error", Json.createObjectBuilder()
                    .add("message", "API A did not answer: " + e.getClass().getSimpleName())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            hops.add(first.add("ok", false).add("error", Json.createObjectBuilder().add("message", "interrupted")));
        }
        return Response.ok(Json.createObjectBuilder().add("user", session.subject).add("hops", hops)
                .add("answers", answers).build()).build();
    }
}
