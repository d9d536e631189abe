package org.enachain.jakarta.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.enachain.core.ValidationResult;
import org.enachain.core.jose.SigningKey;
import org.enachain.core.resource.AuthenticatedRequest;
import org.enachain.core.resource.DpopMode;
import org.enachain.core.resource.ResourceRequest;
import org.enachain.core.testing.JwtFixture;
import org.enachain.core.testing.LogCapture;
import org.enachain.core.testing.TestHttpsServer;
import org.enachain.core.testing.TestKeys;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The core objects built from the settings: keys from every file format, the trust store, discovery. */
class EnachainComponentsTest {

    static final String API_A = "https://api-a.example.com";

    @TempDir
    static Path dir;
    static TestHttpsServer as;
    static Path trustStore;

    @BeforeAll
    static void startAuthorizationServer() throws Exception {
        as = TestHttpsServer.start();
        String issuer = as.uri("").toString();
        as.handle(r -> switch (r.path()) {
            case "/.well-known/oauth-authorization-server" -> TestHttpsServer.Reply.json(200, JsonUtil.toJson(Map.of(
                    "issuer", issuer, "token_endpoint", issuer + "/token", "jwks_uri", issuer + "/jwks")));
            case "/jwks" -> TestHttpsServer.Reply.json(200, JsonUtil.toJson(Map.of("keys",
                    List.of(TestKeys.AS_ES256.publicJwk()))));
            default -> TestHttpsServer.Reply.json(404, "{}");
        });
        trustStore = KeyFileFixture.trustStoreFor(as, dir, "trust.p12", "trust-pw");
    }

    @AfterAll
    static void stop() {
        as.close();
    }

    private static Map<String, String> inbound(String issuer) {
        Map<String, String> c = new HashMap<>();
        c.put(ConfigKeys.RESOURCE_IDENTIFIER, API_A);
        c.put(ConfigKeys.RESOURCE_BASE_URL, API_A);
        c.put(ConfigKeys.RESOURCE_ISSUERS, issuer);
        c.put(ConfigKeys.HTTP_TRUST_STORE, trustStore.toString());
        c.put(ConfigKeys.HTTP_TRUST_STORE_PASSWORD, "trust-pw");
        return c;
    }

    private static EnachainComponents build(Map<String, String> config) {
        return EnachainComponents.build(EnachainSettings.read(ConfigReader.of(config)), Clock.systemUTC());
    }

    private static ValidationResult<AuthenticatedRequest> bearer(EnachainComponents c, String issuer) {
        String token = JwtFixture.accessToken(TestKeys.AS_ES256, Instant.now()).claim("iss", issuer).claim("aud", API_A)
                .compact();
        return c.inbound().orElseThrow().verifier().verify(new ResourceRequest("GET",
                java.net.URI.create(API_A + "/x"), List.of("Bearer " + token), List.of(), null));
    }

    @Test
    @DisplayName("RS-07: without a configured JWK Set URL, the issuer's jwks_uri is discovered (RFC 8414) over the configured trust store")
    void buildWhenNoJwksUriThenKeysFromDiscoveredJwksUri() {
        String issuer = as.uri("").toString();
        EnachainComponents c = build(inbound(issuer));
        assertThat(bearer(c, issuer).isAccepted()).as("%s", bearer(c, issuer)).isTrue();
        assertThat(c.outbound()).isEmpty();
        assertThat(c.inbound().orElseThrow().verifier().mode()).isEqualTo(DpopMode.OPTIONAL);
        assertThat(c.inbound().orElseThrow().proofAlgorithms()).contains("ES256", "RS256", "PS256");
    }

    @Test
    void buildWhenJwksUriConfiguredThenKeysFromIt() {
        String issuer = "https://as.example.com";
        Map<String, String> config = inbound(issuer);
        config.put("enachain.resource.jwks-uri.0", as.uri("/jwks").toString());
        config.put(ConfigKeys.RESOURCE_DPOP, "disabled");
        EnachainComponents c = build(config);
        assertThat(bearer(c, issuer).isAccepted()).isTrue();
        assertThat(c.inbound().orElseThrow().proofAlgorithms()).isEmpty();
    }

