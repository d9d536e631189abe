package org.enachain.core.jose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLHandshakeException;
import org.enachain.core.Reason;
import org.enachain.core.http.HttpTransport;
import org.enachain.core.http.JdkHttpTransport;
import org.enachain.core.http.TransportSecurity;
import org.enachain.core.testing.JwtFixture;
import org.enachain.core.testing.LogCapture;
import org.enachain.core.testing.MutableClock;
import org.enachain.core.testing.TestHttpsServer;
import org.enachain.core.testing.TestKeys;
import org.enachain.core.token.JwtRejectedException;
import org.enachain.core.token.SignedJwt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RemoteJwksSourceTest {

    private static final int MAX_JWT_LENGTH = 16 * 1024;
    private static final Duration PAST_REFETCH_INTERVAL = RemoteJwksSource.DEFAULT_REFETCH_INTERVAL.plusSeconds(1);
    private static final SigningKey NEXT_AS_KEY = SigningKey.generateEs256().withKeyId("as-es256-next");

    private static TestHttpsServer server;

    private MutableClock clock;
    private JdkHttpTransport transport;

    @BeforeAll
    static void startServer() {
        server = TestHttpsServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void setUp() {
        server.received().clear();
        server.replyJson(200, jwksOf(TestKeys.AS_ES256));
        clock = MutableClock.atFixedStart();
        transport = JdkHttpTransport.builder().sslContext(server.trustingContext()).build();
    }

    private RemoteJwksSource source() {
        return RemoteJwksSource.builder(server.uri("/jwks")).transport(transport).clock(clock).build();
    }

    private static String jwksOf(SigningKey... keys) {
        List<Map<String, Object>> jwks = new ArrayList<>();
        for (SigningKey key : keys) {
            jwks.add(KeyMaterial.publicJwk(key.publicKey(),
                    Map.of("kid", key.keyId(), "use", "sig", "alg", key.algorithm().jwaName())));
        }
        return KeyMaterial.json(Map.of("keys", jwks));
    }

    private static JwtRejectedException rejection(SignedJwt jwt, JwksSource keys) {
        try {
            JwsAlgorithm algorithm = jwt.requireAlgorithm(AlgorithmPolicy.PROFILE);
            jwt.verify(keys, algorithm);
        } catch (JwtRejectedException e) {
            return e;
        }
        throw new AssertionError("the JWT was accepted");
    }

    // ---------------------------------------------------------------- GEN-01, GEN-02

    @Nested
    class Transport {

        @Test
        @DisplayName("GEN-01: an http:// JWKS URL is refused when the source is built, before any request")
        void buildWhenPlainHttpUrlThenRefusedAndNothingSent() {
            AtomicInteger sends = new AtomicInteger();
            HttpTransport counting = request -> {
                sends.incrementAndGet();
                return new HttpTransport.Response(200, Map.of(), jwksOf(TestKeys.AS_ES256).getBytes(StandardCharsets.UTF_8));
            };

            assertThatThrownBy(() -> RemoteJwksSource.builder(URI.create("http://as.example.com/jwks"))
                            .transport(counting).clock(clock).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("The JWKS URL uses plain http (http://as.example.com/jwks)")
                    .hasMessageContaining("the profile requires TLS (GEN-01)");
            assertThat(sends).hasValue(0);
        }

        @Test
        @DisplayName("GEN-01: with the loopback switch an http://example.com JWKS URL is still refused before any request")
        void buildWhenLoopbackSwitchAndPlainHttpToOtherHostThenRefusedAndNothingSent() {
            AtomicInteger sends = new AtomicInteger();
            HttpTransport counting = request -> {
                sends.incrementAndGet();
                return new HttpTransport.Response(200, Map.of(), new byte[0]);
            };

            assertThatThrownBy(() -> RemoteJwksSource.builder(URI.create("http://example.com/jwks"))
                            .transportSecurity(TransportSecurity.allowPlainHttpOnLoopback())
                            .transport(counting).clock(clock).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Plain http is allowed only to a loopback address");
            assertThat(sends).hasValue(0);
        }

        @Test
        @DisplayName("with the loopback switch an http://127.0.0.1 JWKS URL is used, and the counter sees the one fetch")
        void buildWhenLoopbackSwitchAndPlainHttpToLoopbackThenFetched() throws Exception {
            AtomicInteger sends = new AtomicInteger();
            List<URI> sent = new ArrayList<>();
            HttpTransport counting = request -> {
                sends.incrementAndGet();
                sent.add(request.uri());
                return new HttpTransport.Response(200, Map.of(), jwksOf(TestKeys.AS_ES256).getBytes(StandardCharsets.UTF_8));
            };
            RemoteJwksSource source = RemoteJwksSource.builder(URI.create("http://127.0.0.1:8080/jwks"))
                    .transportSecurity(TransportSecurity.allowPlainHttpOnLoopback())
                    .transport(counting).clock(clock).build();

            assertThat(source.keysFor("as-es256", JwsAlgorithm.ES256)).containsExactly(TestKeys.AS_ES256.publicKey());
            assertThat(sends).hasValue(1);
            assertThat(sent).containsExactly(URI.create("http://127.0.0.1:8080/jwks"));
        }

        @Test
        @DisplayName("an encryption key beside the signing keys (as Keycloak publishes) is left out without a warning; an unusable signing key is warned about")
        void fetchWhenEncryptionKeyThenNoWarning() throws Exception {
            String jwks = KeyMaterial.json(Map.of("keys", List.of(
                    KeyMaterial.publicJwk(TestKeys.AS_ES256.publicKey(), Map.of("kid", "as-es256", "use", "sig")),
                    KeyMaterial.publicJwk(TestKeys.CLIENT_ES256.publicKey(), Map.of("kid", "enc-key", "use", "enc")),
                    Map.of("kty", "EC", "crv", "P-256", "kid", "off-curve", "x", "AAAA", "y", "AAAA"))));
            HttpTransport transport = request -> new HttpTransport.Response(200, Map.of(), jwks.getBytes(StandardCharsets.UTF_8));
            try (LogCapture logs = new LogCapture()) {
                RemoteJwksSource source = RemoteJwksSource.builder(URI.create("https://as.example.com/jwks"))
                        .transport(transport).clock(clock).build();

                assertThat(source.keysFor(null, JwsAlgorithm.ES256)).containsExactly(TestKeys.AS_ES256.publicKey());
                List<String> warnings = logs.lines().stream().filter(l -> l.contains("ENAC1002W")).toList();
                assertThat(warnings).singleElement().asString().contains("off-curve").doesNotContain("enc-key");
            }
        }

        @Test
        @DisplayName("a JWKS URL with a fragment is refused when the source is built")
        void buildWhenFragmentThenRefused() {
            assertThatThrownBy(() -> RemoteJwksSource.builder(URI.create("https://as.example.com/jwks#k")).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("The JWKS URL must not have a fragment: https://as.example.com/jwks#k");
        }

        @Test
        @DisplayName("GEN-02: with the default transport, a JWKS server with an untrusted certificate gets no request and no keys are used")
        void keysForWhenDefaultTrustAndSelfSignedServerThenUnavailableAndNoRequest() {
            RemoteJwksSource source = RemoteJwksSource.builder(server.uri("/jwks")).clock(clock).build();

            assertThatThrownBy(() -> source.keysFor("as-es256", JwsAlgorithm.ES256))
                    .isInstanceOf(JwksUnavailableException.class)
                    .hasCauseInstanceOf(SSLHandshakeException.class);
            assertThat(server.requestCount()).isZero();
        }

        @Test
        @DisplayName("the fetch is a GET that asks for a JWK Set")
        void keysForWhenFetchingThenGetWithJwkSetAccept() throws Exception {
            source().keysFor("as-es256", JwsAlgorithm.ES256);

            assertThat(server.received()).singleElement().satisfies(r -> {
                assertThat(r.method()).isEqualTo("GET");
                assertThat(r.path()).isEqualTo("/jwks");
                assertThat(r.headers().get("Accept")).containsExactly("application/jwk-set+json, application/json");
            });
        }
    }

    // ---------------------------------------------------------------- RS-07

    @Nested
    class Verification {

        @Test
        @DisplayName("an access token signed by the issuer's key verifies with the fetched JWK Set")
        void verifyWhenSignedByIssuerKeyThenAccepted() throws Exception {
            SignedJwt jwt = SignedJwt.parse(JwtFixture.accessToken(TestKeys.AS_ES256, clock.instant()).compact(), MAX_JWT_LENGTH);

            assertThatCode(() -> jwt.verify(source(), JwsAlgorithm.ES256)).doesNotThrowAnyException();
        }

        @Test
        @DisplayName("RS-07: an access token signed by an unknown key under the issuer's kid is rejected")
        void verifyWhenSignedByUnknownKeyWithIssuerKidThenBadSignature() throws Exception {
            SignedJwt jwt = SignedJwt.parse(JwtFixture.accessToken(TestKeys.ATTACKER_ES256, clock.instant()).compact(),
                    MAX_JWT_LENGTH);

            assertThat(rejection(jwt, source()).reason()).isEqualTo(Reason.BAD_SIGNATURE);
        }

        @Test
        @DisplayName("RS-07: an access token signed by an unknown key under an unknown kid is rejected")
        void verifyWhenSignedByUnknownKeyWithUnknownKidThenUnknownKey() throws Exception {
            SignedJwt jwt = SignedJwt.parse(JwtFixture.accessToken(TestKeys.CLIENT_ES256, clock.instant()).compact(),
                    MAX_JWT_LENGTH);

            assertThat(rejection(jwt, source()).reason()).isEqualTo(Reason.UNKNOWN_KEY);
        }

        @Test
        @DisplayName("RS-07: an unsigned access token (alg none) is rejected before any key is fetched")
        void verifyWhenAlgNoneThenRejectedWithoutFetch() throws Exception {
            SignedJwt jwt = SignedJwt.parse(JwtFixture.accessToken(TestKeys.AS_ES256, clock.instant()).unsecured(),
                    MAX_JWT_LENGTH);

            assertThat(rejection(jwt, source()).reason()).isEqualTo(Reason.ALGORITHM_NOT_ALLOWED);
            assertThat(server.requestCount()).isZero();
        }

        @Test
        @DisplayName("a JWT checked against a source that never fetched its keys is rejected as KEYS_UNAVAILABLE")
        void verifyWhenNeverFetchedThenKeysUnavailable() throws Exception {
            server.replyJson(503, "{}");
            SignedJwt jwt = SignedJwt.parse(JwtFixture.accessToken(TestKeys.AS_ES256, clock.instant()).compact(), MAX_JWT_LENGTH);

            assertThat(rejection(jwt, source()).reason()).isEqualTo(Reason.KEYS_UNAVAILABLE);
        }
    }

    // ---------------------------------------------------------------- caching and RS-08

    @Nested
    class Caching {

        @Test
        @DisplayName("the first lookup fetches once; later lookups use the cache")
        void keysForWhenRepeatedThenFetchedOnce() throws Exception {
            RemoteJwksSource source = source();

            assertThat(source.keysFor("as-es256", JwsAlgorithm.ES256)).containsExactly(TestKeys.AS_ES256.publicKey());
            assertThat(server.requestCount()).isEqualTo(1);
            for (int i = 0; i < 10; i++) {
                clock.advance(Duration.ofSeconds(10));
                assertThat(source.keysFor("as-es256", JwsAlgorithm.ES256)).hasSize(1);
            }
            assertThat(server.requestCount()).isEqualTo(1);
        }

        @Test
        @DisplayName("RS-08: after a key rollover, the first token with the new kid is accepted after exactly one refetch")
        void keysForWhenIssuerRotatedThenOneRefetchFindsNewKey() throws Exception {
            RemoteJwksSource source = source();
            source.keysFor("as-es256", JwsAlgorithm.ES256);
            server.replyJson(200, jwksOf(NEXT_AS_KEY));
            clock.advance(PAST_REFETCH_INTERVAL);
            SignedJwt jwt = SignedJwt.parse(JwtFixture.accessToken(NEXT_AS_KEY, clock.instant()).compact(), MAX_JWT_LENGTH);

            assertThatCode(() -> jwt.verify(source, JwsAlgorithm.ES256)).doesNotThrowAnyException();
            assertThat(server.requestCount()).isEqualTo(2);
            assertThat(source.keysFor("as-es256-next", JwsAlgorithm.ES256)).containsExactly(NEXT_AS_KEY.publicKey());
            assertThat(server.requestCount()).isEqualTo(2);
        }

        @Test
        @DisplayName("RS-08: within the refetch interval after a fetch, an unknown kid causes no refetch")
        void keysForWhenUnknownKidWithinIntervalThenNoRefetch() throws Exception {
            RemoteJwksSource source = source();
            source.keysFor("as-es256", JwsAlgorithm.ES256);
            server.replyJson(200, jwksOf(NEXT_AS_KEY));
            clock.advance(RemoteJwksSource.DEFAULT_REFETCH_INTERVAL.minusSeconds(1));

            assertThat(source.keysFor("as-es256-next", JwsAlgorithm.ES256)).isEmpty();
            assertThat(server.requestCount()).isEqualTo(1);
        }

        @Test
        @DisplayName("RS-08: 1,000 random kids within the refetch interval cause at most one fetch; one more after the interval")
        void keysForWhenFloodOfRandomKidsThenAtMostOneFetchPerInterval() throws Exception {
            RemoteJwksSource source = source();
            source.keysFor("as-es256", JwsAlgorithm.ES256);
            clock.advance(PAST_REFETCH_INTERVAL);

            for (int i = 0; i < 1000; i++) {
                assertThat(source.keysFor(UUID.randomUUID().toString(), JwsAlgorithm.ES256)).isEmpty();
            }
            assertThat(server.requestCount()).isEqualTo(2);

            clock.advance(PAST_REFETCH_INTERVAL);
            assertThat(source.keysFor(UUID.randomUUID().toString(), JwsAlgorithm.ES256)).isEmpty();
            assertThat(server.requestCount()).isEqualTo(3);
        }

        @Test
        @DisplayName("RS-08: 1,000 random kids from 8 threads at once cause at most one fetch")
        void keysForWhenConcurrentFloodOfRandomKidsThenOneFetch() throws Exception {
            RemoteJwksSource source = source();
            source.keysFor("as-es256", JwsAlgorithm.ES256);
            clock.advance(PAST_REFETCH_INTERVAL);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Callable<Integer>> tasks = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    tasks.add(() -> {
                        start.await();
                        int found = 0;
                        for (int i = 0; i < 125; i++) {
                            found += source.keysFor(UUID.randomUUID().toString(), JwsAlgorithm.ES256).size();
                        }
                        return found;
                    });
                }
                List<Future<Integer>> results = new ArrayList<>();
                for (Callable<Integer> task : tasks) {
                    results.add(pool.submit(task));
                }
                start.countDown();
                for (Future<Integer> result : results) {
                    assertThat(result.get(30, TimeUnit.SECONDS)).isZero();
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(server.requestCount()).isEqualTo(2);
        }

        @Test
        @DisplayName("a known kid with another algorithm does not trigger a refetch")
        void keysForWhenKnownKidWithOtherAlgorithmThenNoRefetch() throws Exception {
            RemoteJwksSource source = source();
            source.keysFor("as-es256", JwsAlgorithm.ES256);
            clock.advance(PAST_REFETCH_INTERVAL);

            assertThat(source.keysFor("as-es256", JwsAlgorithm.RS256)).isEmpty();
            assertThat(server.requestCount()).isEqualTo(1);
        }

        @Test
        @DisplayName("the cached set is used until the cache lifetime ends, then refreshed")
        void keysForWhenCacheLifetimeEndsThenRefreshed() throws Exception {
            RemoteJwksSource source = source();
            source.keysFor("as-es256", JwsAlgorithm.ES256);
            server.replyJson(200, jwksOf(TestKeys.AS_ES256, NEXT_AS_KEY));

            clock.advance(RemoteJwksSource.DEFAULT_CACHE_LIFETIME.minusSeconds(1));
            assertThat(source.keysFor("as-es256", JwsAlgorithm.ES256)).hasSize(1);
            assertThat(server.requestCount()).isEqualTo(1);

            clock.advance(Duration.ofSeconds(1));
            assertThat(source.keysFor("as-es256", JwsAlgorithm.ES256)).hasSize(1);
            assertThat(server.requestCount()).isEqualTo(2);
            assertThat(source.keysFor(null, JwsAlgorithm.ES256))
                    .containsExactlyInAnyOrder(TestKeys.AS_ES256.publicKey(), NEXT_AS_KEY.publicKey());
        }

        @Test
        @DisplayName("while the endpoint answers 503, the cached keys keep serving and it is not retried within the interval")
        void keysForWhenEndpointFailsAfterSuccessThenCachedKeysServe() throws Exception {
            RemoteJwksSource source = source();
            source.keysFor("as-es256", JwsAlgorithm.ES256);
            server.replyJson(503, "{\"error\":\"unavailable\"}");
            clock.advance(RemoteJwksSource.DEFAULT_CACHE_LIFETIME);

            assertThat(source.keysFor("as-es256", JwsAlgorithm.ES256)).containsExactly(TestKeys.AS_ES256.publicKey());
            assertThat(server.requestCount()).isEqualTo(2);
            assertThat(source.keysFor("as-es256", JwsAlgorithm.ES256)).containsExactly(TestKeys.AS_ES256.publicKey());
            assertThat(source.keysFor("rotated?", JwsAlgorithm.ES256)).isEmpty();
            assertThat(server.requestCount()).isEqualTo(2);
        }

        @Test
        @DisplayName("while the endpoint answers garbage, the cached keys keep serving")
        void keysForWhenEndpointAnswersGarbageThenCachedKeysServe() throws Exception {
            RemoteJwksSource source = source();
            source.keysFor("as-es256", JwsAlgorithm.ES256);
            server.reply(new TestHttpsServer.Reply(200, Map.of("Content-Type", "text/html"),
                    "<html>maintenance</html>".getBytes(StandardCharsets.UTF_8)));
            clock.advance(RemoteJwksSource.DEFAULT_CACHE_LIFETIME);

            assertThat(source.keysFor("as-es256", JwsAlgorithm.ES256)).containsExactly(TestKeys.AS_ES256.publicKey());
            assertThat(server.requestCount()).isEqualTo(2);
        }

        @Test
        @DisplayName("a source that never fetched successfully throws, and does not retry on every call within the interval")
        void keysForWhenNeverFetchedThenUnavailableAndRateLimited() throws Exception {
            server.replyJson(503, "{}");
            RemoteJwksSource source = source();

            assertThatThrownBy(() -> source.keysFor("as-es256", JwsAlgorithm.ES256))
                    .isInstanceOf(JwksUnavailableException.class)
                    .hasMessage("The JWK Set at " + server.uri("/jwks") + " could not be fetched: IOException: HTTP status 503");
            for (int i = 0; i < 20; i++) {
                assertThatThrownBy(() -> source.keysFor("as-es256", JwsAlgorithm.ES256))
                        .isInstanceOf(JwksUnavailableException.class)
                        .hasMessageContaining("next attempt after 2026-11-27T12:01:00Z");
            }
            assertThat(server.requestCount()).isEqualTo(1);

            server.replyJson(200, jwksOf(TestKeys.AS_ES256));
            clock.advance(RemoteJwksSource.DEFAULT_REFETCH_INTERVAL);
            assertThat(source.keysFor("as-es256", JwsAlgorithm.ES256)).containsExactly(TestKeys.AS_ES256.publicKey());
            assertThat(server.requestCount()).isEqualTo(2);
        }

        @Test
        @DisplayName("a JWK Set body over 1 MiB is a failed fetch, not a buffered document")
        void keysForWhenBodyOverOneMebibyteThenUnavailable() {
            String padding = "a".repeat(JdkHttpTransport.DEFAULT_MAX_RESPONSE_BYTES);
            String jwks = jwksOf(TestKeys.AS_ES256);
            server.replyJson(200, jwks.substring(0, jwks.length() - 1) + ",\"padding\":\"" + padding + "\"}");

            assertThatThrownBy(() -> source().keysFor("as-es256", JwsAlgorithm.ES256))
                    .isInstanceOf(JwksUnavailableException.class)
                    .hasMessageEndingWith("could not be fetched: ResponseTooLargeException: Response body larger than 1048576 bytes");
        }

        @Test
        @DisplayName("a key marked use enc is not used to verify signatures")
        void keysForWhenKeyMarkedForEncryptionThenNotOffered() throws Exception {
            server.replyJson(200, KeyMaterial.jwks(KeyMaterial.publicJwk(TestKeys.AS_ES256.publicKey(),
                    Map.of("kid", "as-es256", "use", "enc"))));

            List<PublicKey> keys = source().keysFor("as-es256", JwsAlgorithm.ES256);

            assertThat(keys).isEmpty();
        }
    }

    // ---------------------------------------------------------------- builder

    @Nested
    class Builder {

        @Test
        @DisplayName("a cache lifetime over one day, zero, or negative is refused")
        void cacheLifetimeWhenOutOfRangeThenRefused() {
            RemoteJwksSource.Builder builder = RemoteJwksSource.builder(server.uri("/jwks"));

            assertThatThrownBy(() -> builder.cacheLifetime(Duration.ofDays(1).plusSeconds(1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("The JWKS cache lifetime must be positive and at most PT24H");
            assertThatThrownBy(() -> builder.cacheLifetime(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> builder.cacheLifetime(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        @DisplayName("RS-08: a zero or negative refetch interval, which would lift the rate limit, is refused")
        void refetchIntervalWhenNegativeThenRefused() {
            assertThatThrownBy(() -> RemoteJwksSource.builder(server.uri("/jwks")).refetchInterval(Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("The JWKS refetch interval must be positive");
            assertThatThrownBy(() -> RemoteJwksSource.builder(server.uri("/jwks")).refetchInterval(Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("The JWKS refetch interval must be positive");
        }

        @Test
        @DisplayName("a configured cache lifetime and refetch interval are honoured")
        void buildWhenCustomDurationsThenHonoured() throws Exception {
            RemoteJwksSource source = RemoteJwksSource.builder(server.uri("/jwks")).transport(transport).clock(clock)
                    .cacheLifetime(Duration.ofMinutes(1)).refetchInterval(Duration.ofSeconds(10)).build();
            source.keysFor("as-es256", JwsAlgorithm.ES256);

            clock.advance(Duration.ofSeconds(10));
            source.keysFor("unknown", JwsAlgorithm.ES256);
            assertThat(server.requestCount()).isEqualTo(2);

            // the refetch for the unknown kid renewed the cached set: it now lives until 10 s + 1 min
            clock.advance(Duration.ofSeconds(59));
            source.keysFor("as-es256", JwsAlgorithm.ES256);
            assertThat(server.requestCount()).isEqualTo(2);
            clock.advance(Duration.ofSeconds(1));
            source.keysFor("as-es256", JwsAlgorithm.ES256);
            assertThat(server.requestCount()).isEqualTo(3);
        }
    }
}
