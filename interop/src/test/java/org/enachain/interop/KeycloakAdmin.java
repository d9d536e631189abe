package org.enachain.interop;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.enachain.core.testing.OAuthForms;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * Keycloak's admin REST API, as much as the tests need: a token from the master realm (client
 * {@code admin-cli}), then realms, clients, protocol mappers, users. Plain {@link HttpClient} and jose4j's
 * {@link JsonUtil}. Failures name the call and the status, never a token or password.
 */
public final class KeycloakAdmin {

    private final KeycloakServer server;
    private final HttpClient http;

    /** For a started server: with HTTPS on, this client trusts its certificate (and Liberty's). */
    KeycloakAdmin(KeycloakServer server) {
        this.server = server;
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (server.tlsKeyStore() != null) {
            http.sslContext(TestTls.trusting(server.tlsKeyStore(), server.tlsPassword()));
        }
        this.http = http.build();
    }

    public URI baseUri() {
        return server.baseUri();
    }

    public String issuer(String realm) {
        return server.issuer(realm);
    }

    /** The realm's issuer as Keycloak names it to HTTPS requests (scenario 3). */
    public String httpsIssuer(String realm) {
        return server.httpsBaseUri().orElseThrow(() -> new IllegalStateException("Keycloak has no HTTPS port"))
                + "/realms/" + realm;
    }

    /** The CPU time Keycloak's processes have used so far (the benchmark's per-exchange cost). */
    public Duration cpuTime() {
        return server.cpuTime();
    }

    /** Trusts Keycloak's and the keycloak-it Liberty server's test certificates. */
    public javax.net.ssl.SSLContext testTrust() {
        return TestTls.trusting(server.tlsKeyStore(), server.tlsPassword());
    }

    public void addIdentityProvider(String realm, Map<String, Object> representation) {
        post("/admin/realms/" + realm + "/identity-provider/instances", representation, 201,
                "add identity provider " + representation.get("alias"));
    }

    /** Links a local user to the user {@code externalId} of the identity provider {@code alias}. */
    public void linkFederatedIdentity(String realm, String userId, String alias, String externalId, String externalName) {
        post("/admin/realms/" + realm + "/users/" + userId + "/federated-identity/" + alias,
                Map.of("identityProvider", alias, "userId", externalId, "userName", externalName), 204,
                "link user to " + alias);
    }

    /** Removes the link of a local user to the identity provider {@code alias}. */
    public void unlinkFederatedIdentity(String realm, String userId, String alias) {
        require(send("DELETE", "/admin/realms/" + realm + "/users/" + userId + "/federated-identity/" + alias, null,
                adminToken()), 204, "unlink user from " + alias);
    }

    public URI tokenEndpoint(String realm) {
        return URI.create(issuer(realm) + "/protocol/openid-connect/token");
    }

    public URI jwksUri(String realm) {
        return URI.create(issuer(realm) + "/protocol/openid-connect/certs");
    }

    /** A response: its status and its body as JSON (an empty map when there is none). */
    public record Reply(int status, Map<String, Object> json, String location) {
        public String string(String member) {
            Object v = json.get(member);
            return v == null ? null : v.toString();
        }
    }

    // ---- admin calls -------------------------------------------------------------------------------

    private String adminToken() {
        Reply r = form(tokenEndpoint("master"), Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", server.adminUser(), "password", server.adminPassword()), Map.of());
        require(r, 200, "admin token from the master realm");
        return r.string("access_token");
    }

    /** Creates the realm, after deleting one of the same name (a test class owns its realm). */
    public void createRealm(String realm, Map<String, Object> settings) {
        String token = adminToken();
        send("DELETE", "/admin/realms/" + realm, null, token);
        Map<String, Object> body = new LinkedHashMap<>(settings);
        body.put("realm", realm);
        body.put("enabled", true);
        require(send("POST", "/admin/realms", body, token), 201, "create realm " + realm);
    }

    public void deleteRealm(String realm) {
        send("DELETE", "/admin/realms/" + realm, null, adminToken());
    }

    /** Creates a client; returns its internal id (the admin API's handle for it). */
    public String createClient(String realm, Map<String, Object> representation) {
        Reply r = send("POST", "/admin/realms/" + realm + "/clients", representation, adminToken());
        require(r, 201, "create client in " + realm);
        return r.location().substring(r.location().lastIndexOf('/') + 1);
    }

    public void addMapper(String realm, String clientUuid, Map<String, Object> mapper) {
        require(send("POST", "/admin/realms/" + realm + "/clients/" + clientUuid + "/protocol-mappers/models",
                mapper, adminToken()), 201, "add protocol mapper " + mapper.get("name"));
    }

    /** Creates an enabled user with a complete profile and a password; returns the user's id. */
    public String createUser(String realm, String username, String password) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("username", username);
        user.put("enabled", true);
        user.put("email", username + "@example.test");
        user.put("emailVerified", true);
        user.put("firstName", username);
        user.put("lastName", "Test");
        user.put("credentials", List.of(Map.of("type", "password", "value", password, "temporary", false)));
        Reply r = send("POST", "/admin/realms/" + realm + "/users", user, adminToken());
        require(r, 201, "create user in " + realm);
        return r.location().substring(r.location().lastIndexOf('/') + 1);
    }

