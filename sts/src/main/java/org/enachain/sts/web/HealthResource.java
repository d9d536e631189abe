package org.enachain.sts.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Placeholder liveness endpoint; also shows the base URL the server configured for the STS. */
@Path("/health")
@ApplicationScoped
public class HealthResource {

    @Inject
    @ConfigProperty(name = "enachain.sts.base-url")
    String baseUrl;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject health() {
        return Json.createObjectBuilder().add("status", "UP").add("baseUrl", baseUrl).build();
    }
}
