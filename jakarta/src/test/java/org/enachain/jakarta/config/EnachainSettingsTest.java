package org.enachain.jakarta.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.enachain.core.client.ClientIdentity.AssertionAudience;
import org.enachain.core.resource.DpopMode;
import org.enachain.core.testing.TestKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every configuration key: its default, a valid value, and an invalid one whose error names the key. */
class EnachainSettingsTest {

    static final String AS = "https://as.example.com";
    static final String API_A = "https://api-a.example.com";

    @TempDir
    static Path dir;
    static Path pem;

    private final Map<String, String> config = new HashMap<>();

    @BeforeEach
    void writeKey() throws Exception {
        if (pem == null) {
            pem = KeyFileFixture.pem(dir, "client.pem", TestKeys.CLIENT_ES256);
        }
    }

    private Map<String, String> inbound() {
        config.put(ConfigKeys.RESOURCE_IDENTIFIER, API_A);
        config.put(ConfigKeys.RESOURCE_BASE_URL, "https://api-a.example.com/app/");
        config.put(ConfigKeys.RESOURCE_ISSUERS, AS);
        return config;
    }

    private Map<String, String> outbound() {
        config.put(ConfigKeys.CLIENT_ID, API_A);
        config.put(ConfigKeys.CLIENT_ISSUER, AS);
        config.put(ConfigKeys.CLIENT_KEY, pem.toString());
        return config;
    }

    private EnachainSettings read() {
        return EnachainSettings.read(ConfigReader.of(config));
    }

    private ResourceSettings resource() {
        return read().resource().orElseThrow();
    }

    private ClientSettings client() {
        return read().client().orElseThrow();
    }

    @Test
    void readWhenNothingConfiguredThenInactiveWithHttpDefaults() {
        EnachainSettings s = read();
        assertThat(s.resource()).isEmpty();
        assertThat(s.client()).isEmpty();
        assertThat(s.http()).isEqualTo(new HttpSettings(Duration.ofMillis(2000), Duration.ofMillis(5000), Optional.empty(),
                null, false));
        assertThat(s.warnings()).isEmpty();
    }

    @Test
    void readWhenInboundMinimalThenEveryDefault() {
        inbound();
        ResourceSettings r = resource();
        assertThat(r.identifier()).isEqualTo(API_A);
        assertThat(r.alternativeIdentifiers()).isEmpty();
        assertThat(r.baseUrl()).isEqualTo(URI.create("https://api-a.example.com/app"));
        assertThat(r.issuers()).containsExactly(AS);
        assertThat(r.jwksUris()).isEmpty();
        assertThat(r.dpop()).isEqualTo(DpopMode.OPTIONAL);
        assertThat(r.dpopNonces()).isFalse();
        assertThat(r.legacyJwtType()).isFalse();
        assertThat(r.clientIdFromAzp()).isFalse();
        assertThat(r.leeway()).isEqualTo(Duration.ofSeconds(60));
        assertThat(r.replayCapacity()).isEqualTo(100_000);
        assertThat(r.metadata()).isFalse();
        assertThat(r.scopesSupported()).isEmpty();
        assertThat(read().client()).isEmpty();
    }

    @Test
    void readWhenInboundFullyConfiguredThenEveryValue() {
        inbound();
        config.put(ConfigKeys.RESOURCE_ALTERNATIVE_IDENTIFIERS, "https://a.example.com, https://b.example.com");
        config.put(ConfigKeys.RESOURCE_ISSUERS, AS + ",https://as2.example.com");
        config.put("enachain.resource.jwks-uri.1", "https://as2.example.com/jwks");
        config.put(ConfigKeys.RESOURCE_DPOP, "required");
        config.put(ConfigKeys.RESOURCE_DPOP_NONCES, "true");
        config.put(ConfigKeys.RESOURCE_LEEWAY_SECONDS, "5");
        config.put(ConfigKeys.RESOURCE_REPLAY_CAPACITY, "1000");
        config.put(ConfigKeys.RESOURCE_METADATA, "true");
        config.put(ConfigKeys.RESOURCE_SCOPES_SUPPORTED, "orders-read, orders-write");
        ResourceSettings r = resource();
        assertThat(r.alternativeIdentifiers()).containsExactly("https://a.example.com", "https://b.example.com");
        assertThat(r.issuers()).containsExactly(AS, "https://as2.example.com");
        assertThat(r.jwksUris()).isEqualTo(Map.of(1, URI.create("https://as2.example.com/jwks")));
        assertThat(r.dpop()).isEqualTo(DpopMode.REQUIRED);
        assertThat(r.dpopNonces()).isTrue();
        assertThat(r.leeway()).isEqualTo(Duration.ofSeconds(5));
        assertThat(r.replayCapacity()).isEqualTo(1000);
        assertThat(r.metadata()).isTrue();
        assertThat(r.scopesSupported()).containsExactly("orders-read", "orders-write");
    }

