package org.enachain.liberty.apps.b;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.SecurityContext;
import java.io.StringReader;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.enachain.jakarta.inbound.ChainContext;
import org.enachain.jakarta.inbound.RequiredScope;
import org.enachain.liberty.apps.common.Received;

/** API B's endpoints. Every one but {@link #open} needs {@code b-read}. */
@Path("/")
@RequestScoped
@RequiredScope("b-read")
@Produces(MediaType.APPLICATION_JSON)
public class ClaimsResource {

    @Inject
    ChainContext chain;

    @Inject
    @RestClient
    ApiC apiC;

    @Context
    HttpHeaders headers;

    @Context
    SecurityContext security;

    /** What API B received. */
    @GET
    @Path("claims")
    public JsonObject claims() {
        return Received.view(headers, security, chain).build();
    }

    /**
     * The same for a token in a form body (RFC 6750 2.2). The form is read as the entity, which the inbound
     * filter put back after reading it ({@code @FormParam} would not see it on Liberty: RESTEasy reads form
     * parameters from the servlet request, whose body the filter has consumed).
     */
    @POST
    @Path("claims")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public JsonObject claimsFromForm(MultivaluedMap<String, String> form) {
        return Received.view(form.getFirst("access_token"), headers, security, chain).add("note", form.getFirst("note"))
                .build();
    }

    /** What API B received, and what API C received when API B called it in turn. */
    @GET
    @Path("via-c")
    public JsonObject viaC() {
        JsonObject c;
        try (JsonReader reader = Json.createReader(new StringReader(apiC.claims()))) {
            c = reader.readObject();
        }
        return Received.view(headers, security, chain).add("next", c).build();
    }

    /** Needs {@code c-read} besides the class's {@code b-read}. */
    @GET
    @Path("needs-c-read")
    @RequiredScope("c-read")
    public JsonObject needsCRead() {
        return Received.view(headers, security, chain).build();
    }

    /** Open to anyone. */
    @GET
    @Path("open")
    @PermitAll
    public JsonObject open() {
        return Json.createObjectBuilder().add("open", true).add("authenticated", chain.isAuthenticated()).build();
    }
}
