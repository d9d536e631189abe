package org.enachain.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.enachain.core.client.ClientTestSupport.CLIENT_ID;
import static org.enachain.core.client.ClientTestSupport.ISSUED_GRANT;
import static org.enachain.core.client.ClientTestSupport.RESOURCE;
import static org.enachain.core.client.ClientTestSupport.SUBJECT_TOKEN;
import static org.enachain.core.client.ClientTestSupport.TARGET_CLIENT_ID;
import static org.enachain.core.client.ClientTestSupport.bearer;
import static org.enachain.core.client.ClientTestSupport.claims;
import static org.enachain.core.client.ClientTestSupport.header;
import static org.enachain.core.client.ClientTestSupport.script;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.enachain.core.ValidationResult;
import org.enachain.core.http.HttpTransport;
import org.enachain.core.http.TransportSecurity;
import org.enachain.core.jose.SigningKey;
import org.enachain.core.jose.VerificationKeys;
import org.enachain.core.testing.MutableClock;
import org.enachain.core.testing.ScriptedAuthorizationServer;
import org.enachain.core.testing.TestHttpsServer;
import org.enachain.core.testing.TestKeys;
import org.enachain.core.token.ClientAssertion;
import org.enachain.core.token.ClientAssertionValidator;
import org.enachain.core.token.RegisteredClient;
import org.enachain.core.token.RegisteredClients;
import org.jose4j.json.JsonUtil;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What every token request looks like on the wire and how the client authenticates (Profile 3.3.2.1,
 * 8.3.1; CL-01 to CL-11, GEN-01), observed through a scripted authorization server.
 */
class TokenEndpointClientAuthenticationTest {

    private static ScriptedAuthorizationServer as;
    /** A second AS, where the client is registered under its target-domain identifier. */
    private static ScriptedAuthorizationServer tas;

    private final TokenExchangeRequest exchange = TokenExchangeRequest.intraDomain(SUBJECT_TOKEN).audience(RESOURCE).build();

    @BeforeAll
    static void startServers() {
        as = new ScriptedAuthorizationServer();
        tas = new ScriptedAuthorizationServer();
    }

    @AfterAll
    static void stopServers() {
        as.close();
        tas.close();
    }

    @BeforeEach
    void reset() {
        as.server().received().clear();
        tas.server().received().clear();
        script(as, bearer(), bearer());
        script(tas, bearer(), bearer());
    }

    private static ClientIdentity identity() {
        return ClientIdentity.builder(CLIENT_ID, TestKeys.CLIENT_ES256).build();
    }

    private static AuthorizationServerMetadata metadataListing(List<String> assertionAlgorithms) {
        return new AuthorizationServerMetadata(as.issuer(), as.tokenEndpoint(), assertionAlgorithms, List.of());
    }

    /** Sends {@link #exchange} to {@link #as} and returns the one request the server received. */
    private TestHttpsServer.Received sendOnce(AuthorizationServerMetadata metadata, ClientIdentity client) {
        as.client().send(metadata, client, exchange, false);
        assertThat(as.tokenRequests()).hasSize(1);
        return as.tokenRequests().get(0);
    }

    private String assertionSent(ClientIdentity client) {
        return sendOnce(as.metadata(), client).formValue("client_assertion");
    }