    @Test
    void readWhenDpopDisabledThenDisabled() {
        inbound().put(ConfigKeys.RESOURCE_DPOP, "disabled");
        assertThat(resource().dpop()).isEqualTo(DpopMode.DISABLED);
    }

    @Test
    @DisplayName("A-05, A-06: each legacy switch works and is warned about with its message ID")
    void readWhenLegacySwitchesOnThenWarned() {
        inbound().put(ConfigKeys.RESOURCE_LEGACY_JWT_TYPE, "true");
        config.put(ConfigKeys.RESOURCE_CLIENT_ID_FROM_AZP, "true");
        EnachainSettings s = read();
        assertThat(s.resource().orElseThrow().legacyJwtType()).isTrue();
        assertThat(s.resource().orElseThrow().clientIdFromAzp()).isTrue();
        assertThat(s.warnings()).hasSize(2);
        assertThat(s.warnings().get(0)).startsWith("ENAJ0101W: enachain.resource.legacy-jwt-type=true");
        assertThat(s.warnings().get(1)).startsWith("ENAJ0102W: enachain.resource.client-id-from-azp=true");
    }

    @Test
    @DisplayName("RS-48: a resource identifier with a query is warned about")
    void readWhenIdentifierHasQueryThenWarned() {
        inbound().put(ConfigKeys.RESOURCE_IDENTIFIER, API_A + "?x=1");
        assertThat(read().warnings()).singleElement().asString().startsWith("ENAJ0106W: enachain.resource.identifier");
    }