    @Test
    @DisplayName("RS-06, RS-07: metadata naming another issuer gives no keys: the token is refused (503, keys unavailable)")
    void buildWhenDiscoveredIssuerDiffersThenTokensRefused() {
        String issuer = as.uri("").toString() + "/other";
        try (LogCapture log = new LogCapture()) {
            EnachainComponents c = build(inbound(issuer));
            ValidationResult<AuthenticatedRequest> result = bearer(c, issuer);
            assertThat(result.isAccepted()).isFalse();
            assertThat(result.rejection().status()).isEqualTo(503);
            assertThat(log.all()).contains("ENAJ0202W");
        }
    }

    @Test
    void buildWhenTrustStoreMissingThenJvmTrustAndDiscoveryFails() {
        String issuer = as.uri("").toString();
        Map<String, String> config = inbound(issuer);
        config.remove(ConfigKeys.HTTP_TRUST_STORE);
        config.remove(ConfigKeys.HTTP_TRUST_STORE_PASSWORD);
        assertThat(bearer(build(config), issuer).rejection().status()).isEqualTo(503);
    }

    @Test
    void buildWhenTrustStorePasswordWrongThenErrorNamingTheKey() {
        Map<String, String> config = inbound("https://as.example.com");
        config.put(ConfigKeys.HTTP_TRUST_STORE_PASSWORD, "wrong");
        assertThatThrownBy(() -> build(config)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("enachain.http.trust-store: cannot read the PKCS #12 trust store")
                .hasMessageNotContaining("wrong");
    }

    private static Map<String, String> outbound(Path key) {
        Map<String, String> c = new HashMap<>();
        c.put(ConfigKeys.CLIENT_ID, API_A);
        c.put(ConfigKeys.CLIENT_ISSUER, "https://as.example.com");
        c.put(ConfigKeys.CLIENT_KEY, key.toString());
        return c;
    }

    @Test
    void buildWhenClientKeyIsPemJwkOrJwksThenOutboundBuilt() throws Exception {
        for (Path key : List.of(KeyFileFixture.pem(dir, "a.pem", TestKeys.CLIENT_ES256),
                KeyFileFixture.jwk(dir, "a.jwk", TestKeys.CLIENT_RS256),
                KeyFileFixture.jwks(dir, "a.jwks", TestKeys.CLIENT_ES256))) {
            EnachainComponents c = build(outbound(key));
            assertThat(c.outbound().orElseThrow().homeIssuer()).isEqualTo("https://as.example.com");
            assertThat(c.outbound().orElseThrow().issuers()).containsExactly("https://as.example.com");
        }
    }

    @Test
    void buildWhenJwksHoldsSeveralKeysThenKeyIdPicksOne() throws Exception {
        Path jwks = KeyFileFixture.jwks(dir, "two.jwks", TestKeys.CLIENT_ES256, TestKeys.CLIENT_RS256);
        Map<String, String> config = outbound(jwks);
        assertThatThrownBy(() -> build(config)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("enachain.client.key: the key in " + jwks + " cannot be used: The JWK Set holds 2 keys");
        config.put(ConfigKeys.CLIENT_KEY_ID, "client-rs256");
        assertThat(build(config).outbound()).isPresent();
    }

    @Test
    void buildWhenClientKeyIsPkcs12ThenPasswordAndAliasUsed() {
        Path p12 = dir.resolve("client.p12");
        TestHttpsServer.keytool("-genkeypair", "-alias", "client", "-keyalg", "EC", "-groupname", "secp256r1",
                "-validity", "2", "-dname", "CN=client", "-keystore", p12.toString(), "-storetype", "PKCS12",
                "-storepass", "p12-pw", "-keypass", "p12-pw");
        Map<String, String> config = outbound(p12);
        config.put(ConfigKeys.CLIENT_KEY_PASSWORD, "p12-pw");
        config.put(ConfigKeys.CLIENT_KEY_ID, "client");
        assertThat(build(config).outbound()).isPresent();
        config.put(ConfigKeys.CLIENT_KEY_PASSWORD, "nope-pw");
        assertThatThrownBy(() -> build(config)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("enachain.client.key: the key in " + p12 + " cannot be used")
                .hasMessageNotContaining("nope-pw");
    }

    @Test
    void buildWhenKeyFileIsNotAKeyThenErrorNamingTheKey() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.txt"), "hello");
        Map<String, String> config = outbound(KeyFileFixture.pem(dir, "ok.pem", TestKeys.CLIENT_ES256));
        config.put(ConfigKeys.CLIENT_DPOP_KEY, junk.toString());
        assertThatThrownBy(() -> build(config)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("enachain.client.dpop-key: the key in " + junk + " cannot be used: it is neither PEM");
    }

    @Test
    void buildWhenOtherIdentitiesThenEachIssuerKnown() throws Exception {
        Map<String, String> config = outbound(KeyFileFixture.pem(dir, "b.pem", TestKeys.CLIENT_ES256));
        config.put("enachain.as.domain-b.issuer", "https://as.domain-b.example");
        config.put("enachain.as.domain-b.client-id", "https://api-a.domain-b.example");
        config.put("enachain.as.domain-b.key", KeyFileFixture.jwk(dir, "b.jwk", TestKeys.CLIENT_ES256).toString());
        config.put("enachain.as.domain-b.dpop-key", KeyFileFixture.pem(dir, "dpop.pem", SigningKey.generateEs256()).toString());
        assertThat(build(config).outbound().orElseThrow().issuers())
                .containsExactlyInAnyOrder("https://as.example.com", "https://as.domain-b.example");
    }

    @Test
    @DisplayName("A wrong value stops the start: load logs ENAJ0002E with the key and rethrows")
    void loadWhenConfigurationWrongThenLoggedAndThrown() {
        try (LogCapture log = new LogCapture()) {
            assertThatThrownBy(() -> EnachainConfiguration.load(ConfigReader.of(Map.of(ConfigKeys.RESOURCE_DPOP, "x")),
                    Clock.systemUTC())).isInstanceOf(ConfigurationException.class);
            assertThat(log.all()).contains("ENAJ0002E: enachain configuration error: enachain.resource.dpop is set");
        }
    }

    @Test
    @DisplayName("Every weakening switch is logged as a WARNING with its message ID at start")
    void loadWhenWeakeningSwitchesOnThenWarnings() throws Exception {
        Map<String, String> config = inbound("https://as.example.com");
        config.put(ConfigKeys.RESOURCE_LEGACY_JWT_TYPE, "true");
        config.put(ConfigKeys.RESOURCE_CLIENT_ID_FROM_AZP, "true");
        config.put(ConfigKeys.INSECURE_PLAIN_HTTP_ON_LOOPBACK, "true");
        config.putAll(outbound(KeyFileFixture.pem(dir, "w.pem", TestKeys.CLIENT_ES256)));
        config.put(ConfigKeys.CLIENT_ASSERTION_AUDIENCE, "token-endpoint");
        config.put(ConfigKeys.CLIENT_LEGACY_ASSERTION_TYPE, "true");
        try (LogCapture log = new LogCapture()) {
            EnachainConfiguration.load(ConfigReader.of(config), Clock.systemUTC());
            String all = log.all();
            for (String id : List.of("ENAJ0101W", "ENAJ0102W", "ENAJ0103W", "ENAJ0104W", "ENAJ0105W")) {
                assertThat(all).contains("WARNING: " + id);
            }
            assertThat(all).contains("ENAJ0001I", "ENAJ0003I");
        }
    }

    // ------------------------------------------------------------ rows whose behaviour a key switches

    private static Map<String, String> configured(String... pairs) {
        Map<String, String> config = inbound("https://as.example.com");
        config.put("enachain.resource.jwks-uri.0", as.uri("/jwks").toString());
        for (int i = 0; i < pairs.length; i += 2) {
            config.put(pairs[i], pairs[i + 1]);
        }
        return config;
    }

    private static ValidationResult<AuthenticatedRequest> bearer(EnachainComponents c, JwtFixture token) {
        return c.inbound().orElseThrow().verifier().verify(new ResourceRequest("GET", java.net.URI.create(API_A + "/x"),
                List.of("Bearer " + token.compact()), List.of(), null));
    }

    private static JwtFixture token() {
        return JwtFixture.accessToken(TestKeys.AS_ES256, Instant.now()).claim("iss", "https://as.example.com")
                .claim("aud", API_A);
    }

    @Test
    @DisplayName("RS-05, A-05: typ JWT is refused by default and accepted with enachain.resource.legacy-jwt-type=true")
    void legacyJwtTypeSwitch() {
        JwtFixture jwtTyped = token().header("typ", "JWT");
        assertThat(bearer(build(configured()), jwtTyped).isAccepted()).isFalse();
        assertThat(bearer(build(configured(ConfigKeys.RESOURCE_LEGACY_JWT_TYPE, "true")), jwtTyped).isAccepted()).isTrue();
    }

    @Test
    @DisplayName("RS-13, A-06: a token without client_id is refused by default and accepted from azp with enachain.resource.client-id-from-azp=true")
    void clientIdFromAzpSwitch() {
        JwtFixture azpOnly = token().without("client_id").claim("azp", JwtFixture.CLIENT);
        assertThat(bearer(build(configured()), azpOnly).isAccepted()).isFalse();
        assertThat(bearer(build(configured(ConfigKeys.RESOURCE_CLIENT_ID_FROM_AZP, "true")), azpOnly).isAccepted()).isTrue();
    }

    @Test
    @DisplayName("RS-11, RS-12: aud must name the identifier or a configured alternative identifier")
    void alternativeIdentifiers() {
        JwtFixture forAlternative = token().claim("aud", "https://api-a.alt.example");
        assertThat(bearer(build(configured()), forAlternative).isAccepted()).isFalse();
        assertThat(bearer(build(configured(ConfigKeys.RESOURCE_ALTERNATIVE_IDENTIFIERS, "https://api-a.alt.example")),
                forAlternative).isAccepted()).isTrue();
        assertThat(bearer(build(configured()), token().claim("aud", List.of(API_A, "https://as.example.com")))
                .isAccepted()).isTrue();
    }

    @Test
    @DisplayName("RS-06: the issuer is compared exactly (a trailing slash is another issuer)")
    void issuerComparedExactly() {
        assertThat(bearer(build(configured()), token().claim("iss", "https://as.example.com/")).isAccepted()).isFalse();
    }

    @Test
    @DisplayName("GEN-17, RS-09: enachain.resource.leeway-seconds sets the leeway for exp")
    void leewaySeconds() {
        JwtFixture expired30sAgo = token().claim("exp", Instant.now().minusSeconds(30).getEpochSecond());
        assertThat(bearer(build(configured()), expired30sAgo).isAccepted()).isTrue();
        assertThat(bearer(build(configured(ConfigKeys.RESOURCE_LEEWAY_SECONDS, "5")), expired30sAgo).isAccepted()).isFalse();
    }

    @Test
    @DisplayName("RS-39: enachain.resource.dpop=required refuses Bearer tokens; disabled refuses the DPoP scheme")
    void dpopModes() {
        assertThat(build(configured(ConfigKeys.RESOURCE_DPOP, "required")).inbound().orElseThrow().verifier().mode())
                .isEqualTo(DpopMode.REQUIRED);
        assertThat(bearer(build(configured(ConfigKeys.RESOURCE_DPOP, "required")), token()).isAccepted()).isFalse();
        assertThat(bearer(build(configured(ConfigKeys.RESOURCE_DPOP, "disabled")), token()).isAccepted()).isTrue();
    }
}
