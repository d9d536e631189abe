package org.enachain.core.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.enachain.core.chain.ChainFixture.API_A;
import static org.enachain.core.chain.ChainFixture.API_B;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.enachain.core.client.TokenEndpointException;
import org.enachain.core.http.JdkHttpTransport;
import org.enachain.core.testing.MutableClock;
import org.enachain.core.testing.ScriptedAuthorizationServer;
import org.enachain.core.testing.TestHttpsServer;
import org.enachain.core.testing.TestTrust;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Faults of the authorization servers seen through the chainer: a token endpoint that never answers,
 * and metadata naming another issuer. Each fails the call with an error of the right kind that names the AS, and
 * leaves nothing behind: once the AS is healthy, the next call gets a token.
 */
class TokenChainerFaultTest {

    private static final Duration READ_TIMEOUT = Duration.ofMillis(300);
    /** Far above the read timeout, far below a call that hangs. */
    private static final Duration FAILS_WITHIN = Duration.ofSeconds(5);
    private static final String WRONG_ISSUER = "https://as.impostor.example";

    private final MutableClock clock = MutableClock.atFixedStart();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private ScriptedAuthorizationServer home;
    private TokenChainer chainer;
    private SubjectToken subject;

    @BeforeEach
    void start() {
        home = new ScriptedAuthorizationServer();
        chainer = ChainFixture.intraDomain(home, ChainFixture.identity(API_A, clock), clock)
                .client(ChainFixture.client(ChainFixture.transport(home.server().trustingContext(), READ_TIMEOUT)))
                .build();
        subject = ChainFixture.subject(home.issuer(), clock);
    }

    @AfterEach
    void stop() {
        home.close();
    }

    /** The token endpoint never answers the first request and answers every later one. */
    private void hangOnFirstTokenRequest() {
        home.onToken(r -> tokenRequests.incrementAndGet() == 1 ? TestHttpsServer.Reply.hang()
                : ChainFixture.bearer("at-after-recovery"));
    }

    private void publishMetadataWithIssuer(String issuer) {
        home.publish(Map.of("issuer", issuer, "token_endpoint", home.tokenEndpoint().toString()));
    }

    private TokenEndpointException failure() {
        TokenEndpointException e = catchThrowableOfType(TokenEndpointException.class,
                () -> chainer.tokenFor(subject, ChainTarget.audience(API_B)));
        assertThat(e).as("the call must fail").isNotNull();
        return e;
    }

    @Test
    @DisplayName("A home AS that never answers fails the call within the read timeout with a TRANSPORT error naming the AS")
    void tokenForWhenHomeAsHangsThenTransportErrorNamingAs() {
        hangOnFirstTokenRequest();
        long start = System.nanoTime();

        TokenEndpointException e = failure();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAILS_WITHIN);
        assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.TRANSPORT);
        assertThat(e.authorizationServer()).isEqualTo(home.issuer());
        assertThat(e.getMessage()).contains(home.issuer());
        assertThat(e.isTransient()).isTrue();
    }

    @Test
    @DisplayName("After a home AS timed out, the next call to the recovered AS gets a token: nothing was cached")
    void tokenForWhenHomeAsRecoveredAfterHangThenNextCallSucceeds() {
        hangOnFirstTokenRequest();
        failure();

        ChainedToken next = chainer.tokenFor(subject, ChainTarget.audience(API_B));

        assertThat(next.value()).isEqualTo("at-after-recovery");
        assertThat(home.tokenRequests()).hasSize(2);
        assertThat(chainer.stats().cachedTokens()).isEqualTo(1);
    }

    @Test
    @DisplayName("CL-74: home AS metadata naming another issuer fails with DISCOVERY naming the AS, and no token request is sent")
    void tokenForWhenHomeMetadataNamesAnotherIssuerThenDiscoveryErrorAndNothingSent() {
        publishMetadataWithIssuer(WRONG_ISSUER);
        home.enqueue(ChainFixture.bearer("never-issued"));

        TokenEndpointException e = failure();

        assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.DISCOVERY);
        assertThat(e.authorizationServer()).isEqualTo(home.issuer());
        assertThat(e.getMessage()).contains(home.issuer()).contains(WRONG_ISSUER);
        assertThat(home.tokenRequests()).isEmpty();
    }

    @Test
    @DisplayName("After a failed discovery, the next call discovers the corrected metadata and gets a token")
    void tokenForWhenMetadataCorrectedAfterDiscoveryFailureThenNextCallSucceeds() {
        publishMetadataWithIssuer(WRONG_ISSUER);
        failure();
        publishMetadataWithIssuer(home.issuer());
        home.enqueue(ChainFixture.bearer("at-after-correction"));

        ChainedToken next = chainer.tokenFor(subject, ChainTarget.audience(API_B));

        assertThat(next.value()).isEqualTo("at-after-correction");
        assertThat(home.tokenRequests()).hasSize(1);
    }

    @Test
    @DisplayName("CL-74: target AS metadata naming another issuer fails with DISCOVERY before any grant is obtained; once corrected, the chain works")
    void tokenForWhenTargetMetadataNamesAnotherIssuerThenDiscoveryErrorBeforeAnyGrantAndNextCallWorks() {
        try (ScriptedAuthorizationServer target = new ScriptedAuthorizationServer()) {
            JdkHttpTransport trustingBoth = ChainFixture.transport(TestTrust.trusting(home.server(), target.server()),
                    Duration.ofSeconds(2));
            TokenChainer crossDomain = TokenChainer.builder(home.issuer())
                    .identity(home.issuer(), ChainFixture.identity(API_A, clock))
                    .identity(target.issuer(), ChainFixture.identity(ChainFixture.API_A_AT_TARGET, clock))
                    .client(ChainFixture.client(trustingBoth))
                    .discovery(ChainFixture.discovery(trustingBoth, clock))
                    .clock(clock)
                    .build();
            AtomicInteger grants = new AtomicInteger();
            home.onToken(r -> ScriptedAuthorizationServer.token("grant-" + grants.incrementAndGet(), "N_A", 120,
                    ChainFixture.JWT_TYPE, null));
            target.publish(Map.of("issuer", WRONG_ISSUER, "token_endpoint", target.tokenEndpoint().toString()));
            target.enqueue(ChainFixture.bearer("domain-b-at"));
            TokenEndpointException e = catchThrowableOfType(TokenEndpointException.class,
                    () -> crossDomain.tokenFor(subject, ChainTarget.crossDomain(target.issuer())));
            target.publish(Map.of("issuer", target.issuer(), "token_endpoint", target.tokenEndpoint().toString()));

            ChainedToken next = crossDomain.tokenFor(subject, ChainTarget.crossDomain(target.issuer()));

            assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.DISCOVERY);
            assertThat(e.authorizationServer()).isEqualTo(target.issuer());
            assertThat(next.value()).isEqualTo("domain-b-at");
            // The target AS is checked before leg 1: the failed call spent no grant.
            assertThat(home.tokenRequests()).hasSize(1);
            assertThat(target.tokenRequests()).extracting(r -> r.formValue("assertion")).containsExactly("grant-1");
        }
    }
}
