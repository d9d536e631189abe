package org.enachain.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enachain.interop.InteropApps.App.S3_API_A;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;

import org.enachain.core.client.AuthorizationServerMetadata;
import org.enachain.core.client.ClientIdentity;
import org.enachain.core.client.TokenEndpointClient;
import org.enachain.core.jose.SigningKey;
import org.enachain.core.testing.OAuthForms;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 3: cross-domain with Keycloak as the target. alice logs in at enachain-sts (tenant domain-a, on
 * the keycloak-it Liberty server) and calls API A (Liberty application kc-s3-api-a), whose
 * {@code @ChainedToken(targetIssuer = …)} rest client gets a JWT authorization grant for the Keycloak realm
 * ena-s3 from domain-a and redeems it there: the realm's {@code jwt-authorization-grant} identity provider,
 * trusting domain-a's JWKS over HTTPS, issues a DPoP-bound token to API A's client at the realm, and the
 * domain-B API (kc-s3-domain-b, enachain-jakarta's filter trusting the realm, DPoP required) accepts it.
 */
@ExtendWith({KeycloakExtension.class, InteropApps.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeycloakCrossDomainIT {

    private static final String REALM = "ena-s3";
    private static final String IDP = "domain-a";
    private static final String APP = "https://app.enachain.test";
    private static final String REDIRECT = "https://app.enachain.test/callback";
    private static final String API_A = "https://api-a.enachain.test";
    private static final String API_A_AT_KEYCLOAK = "https://api-a.partners.keycloak.interop.example";
    private static final String DOMAIN_B_API = "https://api.domain-b.interop.example";
    private static final String ALICE_SUB = "u-7c1e-alice"; // domain-a's subject for alice (its policy)

    private KeycloakAdmin keycloak;
    private String issuerA;
    private String keycloakIssuer;
    private String keycloakUserId;
    private SSLContext trust;
    private java.net.http.HttpClient apps;
    /** API A's keys at the realm, as its application reads them (interop/src/test/it-keys). */
    private final SigningKey keyAtKeycloak = InteropApps.interopKey("api-a-keycloak");
    private final SigningKey dpopKey = InteropApps.interopKey("api-a-keycloak-dpop");

    @BeforeAll
    void setUp(KeycloakAdmin keycloak) {
        this.keycloak = keycloak;
        this.issuerA = System.getProperty("interop.sts.base-url") + "/domain-a";
        this.keycloakIssuer = keycloak.httpsIssuer(REALM);
        this.trust = keycloak.testTrust();
        this.apps = InteropApps.client(trust);

        keycloak.createRealm(REALM, Map.of());
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("issuer", issuerA);
        config.put("useJwksUrl", "true");
        config.put("jwksUrl", issuerA + "/jwks");
        config.put("validateSignature", "true");
        config.put("jwtAuthorizationGrantEnabled", "true");
        keycloak.addIdentityProvider(REALM, Map.of("alias", IDP, "providerId", "jwt-authorization-grant",
                "enabled", true, "config", config));

        Map<String, Object> jwk = new LinkedHashMap<>(keyAtKeycloak.publicJwk());
        jwk.put("use", "sig");
        jwk.put("alg", "ES256");
        String client = keycloak.createClient(REALM, Map.of("clientId", API_A_AT_KEYCLOAK, "publicClient", false,
                "standardFlowEnabled", false, "directAccessGrantsEnabled", false,
                "clientAuthenticatorType", "client-jwt",
                "attributes", Map.of("use.jwks.string", "true",
                        "jwks.string", JsonUtil.toJson(Map.of("keys", List.of(jwk))),
                        "token.endpoint.auth.signing.alg", "ES256",
                        "oauth2.jwt.authorization.grant.enabled", "true",
                        "oauth2.jwt.authorization.grant.idp", IDP,
                        "access.token.header.type.rfc9068", "true")));
        keycloak.addMapper(REALM, client, KeycloakAdmin.clientIdClaimMapper(API_A_AT_KEYCLOAK));
        keycloak.addMapper(REALM, client, KeycloakAdmin.audienceMapper(DOMAIN_B_API));

        // No just-in-time users: alice exists in the realm, linked to domain-a's subject.
        keycloakUserId = keycloak.createUser(REALM, "alice", TestSecrets.password());
        keycloak.linkFederatedIdentity(REALM, keycloakUserId, IDP, ALICE_SUB, "alice");
    }

    static SigningKey itKey(String file, String kid) {
        try {
            return SigningKey.fromJwks(Files.readString(Path.of(System.getProperty("interop.it-keys"), file)), kid);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** alice logs in at domain-a (authorization code + PKCE through the STS's development login form). */
    String aliceAtDomainA() throws Exception {
        return aliceAtDomainA(issuerA, trust, "a-read");
    }

    /** alice's access token for API A from enachain-sts's tenant {@code issuerA}, with {@code scope}. */
    static String aliceAtDomainA(String issuerA, SSLContext trust, String scope) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(trust).connectTimeout(Duration.ofSeconds(10)).build();
        String verifier = TestSecrets.password() + TestSecrets.password();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("response_type", "code");
        p.put("client_id", APP);
        p.put("redirect_uri", REDIRECT);
        p.put("scope", scope);
        p.put("resource", API_A);
        p.put("state", "interop");
        p.put("code_challenge", OAuthForms.s256Challenge(verifier));
        p.put("code_challenge_method", "S256");
        p.put("username", "alice");
        p.put("password", "alice-DEMO-ONLY");
        HttpResponse<String> login = http.send(post(URI.create(issuerA + "/authorize"), p), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as("login form answer").isEqualTo(303);
        String code = OAuthForms.query(URI.create(login.headers().firstValue("Location").orElseThrow())).get("code");

        AuthorizationServerMetadata a = AuthorizationServerMetadata.of(issuerA, URI.create(issuerA + "/token"));
        ClientIdentity app = ClientIdentity.builder(APP, itKey("app.jwks", "app-it")).build();
        Map<String, String> t = new LinkedHashMap<>();
        t.put("grant_type", "authorization_code");
        t.put("code", code);
        t.put("redirect_uri", REDIRECT);
        t.put("code_verifier", verifier);
        t.put("client_id", APP);
        t.put("client_assertion_type", TokenEndpointClient.CLIENT_ASSERTION_TYPE);
        t.put("client_assertion", app.newClientAssertion(a));
        HttpResponse<String> token = http.send(post(a.tokenEndpoint(), t), HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as("token response").isEqualTo(200);
        return (String) JsonUtil.parseJson(token.body()).get("access_token");
    }

    private static HttpRequest post(URI uri, Map<String, String> form) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(OAuthForms.encode(form))).build();
    }

    /** alice calls API A with her domain-a token; API A calls the domain-B API across domains. */
    private InteropApps.Reply chain() throws Exception {
        return InteropApps.get(apps, S3_API_A.uri("/chain/domain-b"), "Bearer " + aliceAtDomainA(), null);
    }

    @Test
    @DisplayName("CL-30, CL-38: @ChainedToken gets enachain-sts's JWT grant and redeems it at a Keycloak realm; a domain-B enachain API accepts the result")
    void crossDomainToKeycloak() throws Exception {
        InteropApps.Reply reply = chain();
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.object("context")).containsEntry("subject", ALICE_SUB).containsEntry("client_id", APP);

        Map<String, Object> atB = reply.object("next", "token");
        String jkt = dpopKey.thumbprint().toString();
        // Keycloak's own user, found through the federated identity link to domain-a's subject; the redeeming
        // client as client_id; the domain-B API in aud; bound to API A's DPoP key.
        assertThat(atB).containsEntry("iss", keycloakIssuer).containsEntry("sub", keycloakUserId)
                .containsEntry("client_id", API_A_AT_KEYCLOAK)
                // The actor chain of domain-a's grant does not cross into Keycloak's token.
                .doesNotContainKey("act");
        assertThat(InteropApps.strings(atB.get("aud"))).contains(DOMAIN_B_API);
        assertThat(reply.object("next", "token", "cnf")).containsEntry("jkt", jkt);
        assertThat(reply.object("next")).containsEntry("proof_jkt", jkt).containsEntry("scheme", "DPoP");
        assertThat(reply.object("next", "context")).containsEntry("subject", keycloakUserId)
                .containsEntry("client_id", API_A_AT_KEYCLOAK);
    }

    @Test
    @DisplayName("TAS difference: Keycloak refuses the grant of a user it has no link for; API A answers 403 problem+json naming the realm")
    void unlinkedUserRefused() throws Exception {
        keycloak.unlinkFederatedIdentity(REALM, keycloakUserId, IDP);
        try {
            InteropApps.Reply reply = chain();
            assertThat(reply.status()).as(reply.body()).isEqualTo(403);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            // Keycloak: "User not found" for a subject without a link to the identity provider.
            assertThat(reply.json()).containsEntry("authorization_server", keycloakIssuer)
                    .containsEntry("error", "invalid_grant");
        } finally {
            keycloak.linkFederatedIdentity(REALM, keycloakUserId, IDP, ALICE_SUB, "alice");
        }
    }
}