    public void post(String path, Object body, int expectedStatus, String what) {
        require(send("POST", path, body, adminToken()), expectedStatus, what);
    }

    // ---- mappers -----------------------------------------------------------------------------------

    /** Adds {@code audience} to the client's access tokens (a URL need not be a client). */
    public static Map<String, Object> audienceMapper(String audience) {
        return Map.of("name", "audience " + audience, "protocol", "openid-connect",
                "protocolMapper", "oidc-audience-mapper",
                "config", Map.of("included.custom.audience", audience, "access.token.claim", "true",
                        "id.token.claim", "false", "introspection.token.claim", "true"));
    }

    /** Adds a client (by its client id) to the access tokens' audience. */
    public static Map<String, Object> clientAudienceMapper(String clientId) {
        return Map.of("name", "audience client " + clientId, "protocol", "openid-connect",
                "protocolMapper", "oidc-audience-mapper",
                "config", Map.of("included.client.audience", clientId, "access.token.claim", "true",
                        "id.token.claim", "false", "introspection.token.claim", "true"));
    }

    /** A hardcoded {@code client_id} claim: RFC 9068's claim, which Keycloak leaves out of user tokens. */
    public static Map<String, Object> clientIdClaimMapper(String clientId) {
        return Map.of("name", "client_id claim", "protocol", "openid-connect",
                "protocolMapper", "oidc-hardcoded-claim-mapper",
                "config", Map.of("claim.name", "client_id", "claim.value", clientId, "jsonType.label", "String",
                        "access.token.claim", "true", "id.token.claim", "false", "userinfo.token.claim", "false",
                        "introspection.token.claim", "true"));
    }

    // ---- token endpoint ----------------------------------------------------------------------------

    /** A user's access token by the password grant (the test's stand-in for a login), for a public client. */
    public String userToken(String realm, String clientId, String username, String password) {
        Reply r = form(tokenEndpoint(realm), Map.of("grant_type", "password", "client_id", clientId,
                "username", username, "password", password, "scope", "openid"), Map.of());
        require(r, 200, "user token for client " + clientId);
        return r.string("access_token");
    }

    /** The same over HTTPS: its {@code iss} is the realm's HTTPS issuer, which the test applications trust. */
    public String httpsUserToken(String realm, String clientId, String username, String password) {
        Reply r = form(URI.create(httpsIssuer(realm) + "/protocol/openid-connect/token"), Map.of("grant_type", "password",
                "client_id", clientId, "username", username, "password", password, "scope", "openid"), Map.of());
        require(r, 200, "user token for client " + clientId);
        return r.string("access_token");
    }

    /** A form POST; the reply's JSON body. */
    public Reply form(URI uri, Map<String, String> params, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(OAuthForms.encode(params)));
        headers.forEach(b::header);
        return exchange(b.build());
    }

    private Reply send(String method, String path, Object body, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUri() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token);
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JsonUtil.toJson(asMap(body))));
        }
        return exchange(b.build());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> asMap(Object body) {
        return (Map<String, ?>) body;
    }

    private Reply exchange(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            Map<String, Object> json = Map.of();
            String text = r.body();
            if (text != null && text.strip().startsWith("{")) {
                json = JsonUtil.parseJson(text);
            }
            return new Reply(r.statusCode(), json, r.headers().firstValue("Location").orElse(null));
        } catch (IOException | JoseException e) {
            throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static void require(Reply r, int expected, String what) {
        if (r.status() != expected) {
            throw new IllegalStateException("Keycloak admin call '" + what + "' answered " + r.status()
                    + " (expected " + expected + "): error=" + r.json().get("error")
                    + " description=" + r.json().getOrDefault("error_description", r.json().get("errorMessage")));
        }
    }
}
