package org.enachain.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enachain.interop.InteropApps.App.S1_LEGACY;
import static org.enachain.interop.InteropApps.App.S1_LEGACY_TYPE;
import static org.enachain.interop.InteropApps.App.S1_PROFILE;

import java.net.http.HttpClient;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.enachain.interop.InteropApps.App;
import org.enachain.interop.InteropApps.Reply;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 1: enachain-jakarta's inbound filter, in Liberty applications trusting the Keycloak realm ena-s1,
 * takes Keycloak's access tokens — from a client set up the profile's way (application kc-s1-profile, no
 * legacy switch), and from a default client only through the legacy switches (kc-s1-legacy-type,
 * kc-s1-legacy) — and still refuses what it must, with RFC 6750 challenges.
 */
@ExtendWith({KeycloakExtension.class, InteropApps.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeycloakResourceServerIT {

    private static final String REALM = "ena-s1";
    /** A second realm of the same Keycloak, set up like the first: only its issuer differs. */
    private static final String OTHER_REALM = "ena-s1-other";
    /** The resource identifier of the kc-s1 applications. */
    private static final String API = "https://api-b.interop.example";
    private static final String PROFILE_CLIENT = "https://app.interop.example";
    private static final String SHORT_LIVED_CLIENT = "https://short-lived-app.interop.example";
    private static final String OTHER_API_CLIENT = "https://other-api-app.interop.example";
    private static final String LEGACY_CLIENT = "legacy-app";
    /** Keycloak's default header (typ JWT), but with a client_id claim: only the type is off-profile. */
    private static final String JWT_TYPED_CLIENT = "https://jwt-typed-app.interop.example";
    private static final String USER = "alice";

    private KeycloakAdmin keycloak;
    private HttpClient http;
    private String issuer;
    private String userId;
    private String password;
    private String profileToken;
    private String legacyToken;
    private String jwtTypedToken;

    @BeforeAll
    void realm(KeycloakAdmin keycloak) {
        this.keycloak = keycloak;
        this.http = InteropApps.client(keycloak.testTrust());
        this.issuer = keycloak.httpsIssuer(REALM);
        password = TestSecrets.password();
        keycloak.createRealm(REALM, Map.of());
        userId = keycloak.createUser(REALM, USER, password);

        // The profile's way: URL client id, RFC 9068 typ at+jwt, a client_id claim, the API in aud.
        profileClient(REALM, PROFILE_CLIENT, API, Map.of());
        // The same, with 1-second tokens (the expiry test).
        profileClient(REALM, SHORT_LIVED_CLIENT, API, Map.of("access.token.lifespan", "1"));
        // The same, for another API.
        profileClient(REALM, OTHER_API_CLIENT, "https://api-c.interop.example", Map.of());

        // Keycloak's defaults: typ JWT, no client_id (only azp); only the audience is added.
        String legacy = keycloak.createClient(REALM, Map.of("clientId", LEGACY_CLIENT, "publicClient", true,
                "directAccessGrantsEnabled", true, "standardFlowEnabled", false));
        keycloak.addMapper(REALM, legacy, KeycloakAdmin.audienceMapper(API));
        String jwtTyped = keycloak.createClient(REALM, Map.of("clientId", JWT_TYPED_CLIENT, "publicClient", true,
                "directAccessGrantsEnabled", true, "standardFlowEnabled", false));
        keycloak.addMapper(REALM, jwtTyped, KeycloakAdmin.clientIdClaimMapper(JWT_TYPED_CLIENT));
        keycloak.addMapper(REALM, jwtTyped, KeycloakAdmin.audienceMapper(API));

        keycloak.createRealm(OTHER_REALM, Map.of());
        keycloak.createUser(OTHER_REALM, USER, password);
        profileClient(OTHER_REALM, PROFILE_CLIENT, API, Map.of());

        profileToken = keycloak.httpsUserToken(REALM, PROFILE_CLIENT, USER, password);
        legacyToken = keycloak.httpsUserToken(REALM, LEGACY_CLIENT, USER, password);
        jwtTypedToken = keycloak.httpsUserToken(REALM, JWT_TYPED_CLIENT, USER, password);
    }

    private void profileClient(String realm, String clientId, String audience, Map<String, String> attributes) {
        Map<String, Object> all = new LinkedHashMap<>(attributes);
        all.put("access.token.header.type.rfc9068", "true");
        String id = keycloak.createClient(realm, Map.of("clientId", clientId, "publicClient", true,
                "directAccessGrantsEnabled", true, "standardFlowEnabled", false, "attributes", all));
        keycloak.addMapper(realm, id, KeycloakAdmin.clientIdClaimMapper(clientId));
        keycloak.addMapper(realm, id, KeycloakAdmin.audienceMapper(audience));
    }

    private Reply call(App app, String token) {
        return InteropApps.get(http, app.uri("/received"), token == null ? null : "Bearer " + token, null);
    }

    private static void assertInvalidToken(Reply reply) {
        assertThat(reply.status()).as("status of %s", reply.body()).isEqualTo(401);
        assertThat(reply.challenge()).startsWith("Bearer ").contains("error=\"invalid_token\"");
        assertThat(reply.body()).doesNotContain("Exception");
    }

    @Test
    @DisplayName("RS-05, RS-06, RS-07, RS-11, RS-13: the inbound filter accepts a token from a Keycloak client set up the profile's way, as is")
    void profileConfiguredClient() throws Exception {
        assertThat(JsonUtil.parseJson(Jwts.part(profileToken, 0))).containsEntry("typ", "at+jwt");
        Reply reply = call(S1_PROFILE, profileToken);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.object("token")).containsEntry("iss", issuer);
        assertThat(InteropApps.strings(reply.object("token").get("aud"))).contains(API);
        Map<String, Object> context = reply.object("context");
        assertThat(context).containsEntry("authenticated", true).containsEntry("subject", userId)
                .containsEntry("client_id", PROFILE_CLIENT);
        assertThat(reply.json()).containsEntry("principal", userId);
    }

    @Test
    @DisplayName("RS-05, A-05: Keycloak's default typ JWT is refused (401 invalid_token), and accepted with the legacy-type switch alone")
    void defaultTypeNeedsLegacySwitch() throws Exception {
        // A token that departs from the profile only in its type: it has client_id.
        assertThat(JsonUtil.parseJson(Jwts.part(jwtTypedToken, 0))).containsEntry("typ", "JWT");
        assertThat(Jwts.claims(jwtTypedToken)).containsEntry("client_id", JWT_TYPED_CLIENT);
        assertInvalidToken(call(S1_PROFILE, jwtTypedToken));

        Reply reply = call(S1_LEGACY_TYPE, jwtTypedToken);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.object("context")).containsEntry("subject", userId).containsEntry("client_id", JWT_TYPED_CLIENT);
        Reply profile = call(S1_LEGACY_TYPE, profileToken);
        assertThat(profile.status()).as("the switch does not refuse a profile token: %s", profile.body()).isEqualTo(200);
    }

    @Test
    @DisplayName("RS-13, A-06: with only the legacy-type switch, a Keycloak user token without client_id is still refused")
    void missingClientIdNeedsAzpSwitch() throws Exception {
        assertThat(JsonUtil.parseJson(Jwts.part(legacyToken, 0))).containsEntry("typ", "JWT");
        assertThat(Jwts.claims(legacyToken)).doesNotContainKey("client_id").containsEntry("azp", LEGACY_CLIENT);
        assertInvalidToken(call(S1_LEGACY_TYPE, legacyToken));
    }

    @Test
    @DisplayName("A-05, A-06: with both legacy switches a default Keycloak client's token is accepted, its client taken from azp")
    void legacySwitchesAcceptDefaultClient() {
        Reply reply = call(S1_LEGACY, legacyToken);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.object("context")).containsEntry("subject", userId).containsEntry("client_id", LEGACY_CLIENT);

        Reply profile = call(S1_LEGACY, profileToken);
        assertThat(profile.status()).as("the switches do not refuse a profile token: %s", profile.body()).isEqualTo(200);
        assertThat(profile.object("context")).containsEntry("client_id", PROFILE_CLIENT);
    }

    @Test
    @DisplayName("RS-11: a Keycloak token for another resource is refused")
    void wrongAudience() {
        String token = keycloak.httpsUserToken(REALM, OTHER_API_CLIENT, USER, password);
        assertThat(InteropApps.strings(Jwts.claims(token).get("aud"))).doesNotContain(API);
        assertInvalidToken(call(S1_PROFILE, token));
        assertInvalidToken(call(S1_LEGACY, token));
    }

    @Test
    @DisplayName("RS-09, RS-25: a Keycloak token is refused once it has expired (401 invalid_token)")
    void expired() throws Exception {
        String token = keycloak.httpsUserToken(REALM, SHORT_LIVED_CLIENT, USER, password);
        long exp = ((Number) Jwts.claims(token).get("exp")).longValue();
        // The application allows no clock skew; wait until its clock is past exp.
        while (Instant.now().getEpochSecond() <= exp) {
            Thread.sleep(200);
        }
        assertInvalidToken(call(S1_PROFILE, token));
    }

    @Test
    @DisplayName("RS-07, RS-36: a Keycloak token whose payload was altered is refused")
    void tampered() {
        String[] parts = profileToken.split("\\.");
        Map<String, Object> claims = new LinkedHashMap<>(Jwts.claims(profileToken));
        claims.put("sub", "mallory");
        String forged = parts[0] + "." + Jwts.encode(JsonUtil.toJson(claims)) + "." + parts[2];
        assertInvalidToken(call(S1_PROFILE, forged));
    }

    @Test
    @DisplayName("RS-06: a token of another realm of the same Keycloak is refused, also with the legacy switches")
    void otherRealmNotTrusted() {
        String token = keycloak.httpsUserToken(OTHER_REALM, PROFILE_CLIENT, USER, password);
        assertThat(Jwts.claims(token)).containsEntry("iss", keycloak.httpsIssuer(OTHER_REALM));
        assertInvalidToken(call(S1_PROFILE, token));
        assertInvalidToken(call(S1_LEGACY, token));
    }

    @Test
    @DisplayName("RS-23, RS-24: a request without a token gets 401 and a challenge without an error code")
    void noToken() {
        Reply reply = call(S1_PROFILE, null);
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.challenge()).startsWith("Bearer").doesNotContain("error=");
    }
}
