package org.enachain.core.jose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.enachain.core.http.JdkHttpTransport;
import org.enachain.core.testing.MutableClock;
import org.enachain.core.testing.TestHttpsServer;
import org.enachain.core.testing.TestKeys;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How long a JWK Set keeps serving while its endpoint fails. */
class RemoteJwksStalenessTest {

    @Test
    @DisplayName("RS-08: cached keys serve while the endpoint is down, but not beyond the maximum staleness")
    void keysForWhenEndpointDownLongerThanMaxStalenessThenUnavailable() throws Exception {
        MutableClock clock = MutableClock.atFixedStart();
        try (TestHttpsServer server = TestHttpsServer.start()) {
            server.replyJson(200, "{\"keys\":[" + JsonUtil.toJson(TestKeys.AS_ES256.publicJwk()) + "]}");
            RemoteJwksSource source = RemoteJwksSource.builder(server.uri("/jwks")).clock(clock)
                    .transport(JdkHttpTransport.builder().sslContext(server.trustingContext()).build())
                    .maxStaleness(Duration.ofHours(2)).build();
            assertThat(source.keysFor("as-es256", JwsAlgorithm.ES256)).hasSize(1);
            server.replyJson(503, "{}");

            clock.advance(Duration.ofMinutes(119));
            assertThat(source.keysFor("as-es256", JwsAlgorithm.ES256)).hasSize(1);

            clock.advance(Duration.ofMinutes(1));
            assertThatThrownBy(() -> source.keysFor("as-es256", JwsAlgorithm.ES256))
                    .isInstanceOf(JwksUnavailableException.class).hasMessageContaining("no longer used");

            server.replyJson(200, "{\"keys\":[" + JsonUtil.toJson(TestKeys.AS_ES256.publicJwk()) + "]}");
            clock.advance(Duration.ofMinutes(1));
            assertThat(source.keysFor("as-es256", JwsAlgorithm.ES256)).hasSize(1);
        }
    }

    @Test
    @DisplayName("a maximum staleness shorter than the cache lifetime is refused")
    void buildWhenMaxStalenessBelowCacheLifetimeThenRefused() {
        assertThatThrownBy(() -> RemoteJwksSource.builder(java.net.URI.create("https://as.example/jwks"))
                .cacheLifetime(Duration.ofMinutes(10)).maxStaleness(Duration.ofMinutes(5)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("staleness");
    }
}
