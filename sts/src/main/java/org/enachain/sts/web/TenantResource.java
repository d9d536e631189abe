package org.enachain.sts.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.enachain.sts.engine.AuthorizationEndpoint;
import org.enachain.sts.engine.EndpointRequest;
import org.enachain.sts.engine.EndpointResponse;
import org.enachain.sts.engine.Tenant;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * The endpoints of one issuer, {@code {base}/{tenant}}: token, revocation, JWK Set, RFC 8414
 * metadata (appended form, GEN-46) and the development authorization endpoint. The engine decides
 * everything; this class only moves bytes and headers.
 */
@Path("{tenant}")
public class TenantResource {

    /** Token requests are small; anything larger is refused before parsing. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    @Inject
    StsDeployment deployment;

    @PathParam("tenant")
    String name;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uriInfo;

    @POST
    @Path("token")
    public Response token(InputStream body) {
        return tenant().map(t -> request(body).map(r -> send(t.token(r))).orElseGet(TenantResource::tooLarge))
                .orElseGet(this::unknownTenant);
    }

    /** Answers a GET with the OAuth error (GEN-60) rather than the container's 405 page. */
    @GET
    @Path("token")
    public Response tokenByGet() {
        return tenant().map(t -> send(t.token(new EndpointRequest("GET", null, "", List.of(), Optional.empty()))))
                .orElseGet(this::unknownTenant);
    }

    @POST
    @Path("revoke")
    public Response revoke(InputStream body) {
        return tenant().map(t -> request(body).map(r -> send(t.revoke(r))).orElseGet(TenantResource::tooLarge))
                .orElseGet(this::unknownTenant);
    }

    @GET
    @Path("jwks")
    public Response jwks() {
        return tenant().map(t -> json(t.jwksJson(), "application/jwk-set+json")).orElseGet(this::unknownTenant);
    }

    @GET
    @Path(".well-known/oauth-authorization-server")
    public Response metadata() {
        return tenant().map(t -> json(t.metadataJson(), "application/json")).orElseGet(this::unknownTenant);
    }

    @GET
    @Path("authorize")
    public Response authorize() {
        return tenant().map(t -> page(t.authorizationEndpoint().showQuery(uriInfo.getRequestUri().getRawQuery())))
                .orElseGet(this::unknownTenant);
    }

    @POST
    @Path("authorize")
    public Response login(InputStream body) {
        return tenant().map(t -> {
            Optional<String> form = readBody(body);
            if (form.isEmpty()) {
                return tooLarge();
            }
            return page(t.authorizationEndpoint().submitForm(form.get()));
        }).orElseGet(this::unknownTenant);
    }

    private Optional<Tenant> tenant() {
        return deployment.tenant(name);
    }

    /** The POST as the engine sees it; empty when the body is too large to read. */
    private Optional<EndpointRequest> request(InputStream body) {
        List<String> dpop = headers.getRequestHeader("DPoP");
        return readBody(body).map(text -> new EndpointRequest("POST", headers.getHeaderString(HttpHeaders.CONTENT_TYPE),
                text, dpop == null ? List.of() : dpop,
                Optional.ofNullable(headers.getHeaderString(HttpHeaders.AUTHORIZATION))));
    }

    private static Response tooLarge() {
        return send(EndpointResponse.error(413, "invalid_request", "The request body is larger than 64 KiB"));
    }

    private static Optional<String> readBody(InputStream in) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                if (out.size() > MAX_BODY_BYTES) {
                    return Optional.empty();
                }
            }
            return Optional.of(out.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the client went away mid-body: nothing sensible can be parsed from what arrived
            return Optional.of("%");
        }
    }

    private static Response send(EndpointResponse response) {
        Response.ResponseBuilder b = Response.status(response.status()).type(response.mediaType()).entity(response.body());
        response.headers().forEach(b::header);
        return b.build();
    }

    private static Response json(String body, String mediaType) {
        return Response.ok(body, mediaType).header("Cache-Control", "max-age=300").build();
    }

    private static Response page(AuthorizationEndpoint.Outcome outcome) {
        Response.ResponseBuilder b;
        if (outcome instanceof AuthorizationEndpoint.Outcome.Redirect r) {
            b = Response.status(303).header("Location", r.location());
        } else {
            AuthorizationEndpoint.Outcome.Page p = (AuthorizationEndpoint.Outcome.Page) outcome;
            b = Response.status(p.status()).type("text/html; charset=utf-8").entity(p.html());
        }
        return b.header("Cache-Control", "no-store")
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy",
                        // no form-action: browsers apply it to the redirect back to the client as well
                        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }

    private Response unknownTenant() {
        return send(deployment.failure(name).isPresent()
                ? EndpointResponse.error(503, "server_error", "This issuer did not start: its policy is invalid (see the"
                        + " server log)")
                : EndpointResponse.error(404, "invalid_request", "No issuer is configured at this path"));
    }
}
