package org.enachain.core.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.enachain.core.chain.ChainFixture.API_A;
import static org.enachain.core.chain.ChainFixture.API_B;
import static org.enachain.core.chain.ChainFixture.bearer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.enachain.core.client.ClientIdentity;
import org.enachain.core.client.TokenEndpointException;
import org.enachain.core.client.TokenTypeUri;
import org.enachain.core.http.JdkHttpTransport;
import org.enachain.core.testing.MutableClock;
import org.enachain.core.testing.ScriptedAuthorizationServer;
import org.enachain.core.testing.TestHttpsServer;
import org.enachain.core.testing.TestTrust;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the chainer does when callers, servers and targets are unusual: cache keys, cancellation, bad answers. */
class TokenChainerRobustnessTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final MutableClock clock = MutableClock.atFixedStart();
    private ScriptedAuthorizationServer home;
    private SubjectToken subject;

    @BeforeEach
    void start() {
        home = new ScriptedAuthorizationServer();
        subject = ChainFixture.subject(home.issuer(), clock);
    }

    @AfterEach
    void stop() {
        home.close();
    }

    private TokenChainer chainer() {
        return ChainFixture.intraDomain(home, ChainFixture.identity(API_A, clock), clock).resourceOwnerMode(false).build();
    }

    @Test
    @DisplayName("Targets whose values would run together in a joined key get their own tokens")
    void tokenForWhenTargetsDifferOnlyInHowValuesAreSplitThenSeparateExchanges() {
        AtomicInteger n = new AtomicInteger();
        home.onToken(r -> bearer("at-" + n.incrementAndGet()));
        TokenChainer chainer = chainer();

        ChainedToken a = chainer.tokenFor(subject, ChainTarget.audience("https://b.example|x"));
        ChainedToken b = chainer.tokenFor(subject, ChainTarget.audience("https://b.example").scope("x|"));
        ChainedToken c = chainer.tokenFor(subject, ChainTarget.audience("https://b.example x"));
        ChainedToken d = chainer.tokenFor(subject, ChainTarget.audience("https://b.example", "x"));

        assertThat(List.of(a.value(), b.value(), c.value(), d.value())).doesNotHaveDuplicates();
        assertThat(home.tokenRequests()).hasSize(4);
    }

    @Test
    @DisplayName("Scope values in another order name the same target: one exchange")
    void tokenForWhenSameScopesInOtherOrderThenOneExchange() {
        home.enqueue(bearer("at-1"));
        TokenChainer chainer = chainer();

        chainer.tokenFor(subject, ChainTarget.audience(API_B).scope("orders-read profile"));
        chainer.tokenFor(subject, ChainTarget.audience(API_B).scope("profile orders-read"));

        assertThat(home.tokenRequests()).hasSize(1);
    }

    @Test
    @DisplayName("invalidate drops the cached token: the next call exchanges again")
    void invalidateWhenCachedThenNextCallExchanges() {
        home.enqueue(bearer("at-1"), bearer("at-2"));
        TokenChainer chainer = chainer();
        ChainTarget apiB = ChainTarget.audience(API_B);
        chainer.tokenFor(subject, apiB);

        chainer.invalidate(subject, apiB);

        assertThat(chainer.tokenFor(subject, apiB).value()).isEqualTo("at-2");
        assertThat(home.tokenRequests()).hasSize(2);
    }

    @Test
    @DisplayName("A huge expires_in is bounded, never an arithmetic error: the token is used and cached")
    void tokenForWhenExpiresInIsLongMaxThenTokenUsed() {
        home.enqueue(TestHttpsServer.Reply.json(200, JsonUtil.toJson(Map.of("access_token", "at-forever",
                "token_type", "Bearer", "expires_in", Long.MAX_VALUE,
                "issued_token_type", TokenTypeUri.ACCESS_TOKEN.uri()))));
        TokenChainer chainer = chainer();

        ChainedToken token = chainer.tokenFor(subject, ChainTarget.audience(API_B));

        assertThat(token.value()).isEqualTo("at-forever");
        assertThat(token.expiresAt()).contains(clock.instant().plus(Duration.ofDays(1)));
        assertThat(chainer.tokenFor(subject, ChainTarget.audience(API_B)).value()).isEqualTo("at-forever");
    }

    @Test
    @DisplayName("When the caller leading a flight is interrupted, a waiting caller asks again instead of failing")
    void tokenForWhenLeaderInterruptedThenWaiterRetriesAndSucceeds() throws Exception {
        CountDownLatch firstArrived = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicInteger requests = new AtomicInteger();
        home.onToken(r -> {
            if (requests.incrementAndGet() == 1) {
                firstArrived.countDown();
                await(releaseFirst);
                return bearer("too-late");
            }
            return bearer("at-for-the-waiter");
        });
        JdkHttpTransport slow = ChainFixture.transport(TestTrust.trusting(home.server()), DEADLINE);
        TokenChainer chainer = ChainFixture.intraDomain(home, ChainFixture.identity(API_A, clock), clock)
                .client(ChainFixture.client(slow)).build();
        try {
            CompletableFuture<Throwable> leaderOutcome = new CompletableFuture<>();
            Thread leader = new Thread(() -> {
                try {
                    chainer.tokenFor(subject, ChainTarget.audience(API_B));
                    leaderOutcome.complete(null);
                } catch (Throwable t) {
                    leaderOutcome.complete(t);
                }
            });
            leader.start();
            assertThat(firstArrived.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
            CompletableFuture<ChainedToken> waiter = CompletableFuture.supplyAsync(
                    () -> chainer.tokenFor(subject, ChainTarget.audience(API_B)));
            awaitJoined(chainer, 1);

            leader.interrupt();

            assertThat(waiter.get(DEADLINE.toSeconds(), TimeUnit.SECONDS).value()).isEqualTo("at-for-the-waiter");
            assertThat(leaderOutcome.get(DEADLINE.toSeconds(), TimeUnit.SECONDS))
                    .isInstanceOfSatisfying(TokenEndpointException.class,
                            e -> assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.TRANSPORT));
            assertThat(requests.get()).isEqualTo(2);
        } finally {
            releaseFirst.countDown();
        }
    }

    @Test
    @DisplayName("A cross-domain target whose AS accepts no algorithm of the client key is refused before leg 1")
    void tokenForWhenTargetAsRejectsAssertionAlgorithmThenRefusedBeforeLeg1() {
        try (ScriptedAuthorizationServer target = new ScriptedAuthorizationServer()) {
            target.publish(Map.of("issuer", target.issuer(), "token_endpoint", target.tokenEndpoint().toString(),
                    "token_endpoint_auth_signing_alg_values_supported", List.of("RS256")));
            TokenChainer chainer = crossDomainChainer(target, ChainFixture.identity(ChainFixture.API_A_AT_TARGET, clock));

            TokenEndpointException e = catchThrowableOfType(TokenEndpointException.class,
                    () -> chainer.tokenFor(subject, ChainTarget.crossDomain(target.issuer())));

            assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.LOCAL_REQUEST);
            assertThat(e.getMessage()).contains("RS256");
            assertThat(home.tokenRequests()).as("no one-time grant spent on a request that could never be sent").isEmpty();
        }
    }

    @Test
    @DisplayName("CL-41, CL-69: a target AS that asks for a DPoP nonce gets the retry with a new grant, never the used one")
    void tokenForWhenTargetAsAsksForNonceThenRetryWithNewGrant() {
        try (ScriptedAuthorizationServer target = new ScriptedAuthorizationServer()) {
            AtomicInteger grants = new AtomicInteger();
            home.onToken(r -> ScriptedAuthorizationServer.token("grant-" + grants.incrementAndGet(), "N_A", 120,
                    ChainFixture.JWT_TYPE, null));
            AtomicInteger leg2 = new AtomicInteger();
            target.onToken(r -> leg2.incrementAndGet() == 1
                    ? TestHttpsServer.Reply.json(400, "{\"error\":\"use_dpop_nonce\"}", Map.of("DPoP-Nonce", "target-nonce-1"))
                    : ScriptedAuthorizationServer.token("domain-b-at", "DPoP", 300, ChainFixture.ACCESS_TOKEN_TYPE, null));
            TokenChainer chainer = crossDomainChainer(target,
                    ChainFixture.identityWithDpop(ChainFixture.API_A_AT_TARGET, clock));

            ChainedToken token = chainer.tokenFor(subject, ChainTarget.crossDomain(target.issuer()).requireDpop());

            assertThat(token.value()).isEqualTo("domain-b-at");
            assertThat(target.tokenRequests()).extracting(r -> r.formValue("assertion"))
                    .containsExactly("grant-1", "grant-2");
            assertThat(home.tokenRequests()).hasSize(2);
        }
    }

    @Test
    @DisplayName("CL-37: a subject token built from its parts is not user-bound when sub equals the client")
    void accessTokenWhenSubEqualsClientThenNotUserBound() {
        SubjectToken user = SubjectToken.accessToken("eyJ.a.b", home.issuer(), Instant.now(), Set.of("x"), "user-1", API_A);
        SubjectToken clientCredentials = SubjectToken.accessToken("eyJ.a.b", home.issuer(), Instant.now(), Set.of("x"),
                API_A, API_A);

        assertThat(user.userBound()).isTrue();
        assertThat(clientCredentials.userBound()).isFalse();
    }

    @Test
    @DisplayName("GEN-01: one transport and one transport security serve token requests and discovery alike")
    void builderWhenTransportGivenThenUsedForDiscoveryAndTokenRequests() {
        home.enqueue(bearer("at-1"));
        TokenChainer chainer = TokenChainer.builder(home.issuer())
                .identity(home.issuer(), ChainFixture.identity(API_A, clock))
                .transport(home.transport())
                .clock(clock)
                .build();

        assertThat(chainer.tokenFor(subject, ChainTarget.audience(API_B)).value()).isEqualTo("at-1");
        assertThat(home.server().received()).extracting(TestHttpsServer.Received::path)
                .containsExactly("/.well-known/oauth-authorization-server", "/token");
    }

    private TokenChainer crossDomainChainer(ScriptedAuthorizationServer target, ClientIdentity atTarget) {
        JdkHttpTransport trustingBoth = ChainFixture.transport(TestTrust.trusting(home.server(), target.server()),
                Duration.ofSeconds(2));
        return TokenChainer.builder(home.issuer())
                .identity(home.issuer(), ChainFixture.identity(API_A, clock))
                .identity(target.issuer(), atTarget)
                .client(ChainFixture.client(trustingBoth))
                .discovery(ChainFixture.discovery(trustingBoth, clock))
                .clock(clock)
                .build();
    }

    private static void awaitJoined(TokenChainer chainer, long joined) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (chainer.stats().joinedFlights() < joined) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("callers did not join the flight within " + DEADLINE);
            }
            Thread.onSpinWait();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
