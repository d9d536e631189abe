package org.enachain.samples.app;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.enachain.core.client.AuthorizationServerMetadata;
import org.enachain.core.client.TokenEndpointClient;
import org.enachain.core.dpop.DpopProofFactory;
import org.enachain.core.jose.SigningKey;
import org.enachain.samples.common.Seen;

/**
 * Log in (authorization code + PKCE at domain-a, the STS's demo login form), the callback that redeems the
 * code with {@code private_key_jwt} and a DPoP proof, the session's state for the page, and log out.
 */
@Path("/")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    DemoClient client;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uri;

    /** Starts a login: a new state and PKCE verifier in the session, and off to domain-a's login form. */
    @GET
    @Path("login")
    public Response login() {
        DemoSession session = session(true);
        session.state = random();
        session.verifier = random() + random();
        session.accessToken = null;
        session.proofs = null;
        Map<String, String> p = new LinkedHashMap<>();
        p.put("response_type", "code");
        p.put("client_id", DemoClient.CLIENT_ID);
        p.put("redirect_uri", client.redirectUri());
        p.put("scope", "a-read b-read");
        p.put("resource", DemoClient.API_A);
        p.put("state", session.state);
        p.put("code_challenge", challenge(session.verifier));
        p.put("code_challenge_method", "S256");
        return Response.seeOther(URI.create(client.authorizationEndpoint() + "?" + form(p))).build();
    }

    /** The STS sends the browser back here with the code: redeem it, bound to a new DPoP key of this session. */
    @GET
    @Path("callback")
    public Response callback(@QueryParam("code") String code, @QueryParam("state") String state,
            @QueryParam("error") String error, @QueryParam("error_description") String description) {
        DemoSession session = session(false);
        if (session == null || session.state == null || !session.state.equals(state)) {
            return back("login-failed", "unknown or replayed login (state)");
        }
        String verifier = session.verifier;
        session.state = null;
        session.verifier = null;
        if (error != null || code == null) {
            return back("login-failed", error == null ? "no code" : error + (description == null ? "" : ": " + description));
        }
        AuthorizationServerMetadata metadata = client.metadata();
        DpopProofFactory proofs = new DpopProofFactory(SigningKey.generateEs256(), Clock.systemUTC());
        Map<String, String> p = new LinkedHashMap<>();
        p.put("grant_type", "authorization_code");
        p.put("code", code);
        p.put("redirect_uri", client.redirectUri());
        p.put("code_verifier", verifier);
        p.put("client_id", DemoClient.CLIENT_ID);
        p.put("client_assertion_type", TokenEndpointClient.CLIENT_ASSERTION_TYPE);
        p.put("client_assertion", client.identity().newClientAssertion(metadata));
        HttpResponse<String> answer;
        try {
            answer = client.http().send(HttpRequest.newBuilder(metadata.tokenEndpoint())
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("DPoP", proofs.forTokenRequest("POST", metadata.tokenEndpoint()))
                    .POST(HttpRequest.BodyPublishers.ofString(form(p))).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return back("login-failed", "the token endpoint did not answer: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return back("login-failed", "interrupted");
        }
        JsonObject body = parse(answer.body());
        if (answer.statusCode() != 200 || body == null || !body.containsKey("access_token")) {
            return back("login-failed", "token endpoint answered " + answer.statusCode()
                    + (body != null && body.containsKey("error") ? " " + body.getString("error") : ""));
        }
        request.changeSessionId(); // a new session id for the logged-in session (no session fixation)
        session.accessToken = body.getString("access_token");
        session.proofs = proofs;
        JsonObject claims = Seen.of(List.of("DPoP " + session.accessToken), null).getJsonObject("claims");
        session.subject = claims.getString("sub", "?");
        session.username = claims.getString("email", claims.getString("name", session.subject));
        return back(null, null);
    }

    /** Who is logged in (never the token itself). */
    @GET
    @Path("session")
    public JsonObject state() {
        DemoSession session = session(false);
        JsonObjectBuilder b = Json.createObjectBuilder();
        if (session == null || !session.loggedIn()) {
            return b.add("loggedIn", false).build();
        }
        return b.add("loggedIn", true).add("subject", session.subject).add("name", session.username)
                .add("dpop_jkt", session.proofs.thumbprint().value()).build();
    }

    @POST
    @Path("logout")
    public JsonObject logout() {
        HttpSession http = request.getSession(false);
        if (http != null) {
            http.invalidate();
        }
        return Json.createObjectBuilder().add("loggedIn", false).build();
    }

    private DemoSession session(boolean create) {
        return DemoSession.of(request, create);
    }

    private Response back(String error, String message) {
        // Absolute: JAX-RS resolves a relative Location against the application's base URI (/demo/api/).
        URI page = uri.getBaseUri().resolve("../");
        if (error != null) {
            page = URI.create(page + "?" + form(Map.of(error, message)));
        }
        return Response.seeOther(page).build();
    }

    static JsonObject parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String form(Map<String, String> parameters) {
        StringBuilder b = new StringBuilder();
        parameters.forEach((k, v) -> b.append(b.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return b.toString();
    }
}