    private static boolean verifies(String compact, SigningKey key) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(compact);
        jws.setKey(key.publicKey());
        return jws.verifySignature();
    }

    // ---------------------------------------------------------------- CL-01, GEN-01

    @Test
    @DisplayName("CL-01: a token exchange is a POST of an application/x-www-form-urlencoded body with grant_type and client_id")
    void sendWhenTokenExchangeThenFormPostWithGrantTypeAndClientId() {
        TestHttpsServer.Received request = sendOnce(as.metadata(), identity());

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/token");
        assertThat(request.headerValues("Content-Type")).containsExactly("application/x-www-form-urlencoded");
        assertThat(request.form().get("grant_type")).containsExactly(TokenExchangeRequest.GRANT_TYPE);
        assertThat(request.form().get("client_id")).containsExactly(CLIENT_ID);
    }

    @Test
    @DisplayName("CL-01: a jwt-bearer request is a POST of an application/x-www-form-urlencoded body with grant_type and client_id")
    void sendWhenJwtBearerThenFormPostWithGrantTypeAndClientId() {
        as.client().send(as.metadata(), identity(), JwtBearerRequest.of(ISSUED_GRANT), false);

        TestHttpsServer.Received request = as.tokenRequests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.headerValues("Content-Type")).containsExactly("application/x-www-form-urlencoded");
        assertThat(request.form().get("grant_type")).containsExactly(JwtBearerRequest.GRANT_TYPE);
        assertThat(request.form().get("client_id")).containsExactly(CLIENT_ID);
    }

    @Test
    @DisplayName("GEN-01: a token endpoint configured with http:// is refused as LOCAL_REQUEST before anything is sent")
    void sendWhenTokenEndpointIsPlainHttpThenLocalRequestAndNothingSent() {
        List<HttpTransport.Request> sent = new ArrayList<>();
        TokenEndpointClient client = TokenEndpointClient.create(request -> {
            sent.add(request);
            throw new AssertionError("nothing may be sent");
        }, TransportSecurity.requireTls());
        AuthorizationServerMetadata plain = AuthorizationServerMetadata.of("https://as.example.com",
                URI.create("http://as.example.com/token"));

        assertThatThrownBy(() -> client.send(plain, identity(), exchange, false))
                .isInstanceOfSatisfying(TokenEndpointException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.LOCAL_REQUEST);
                    assertThat(e.getMessage()).contains("http://as.example.com/token").contains("GEN-01");
                });
        assertThat(sent).isEmpty();
    }

    // ---------------------------------------------------------------- CL-02, CL-03

    @Test
    @DisplayName("CL-02: exchange and jwt-bearer requests carry a client_assertion, never an Authorization header or client_secret")
    void sendWhenAnyGrantThenClientAssertionAndNoSecretOrAuthorizationHeader() {
        ClientIdentity client = identity();
        as.client().send(as.metadata(), client, exchange, false);
        as.client().send(as.metadata(), client, JwtBearerRequest.of(ISSUED_GRANT), false);

        assertThat(as.tokenRequests()).hasSize(2).allSatisfy(request -> {
            assertThat(request.form().get("client_assertion")).singleElement().asString().isNotEmpty();
            assertThat(request.form()).doesNotContainKey("client_secret");
            assertThat(request.headerValues("Authorization")).isEmpty();
        });
    }

    @Test
    @DisplayName("CL-03: client_assertion_type is the jwt-bearer assertion type URN")
    void sendWhenAnyRequestThenClientAssertionTypeIsJwtBearer() {
        TestHttpsServer.Received request = sendOnce(as.metadata(), identity());

        assertThat(request.form().get("client_assertion_type"))
                .containsExactly("urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    }

    @Test
    @DisplayName("CL-03: client_assertion is one compact JWS signed with the client's key")
    void sendWhenAnyRequestThenClientAssertionIsOneSignedJwt() throws Exception {
        TestHttpsServer.Received request = sendOnce(as.metadata(), identity());

        List<String> assertions = request.form().get("client_assertion");
        assertThat(assertions).hasSize(1);
        assertThat(assertions.get(0).split("\\.", -1)).hasSize(3);
        assertThat(verifies(assertions.get(0), TestKeys.CLIENT_ES256)).isTrue();
    }

    @Test
    @DisplayName("CL-03: the client_assertion on the wire is accepted by an AS-side ClientAssertionValidator for the client's registered keys")
    void sendWhenAnyRequestThenAssertionPassesAuthorizationServerValidation() {
        MutableClock clock = MutableClock.atFixedStart();
        ClientIdentity client = ClientIdentity.builder(CLIENT_ID, TestKeys.CLIENT_ES256).clock(clock).build();
        TestHttpsServer.Received request = sendOnce(as.metadata(), client);
        ClientAssertionValidator validator = ClientAssertionValidator.builder(as.issuer())
                .clients(RegisteredClients.of(RegisteredClient.of(CLIENT_ID, VerificationKeys.of(TestKeys.CLIENT_ES256))))
                .clock(clock)
                .withoutReplayCheck()
                .build();

        ValidationResult<ClientAssertion> result = validator.validate(request.formValue("client_assertion"),
                request.formValue("client_id"));

        assertThat(result.isAccepted()).as("%s", result).isTrue();
        assertThat(result.value().clientId()).isEqualTo(CLIENT_ID);
    }

    // ---------------------------------------------------------------- CL-04

    @Test
    @DisplayName("CL-04: an AS listing only ES256 gets an ES256-signed assertion")
    void sendWhenAsListsOnlyEs256ThenAssertionAlgIsEs256() throws Exception {
        String assertion = sendOnce(metadataListing(List.of("ES256")), identity()).formValue("client_assertion");

        assertThat(header(assertion).get("alg")).isEqualTo("ES256");
        assertThat(verifies(assertion, TestKeys.CLIENT_ES256)).isTrue();
    }

    @Test
    @DisplayName("CL-04: an AS listing only RS256 gets an RS256-signed assertion from a client with an RSA key")
    void sendWhenAsListsOnlyRs256AndKeyIsRs256ThenAssertionAlgIsRs256() throws Exception {
        ClientIdentity client = ClientIdentity.builder(CLIENT_ID, TestKeys.CLIENT_RS256).build();

        String assertion = sendOnce(metadataListing(List.of("RS256")), client).formValue("client_assertion");

        assertThat(header(assertion).get("alg")).isEqualTo("RS256");
        assertThat(verifies(assertion, TestKeys.CLIENT_RS256)).isTrue();
    }

    @Test
    @DisplayName("CL-04: an AS listing only RS256 and a client key that signs ES256 fail as LOCAL_REQUEST; the AS receives nothing")
    void sendWhenNoCommonAssertionAlgorithmThenLocalRequestAndNothingSent() {
        assertThatThrownBy(() -> as.client().send(metadataListing(List.of("RS256")), identity(), exchange, false))
                .isInstanceOfSatisfying(TokenEndpointException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.LOCAL_REQUEST);
                    assertThat(e.authorizationServer()).isEqualTo(as.issuer());
                    assertThat(e.getMessage()).contains("ES256").contains("[RS256]")
                            .contains("token_endpoint_auth_signing_alg_values_supported");
                });
        assertThat(as.server().received()).isEmpty();
    }

    // ---------------------------------------------------------------- CL-05 to CL-07

    @Test
    @DisplayName("CL-05: the assertion header carries the signing key's kid")
    void sendWhenAnyRequestThenAssertionHeaderHasKid() {
        assertThat(header(assertionSent(identity())).get("kid")).isEqualTo("client-es256");
    }

    @Test
    @DisplayName("CL-06: with an RSA assertion key and an EC DPoP key, the assertion's kid names the RSA key and it verifies with it")
    void sendWhenTwoKeysConfiguredThenKidNamesTheAssertionKey() throws Exception {
        ClientIdentity client = ClientIdentity.builder(CLIENT_ID, TestKeys.CLIENT_RS256)
                .dpopKey(TestKeys.CLIENT_ES256)
                .build();

        String assertion = assertionSent(client);

        assertThat(header(assertion).get("kid")).isEqualTo("client-rs256");
        assertThat(verifies(assertion, TestKeys.CLIENT_RS256)).isTrue();
    }

    @Test
    @DisplayName("CL-06: the assertion's kid names a key in the JWK Set of the client's own registration metadata")
    void registrationMetadataWhenAssertionSentThenKidIsInRegisteredJwks() {
        ClientIdentity client = identity();
        Map<?, ?> jwks = (Map<?, ?>) client.registrationMetadata().get("jwks");
        VerificationKeys registered = VerificationKeys.fromJwks(JsonUtil.toJson(Map.of("keys", jwks.get("keys"))));

        String kid = (String) header(assertionSent(client)).get("kid");

        assertThat(registered.hasKeyId(kid)).isTrue();
    }

    @Test
    @DisplayName("CL-07: the assertion header typ is client-authentication+jwt by default")
    void sendWhenDefaultIdentityThenTypIsClientAuthenticationJwt() {
        assertThat(header(assertionSent(identity())).get("typ")).isEqualTo("client-authentication+jwt");
    }

    @Test
    @DisplayName("CL-07: the A-08 legacy switch types the assertion JWT")
    void sendWhenLegacyAssertionTypeThenTypIsJwt() {
        ClientIdentity client = ClientIdentity.builder(CLIENT_ID, TestKeys.CLIENT_ES256).legacyAssertionType().build();

        assertThat(header(assertionSent(client)).get("typ")).isEqualTo("JWT");
    }

    // ---------------------------------------------------------------- CL-08, CL-09

    @Test
    @DisplayName("CL-08, CL-44: a client with one identifier at the STS and another at the TAS uses each AS's own in client_id, iss and sub")
    void sendWhenDifferentIdentifiersPerAsThenEachRequestUsesItsOwn() {
        ClientIdentity atSts = identity();
        ClientIdentity atTas = ClientIdentity.builder(TARGET_CLIENT_ID, TestKeys.CLIENT_ES256).build();

        as.client().send(as.metadata(), atSts, exchange, false);
        tas.client().send(tas.metadata(), atTas, JwtBearerRequest.of(ISSUED_GRANT), false);

        TestHttpsServer.Received stsRequest = as.tokenRequests().get(0);
        Map<String, Object> stsAssertion = claims(stsRequest.formValue("client_assertion"));
        assertThat(stsRequest.form().get("client_id")).containsExactly(CLIENT_ID);
        assertThat(stsAssertion).containsEntry("iss", CLIENT_ID).containsEntry("sub", CLIENT_ID);

        TestHttpsServer.Received tasRequest = tas.tokenRequests().get(0);
        Map<String, Object> tasAssertion = claims(tasRequest.formValue("client_assertion"));
        assertThat(tasRequest.form().get("client_id")).containsExactly(TARGET_CLIENT_ID);
        assertThat(tasAssertion).containsEntry("iss", TARGET_CLIENT_ID).containsEntry("sub", TARGET_CLIENT_ID);
    }

    @Test
    @DisplayName("CL-09: the assertion aud is the discovered metadata issuer, as a single JSON string, not an array")
    void sendWhenDiscoveredMetadataThenAudIsIssuerAsSingleString() {
        AuthorizationServerMetadata discovered = AuthorizationServerDiscovery.builder().transport(as.transport()).build()
                .discover(as.issuer());
        as.server().received().clear();

        Object aud = claims(sendOnce(discovered, identity()).formValue("client_assertion")).get("aud");

        assertThat(aud).isInstanceOf(String.class).isEqualTo(discovered.issuer()).isEqualTo(as.issuer());
    }

    @Test
    @DisplayName("CL-09: the A-07 option sends the token endpoint URL as the single aud string")
    void sendWhenTokenEndpointAudienceOptionThenAudIsTokenEndpoint() {
        ClientIdentity client = ClientIdentity.builder(CLIENT_ID, TestKeys.CLIENT_ES256)
                .assertionAudience(ClientIdentity.AssertionAudience.TOKEN_ENDPOINT)
                .build();

        Object aud = claims(assertionSent(client)).get("aud");

        assertThat(aud).isInstanceOf(String.class).isEqualTo(as.tokenEndpoint().toString());
    }

    // ---------------------------------------------------------------- CL-10, CL-11

    @Test
    @DisplayName("CL-10: two requests carry assertions with different jti values")
    void sendWhenTwoRequestsThenDifferentJti() {
        ClientIdentity client = identity();
        as.client().send(as.metadata(), client, exchange, false);
        as.client().send(as.metadata(), client, exchange, false);

        List<Object> jtis = as.tokenRequests().stream()
                .map(r -> claims(r.formValue("client_assertion")).get("jti"))
                .toList();
        assertThat(jtis).hasSize(2).doesNotContainNull().doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("CL-11: by default the assertion is issued now and expires 60 s later")
    void sendWhenDefaultLifetimeThenExpIsSixtySecondsAfterNow() {
        MutableClock clock = MutableClock.atFixedStart();
        ClientIdentity client = ClientIdentity.builder(CLIENT_ID, TestKeys.CLIENT_ES256).clock(clock).build();

        Map<String, Object> claims = claims(assertionSent(client));

        long now = clock.instant().getEpochSecond();
        assertThat(((Number) claims.get("iat")).longValue()).isEqualTo(now);
        assertThat(((Number) claims.get("exp")).longValue()).isEqualTo(now + 60);
    }

    @Test
    @DisplayName("CL-11: a configured 30 s lifetime gives exp 30 s after iat")
    void sendWhenThirtySecondLifetimeThenExpIsThirtySecondsAfterIat() {
        MutableClock clock = MutableClock.atFixedStart();
        ClientIdentity client = ClientIdentity.builder(CLIENT_ID, TestKeys.CLIENT_ES256)
                .clock(clock)
                .assertionLifetime(Duration.ofSeconds(30))
                .build();

        Map<String, Object> claims = claims(assertionSent(client));

        assertThat(((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue()).isEqualTo(30);
    }

    @Test
    @DisplayName("CL-11: an assertion lifetime over 5 minutes is refused by the builder, naming the limit")
    void assertionLifetimeWhenOverFiveMinutesThenRefused() {
        ClientIdentity.Builder builder = ClientIdentity.builder(CLIENT_ID, TestKeys.CLIENT_ES256);

        assertThatThrownBy(() -> builder.assertionLifetime(Duration.ofMinutes(5).plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 300 s");
    }
}
