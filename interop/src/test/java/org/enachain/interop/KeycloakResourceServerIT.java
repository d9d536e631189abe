package org.enachain.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.enachain.core.Reason;
import org.enachain.core.ValidationResult;
import org.enachain.core.http.TransportSecurity;
import org.enachain.core.jose.RemoteJwksSource;
import org.enachain.core.resource.AuthenticatedRequest;
import org.enachain.core.resource.DpopMode;
import org.enachain.core.resource.ResourceRequest;
import org.enachain.core.resource.ResourceRequestVerifier;
import org.enachain.core.token.AccessTokenValidator;
import org.enachain.core.token.TrustedIssuer;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 1: enachain's resource-server check ({@link ResourceRequestVerifier} of enachain-core, the
 * engine of enachain-jakarta's inbound filter, called directly) takes Keycloak's access tokens — from a
 * client set up the profile's way, and from a default client through the legacy switches —
 * and still refuses what it must.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeycloakResourceServerIT {

    private static final String REALM = "ena-s1";
    private static final String API = "https://api-b.interop.example";
    private static final String PROFILE_CLIENT = "https://app.interop.example";
    private static final String LEGACY_CLIENT = "legacy-app";
    private static final String USER = "alice";
    private static final URI REQUEST_URI = URI.create(API + "/orders");

    private KeycloakAdmin keycloak;
    private String issuer;
    private String userId;
    private String profileToken;
    private String legacyToken;

    @BeforeAll
    void realm(KeycloakAdmin keycloak) {
        this.keycloak = keycloak;
        this.issuer = keycloak.issuer(REALM);
        keycloak.createRealm(REALM, Map.of());
        String password = TestSecrets.password();
        userId = keycloak.createUser(REALM, USER, password);

        // The profile's way: URL client id, RFC 9068 typ at+jwt, a client_id claim, the API in aud.
        String profile = keycloak.createClient(REALM, Map.of("clientId", PROFILE_CLIENT, "publicClient", true,
                "directAccessGrantsEnabled", true, "standardFlowEnabled", false,
                "attributes", Map.of("access.token.header.type.rfc9068", "true")));
        keycloak.addMapper(REALM, profile, KeycloakAdmin.clientIdClaimMapper(PROFILE_CLIENT));
        keycloak.addMapper(REALM, profile, KeycloakAdmin.audienceMapper(API));

        // Keycloak's defaults: typ JWT, no client_id (only azp); only the audience is added.
        String legacy = keycloak.createClient(REALM, Map.of("clientId", LEGACY_CLIENT, "publicClient", true,
                "directAccessGrantsEnabled", true, "standardFlowEnabled", false));
        keycloak.addMapper(REALM, legacy, KeycloakAdmin.audienceMapper(API));

        profileToken = keycloak.userToken(REALM, PROFILE_CLIENT, USER, password);
        legacyToken = keycloak.userToken(REALM, LEGACY_CLIENT, USER, password);
    }

    private ResourceRequestVerifier verifier(TrustedIssuer trusted, String audience, Clock clock) {
        AccessTokenValidator tokens = AccessTokenValidator.builder()
                .trustedIssuer(trusted)
                .audience(audience)
                .clock(clock)
                .build();
        return ResourceRequestVerifier.builder(tokens).dpop(DpopMode.DISABLED, null).build();
    }

    private ResourceRequestVerifier verifier(TrustedIssuer trusted) {
        return verifier(trusted, API, Clock.systemUTC());
    }

    private TrustedIssuer keycloakIssuer() {
        return TrustedIssuer.of(issuer, RemoteJwksSource.builder(keycloak.jwksUri(REALM))
                .transportSecurity(TransportSecurity.allowPlainHttpOnLoopback()).build());
    }

    private static ValidationResult<AuthenticatedRequest> call(ResourceRequestVerifier verifier, String token) {
        return verifier.verify(new ResourceRequest("GET", REQUEST_URI, List.of("Bearer " + token), List.of(), null));
    }

    private static Map<String, Object> header(String jwt) throws Exception {
        return JsonUtil.parseJson(Jwts.part(jwt, 0));
    }

    @Test
    @DisplayName("RS-05, RS-06, RS-07, RS-11, RS-13: a token from a Keycloak client set up the profile's way is accepted as is")
    void profileConfiguredClient() throws Exception {
        assertThat(header(profileToken)).containsEntry("typ", "at+jwt");
        ValidationResult<AuthenticatedRequest> result = call(verifier(keycloakIssuer()), profileToken);
        assertThat(result.isAccepted()).as("%s", result).isTrue();
        assertThat(result.value().token().issuer()).isEqualTo(issuer);
        assertThat(result.value().token().subject()).isEqualTo(userId);
        assertThat(result.value().token().clientId()).isEqualTo(PROFILE_CLIENT);
        assertThat(result.value().token().audience()).contains(API);
    }

    @Test
    @DisplayName("RS-05, A-05: Keycloak's default typ JWT is refused unless the issuer's legacy-type switch is on")
    void defaultTypeNeedsLegacySwitch() throws Exception {
        assertThat(header(legacyToken)).containsEntry("typ", "JWT");
        ValidationResult<AuthenticatedRequest> result = call(verifier(keycloakIssuer()), legacyToken);
        assertThat(result.isAccepted()).isFalse();
        assertThat(result.rejection().reason()).isEqualTo(Reason.WRONG_TYPE);
        assertThat(result.rejection().status()).isEqualTo(401);
    }

    @Test
    @DisplayName("RS-13, A-06: without client_id, a Keycloak user token is refused unless client_id may come from azp")
    void missingClientIdNeedsAzpSwitch() {
        ValidationResult<AuthenticatedRequest> result = call(verifier(keycloakIssuer().acceptingLegacyJwtType()),
                legacyToken);
        assertThat(result.isAccepted()).isFalse();
        assertThat(result.rejection().reason()).isEqualTo(Reason.MISSING_CLAIM);
    }

    @Test
    @DisplayName("A-05, A-06: with both legacy switches a default-configured Keycloak client's token is accepted, its client from azp")
    void legacySwitchesAcceptDefaultClient() {
        ValidationResult<AuthenticatedRequest> result = call(
                verifier(keycloakIssuer().acceptingLegacyJwtType().takingClientIdFromAzp()), legacyToken);
        assertThat(result.isAccepted()).as("%s", result).isTrue();
        assertThat(result.value().token().subject()).isEqualTo(userId);
        assertThat(result.value().token().clientId()).isEqualTo(LEGACY_CLIENT);
    }

    @Test
    @DisplayName("RS-11: a Keycloak token for another resource is refused")
    void wrongAudience() {
        ValidationResult<AuthenticatedRequest> result = call(
                verifier(keycloakIssuer(), "https://api-c.interop.example", Clock.systemUTC()), profileToken);
        assertThat(result.isAccepted()).isFalse();
        assertThat(result.rejection().reason()).isEqualTo(Reason.WRONG_AUDIENCE);
    }

    @Test
    @DisplayName("RS-09: a Keycloak token is refused once it has expired (the resource's clock past exp)")
    void expired() {
        // Keycloak's default access token lifespan is 5 minutes; the resource's clock is an hour ahead.
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));
        ValidationResult<AuthenticatedRequest> result = call(verifier(keycloakIssuer(), API, later), profileToken);
        assertThat(result.isAccepted()).isFalse();
        assertThat(result.rejection().reason()).isEqualTo(Reason.EXPIRED);
    }

    @Test
    @DisplayName("RS-07, RS-36: a Keycloak token whose payload was altered is refused")
    void tampered() throws Exception {
        String[] parts = profileToken.split("\\.");
        Map<String, Object> claims = new java.util.LinkedHashMap<>(Jwts.claims(profileToken));
        claims.put("sub", "mallory");
        String forged = parts[0] + "." + Jwts.encode(JsonUtil.toJson(claims)) + "." + parts[2];
        ValidationResult<AuthenticatedRequest> result = call(verifier(keycloakIssuer()), forged);
        assertThat(result.isAccepted()).isFalse();
        assertThat(result.rejection().reason()).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    @DisplayName("RS-06: a Keycloak token is refused by a resource that trusts another realm of the same Keycloak")
    void otherRealmNotTrusted() {
        TrustedIssuer master = TrustedIssuer.of(keycloak.issuer("master"), RemoteJwksSource.builder(
                keycloak.jwksUri("master")).transportSecurity(TransportSecurity.allowPlainHttpOnLoopback()).build());
        ValidationResult<AuthenticatedRequest> result = call(verifier(master), profileToken);
        assertThat(result.isAccepted()).isFalse();
        assertThat(result.rejection().reason()).isEqualTo(Reason.UNTRUSTED_ISSUER);
    }
}