    @Test
    void readWhenOutboundMinimalThenEveryDefault() {
        outbound();
        ClientSettings c = client();
        assertThat(c.home().clientId()).isEqualTo(API_A);
        assertThat(c.home().issuer()).isEqualTo(AS);
        assertThat(c.home().key()).isEqualTo(pem);
        assertThat(c.home().keyId()).isNull();
        assertThat(c.home().keyPassword()).isNull();
        assertThat(c.home().dpopKey()).isEmpty();
        assertThat(c.home().assertionAudience()).isEqualTo(AssertionAudience.ISSUER);
        assertThat(c.home().legacyAssertionType()).isFalse();
        assertThat(c.others()).isEmpty();
        assertThat(c.cacheSize()).isEqualTo(10_000);
        assertThat(c.expirySkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(read().resource()).isEmpty();
        assertThat(read().warnings()).isEmpty();
    }

    @Test
    @DisplayName("A-07, A-08: the legacy assertion options work and are warned about")
    void readWhenOutboundFullyConfiguredThenEveryValue() {
        outbound();
        config.put(ConfigKeys.CLIENT_KEY_ID, "kid-1");
        config.put(ConfigKeys.CLIENT_KEY_PASSWORD, "secret");
        config.put(ConfigKeys.CLIENT_DPOP_KEY, pem.toString());
        config.put(ConfigKeys.CLIENT_ASSERTION_AUDIENCE, "token-endpoint");
        config.put(ConfigKeys.CLIENT_LEGACY_ASSERTION_TYPE, "true");
        config.put("enachain.as.domain-b.issuer", "https://as.domain-b.example");
        config.put("enachain.as.domain-b.client-id", "https://api-a.domain-b.example");
        config.put("enachain.as.domain-b.key", pem.toString());
        config.put(ConfigKeys.CHAIN_CACHE_SIZE, "50");
        config.put(ConfigKeys.CHAIN_EXPIRY_SKEW_SECONDS, "0");
        EnachainSettings s = read();
        ClientSettings c = s.client().orElseThrow();
        assertThat(c.home().keyId()).isEqualTo("kid-1");
        assertThat(c.home().keyPassword()).isEqualTo("secret");
        assertThat(c.home().dpopKey()).contains(pem);
        assertThat(c.home().assertionAudience()).isEqualTo(AssertionAudience.TOKEN_ENDPOINT);
        assertThat(c.home().legacyAssertionType()).isTrue();
        assertThat(c.others()).singleElement().satisfies(o -> {
            assertThat(o.prefix()).isEqualTo("enachain.as.domain-b.");
            assertThat(o.issuer()).isEqualTo("https://as.domain-b.example");
            assertThat(o.clientId()).isEqualTo("https://api-a.domain-b.example");
            assertThat(o.assertionAudience()).isEqualTo(AssertionAudience.ISSUER);
        });
        assertThat(c.cacheSize()).isEqualTo(50);
        assertThat(c.expirySkew()).isZero();
        assertThat(s.warnings()).extracting(w -> w.substring(0, 9)).containsExactly("ENAJ0104W", "ENAJ0105W");
        assertThat(c.home().toString()).doesNotContain("secret");
    }

    @Test
    void readWhenHttpConfiguredThenEveryValue() throws Exception {
        config.put(ConfigKeys.HTTP_CONNECT_TIMEOUT_MS, "100");
        config.put(ConfigKeys.HTTP_READ_TIMEOUT_MS, "250");
        config.put(ConfigKeys.HTTP_TRUST_STORE, pem.toString());
        config.put(ConfigKeys.HTTP_TRUST_STORE_PASSWORD, "pw");
        config.put(ConfigKeys.INSECURE_PLAIN_HTTP_ON_LOOPBACK, "true");
        EnachainSettings s = read();
        assertThat(s.http()).isEqualTo(new HttpSettings(Duration.ofMillis(100), Duration.ofMillis(250), Optional.of(pem),
                "pw", true));
        assertThat(s.http().toString()).doesNotContain("pw,");
        assertThat(s.warnings()).singleElement().asString()
                .startsWith("ENAJ0103W: enachain.insecure-development.plain-http-on-loopback=true");
    }

    @Test
    @DisplayName("GEN-01: with the loopback switch, http issuers on 127.0.0.1 are accepted; elsewhere never")
    void readWhenLoopbackSwitchOnThenHttpLoopbackIssuersAccepted() {
        inbound().put(ConfigKeys.RESOURCE_ISSUERS, "http://127.0.0.1:9080/sts");
        config.put(ConfigKeys.RESOURCE_BASE_URL, "http://127.0.0.1:9080/app");
        config.put(ConfigKeys.INSECURE_PLAIN_HTTP_ON_LOOPBACK, "true");
        assertThat(resource().issuers()).containsExactly("http://127.0.0.1:9080/sts");
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                // key, value, message fragment
                Arguments.of(ConfigKeys.RESOURCE_IDENTIFIER, "http://api-a.example.com", "enachain.resource.identifier uses plain http"),
                Arguments.of(ConfigKeys.RESOURCE_IDENTIFIER, "https://api-a.example.com#f", "enachain.resource.identifier must not have a fragment"),
                Arguments.of(ConfigKeys.RESOURCE_IDENTIFIER, "api-a", "enachain.resource.identifier must be an absolute https URL"),
                Arguments.of(ConfigKeys.RESOURCE_ALTERNATIVE_IDENTIFIERS, "https://a.example.com,,https://b", "enachain.resource.alternative-identifiers is a comma-separated list with an empty element"),
                Arguments.of(ConfigKeys.RESOURCE_ALTERNATIVE_IDENTIFIERS, "urn:x", "enachain.resource.alternative-identifiers must be an absolute https URL"),
                Arguments.of(ConfigKeys.RESOURCE_BASE_URL, "http://api-a.example.com", "enachain.resource.base-url uses plain http"),
                Arguments.of(ConfigKeys.RESOURCE_BASE_URL, "https://api-a.example.com/app?x=1", "enachain.resource.base-url must not have a query"),
                Arguments.of(ConfigKeys.RESOURCE_ISSUERS, "https://as.example.com,http://as2.example.com", "enachain.resource.issuers uses plain http"),
                Arguments.of(ConfigKeys.RESOURCE_ISSUERS, AS + "," + AS, "enachain.resource.issuers names an issuer twice"),
                Arguments.of("enachain.resource.jwks-uri.0", "http://as.example.com/jwks", "enachain.resource.jwks-uri.0 uses plain http"),
                Arguments.of("enachain.resource.jwks-uri.1", "https://as.example.com/jwks", "enachain.resource.jwks-uri.1 does not name an issuer"),
                Arguments.of("enachain.resource.jwks-uri.x", "https://as.example.com/jwks", "enachain.resource.jwks-uri.x is not an enachain configuration key"),
                Arguments.of(ConfigKeys.RESOURCE_DPOP, "REQUIRED", "enachain.resource.dpop must be one of [disabled, optional, required], but is 'REQUIRED'"),
                Arguments.of(ConfigKeys.RESOURCE_DPOP_NONCES, "yes", "enachain.resource.dpop-nonces must be true or false"),
                Arguments.of(ConfigKeys.RESOURCE_LEGACY_JWT_TYPE, "1", "enachain.resource.legacy-jwt-type must be true or false"),
                Arguments.of(ConfigKeys.RESOURCE_CLIENT_ID_FROM_AZP, "on", "enachain.resource.client-id-from-azp must be true or false"),
                Arguments.of(ConfigKeys.RESOURCE_LEEWAY_SECONDS, "301", "enachain.resource.leeway-seconds must be between 0 and 300"),
                Arguments.of(ConfigKeys.RESOURCE_LEEWAY_SECONDS, "60s", "enachain.resource.leeway-seconds must be a whole number"),
                Arguments.of(ConfigKeys.RESOURCE_REPLAY_CAPACITY, "0", "enachain.resource.replay-capacity must be between 1 and"),
                Arguments.of(ConfigKeys.RESOURCE_METADATA, "True", "enachain.resource.metadata must be true or false"),
                Arguments.of(ConfigKeys.RESOURCE_SCOPES_SUPPORTED, "a\"b", "enachain.resource.scopes-supported: "),
                Arguments.of("enachain.resource.dpop-nonce", "true", "enachain.resource.dpop-nonce is not an enachain configuration key"),
                Arguments.of(ConfigKeys.CLIENT_ISSUER, "http://as.example.com", "enachain.client.issuer uses plain http"),
                Arguments.of(ConfigKeys.CLIENT_KEY, "/no/such/key.pem", "enachain.client.key names"),
                Arguments.of(ConfigKeys.CLIENT_DPOP_KEY, "/no/such/dpop.pem", "enachain.client.dpop-key names"),
                Arguments.of(ConfigKeys.CLIENT_ASSERTION_AUDIENCE, "aud", "enachain.client.assertion-audience must be one of [issuer, token-endpoint]"),
                Arguments.of(ConfigKeys.CLIENT_LEGACY_ASSERTION_TYPE, "no", "enachain.client.legacy-assertion-type must be true or false"),
                Arguments.of("enachain.as.b.issuer", "https://as.b.example", "enachain.as.b.client-id is required"),
                Arguments.of("enachain.as.b.issuer", AS, "enachain.as.b.client-id is required"),
                Arguments.of("enachain.as.b.client-id", "c", "enachain.as.b.issuer is required"),
                Arguments.of("enachain.as.b.clientid", "c", "enachain.as.b.clientid is not an enachain configuration key"),
                Arguments.of("enachain.as.b.legacy-assertion-type", "maybe", "enachain.as.b.client-id is required"),
                Arguments.of(ConfigKeys.HTTP_CONNECT_TIMEOUT_MS, "0", "enachain.http.connect-timeout-ms must be between 1 and 600000"),
                Arguments.of(ConfigKeys.HTTP_READ_TIMEOUT_MS, "5s", "enachain.http.read-timeout-ms must be a whole number"),
                Arguments.of(ConfigKeys.HTTP_TRUST_STORE, "/no/such/trust.p12", "enachain.http.trust-store names"),
                Arguments.of(ConfigKeys.CHAIN_CACHE_SIZE, "0", "enachain.chain.cache-size must be between 1 and"),
                Arguments.of(ConfigKeys.CHAIN_EXPIRY_SKEW_SECONDS, "-1", "enachain.chain.expiry-skew-seconds must be between 0 and 3600"),
                Arguments.of(ConfigKeys.INSECURE_PLAIN_HTTP_ON_LOOPBACK, "TRUE", "enachain.insecure-development.plain-http-on-loopback must be true or false"),
                Arguments.of("enachain.chain.cache-sizes", "5", "enachain.chain.cache-sizes is not an enachain configuration key"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("invalid")
    @DisplayName("A wrong value stops the application with a message naming the key (RS-47 for the identifier)")
    void readWhenValueInvalidThenErrorNamingTheKey(String key, String value, String message) {
        inbound();
        outbound();
        config.put(key, value);
        assertThatThrownBy(this::read).isInstanceOf(ConfigurationException.class).hasMessageContaining(message)
                .satisfies(e -> assertThat(((ConfigurationException) e).key()).startsWith(key.substring(0,
                        key.lastIndexOf('.'))));
    }

    @Test
    void readWhenIdentifierSetWithoutBaseUrlOrIssuersThenErrorNamingTheMissingKey() {
        config.put(ConfigKeys.RESOURCE_IDENTIFIER, API_A);
        assertThatThrownBy(this::read).hasMessageStartingWith("enachain.resource.base-url is required with"
                + " enachain.resource.identifier");
        config.put(ConfigKeys.RESOURCE_BASE_URL, API_A);
        assertThatThrownBy(this::read).hasMessageStartingWith("enachain.resource.issuers is required with"
                + " enachain.resource.identifier");
    }

    @Test
    void readWhenResourceKeysSetWithoutIdentifierThenError() {
        config.put(ConfigKeys.RESOURCE_DPOP, "required");
        assertThatThrownBy(this::read).hasMessageStartingWith("enachain.resource.dpop is set, but"
                + " enachain.resource.identifier is not");
    }

    @Test
    void readWhenClientKeysSetWithoutClientIdThenError() {
        config.put(ConfigKeys.CLIENT_ISSUER, AS);
        assertThatThrownBy(this::read).hasMessageStartingWith("enachain.client.issuer is set, but enachain.client.id"
                + " is not");
        config.clear();
        config.put("enachain.as.b.issuer", AS);
        assertThatThrownBy(this::read).hasMessageStartingWith("enachain.as.b.issuer is set, but enachain.client.id");
    }

    @Test
    void readWhenClientIdSetWithoutIssuerOrKeyThenErrorNamingTheMissingKey() {
        config.put(ConfigKeys.CLIENT_ID, API_A);
        assertThatThrownBy(this::read).hasMessageStartingWith("enachain.client.issuer is required with enachain.client.id");
        config.put(ConfigKeys.CLIENT_ISSUER, AS);
        assertThatThrownBy(this::read).hasMessageStartingWith("enachain.client.key is required with enachain.client.id");
    }

    @Test
    void readWhenNoncesWithoutDpopThenError() {
        inbound().put(ConfigKeys.RESOURCE_DPOP, "disabled");
        config.put(ConfigKeys.RESOURCE_DPOP_NONCES, "true");
        assertThatThrownBy(this::read).hasMessageStartingWith("enachain.resource.dpop-nonces is true but"
                + " enachain.resource.dpop is disabled");
    }

    @Test
    void readWhenTwoIdentitiesNameOneIssuerThenError() {
        outbound();
        config.put("enachain.as.same.issuer", AS);
        config.put("enachain.as.same.client-id", "x");
        config.put("enachain.as.same.key", pem.toString());
        assertThatThrownBy(this::read).hasMessageStartingWith("enachain.as.same.issuer names " + AS
                + ", which another identity already names");
    }

    @Test
    void readWhenOtherNamespacesThenIgnored() {
        config.put("enachain.sts.base-url", "whatever");
        config.put("api-b/mp-rest/url", "https://api-b");
        assertThat(read().resource()).isEmpty();
        assertThat(List.copyOf(read().warnings())).isEmpty();
    }
}
