package org.enachain.core.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.enachain.core.chain.ChainFixture.API_A;
import static org.enachain.core.chain.ChainFixture.API_B;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.enachain.core.client.TokenEndpointException;
import org.enachain.core.http.HttpTransport;
import org.enachain.core.testing.MutableClock;
import org.enachain.core.testing.ScriptedAuthorizationServer;
import org.enachain.core.testing.TestHttpsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Single flight: concurrent misses for one key make exactly one request, and every caller gets its
 * result or its error. Deterministic without sleeping: the home AS (or the transport) holds the one
 * request until the test has seen, through {@link TokenChainer.Stats#joinedFlights()}, that every
 * other caller has joined it; only then is it released.
 */
class TokenChainerSingleFlightTest {

    /** How long the test waits for anything: far beyond what a healthy run needs. */
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final int CALLERS = 200;

    private final MutableClock clock = MutableClock.atFixedStart();
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
    private ScriptedAuthorizationServer home;
    private SubjectToken subject;

    @BeforeEach
    void startHomeAs() {
        home = new ScriptedAuthorizationServer();
        subject = ChainFixture.subject(home.issuer(), clock);
    }

    @AfterEach
    void stop() {
        release.countDown();
        callers.shutdownNow();
        home.close();
    }

    /** A chainer whose token requests wait far longer than {@link #DEADLINE}, so only the test decides when the AS answers. */
    private TokenChainer chainer() {
        return chainerSendingThrough(ChainFixture.transport(home.server().trustingContext(), DEADLINE.multipliedBy(2)));
    }

    private TokenChainer chainerSendingThrough(HttpTransport transport) {
        return ChainFixture.intraDomain(home, ChainFixture.identity(API_A, clock), clock)
                .client(ChainFixture.client(transport))
                .build();
    }

    /** The home AS holds every token request until the test releases it, then answers with {@code answer}. */
    private void holdTokenRequestsThenAnswer(Function<TestHttpsServer.Received, TestHttpsServer.Reply> answer) {
        home.onToken(r -> awaitRelease() ? answer.apply(r)
                : ScriptedAuthorizationServer.error(500, "server_error", "the test never released the request"));
    }

    private boolean awaitRelease() {
        try {
            return release.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Spins until {@code expected} callers have joined another caller's flight; fails the test after the deadline. */
    private static void awaitJoined(TokenChainer chainer, long expected) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (chainer.stats().joinedFlights() < expected) {
            if (System.nanoTime() - deadline > 0) {
                fail("Only %d of %d callers joined a flight within %s", chainer.stats().joinedFlights(), expected, DEADLINE);
            }
            Thread.onSpinWait();
        }
    }

    private <T> T outcome(Future<T> future) throws Exception {
        return future.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }

    private Throwable failureOf(Future<?> future) throws Exception {
        try {
            future.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        return fail("The call succeeded, but the flight it joined failed");
    }

    private List<Future<ChainedToken>> callConcurrently(int n, Callable<ChainedToken> call) {
        List<Future<ChainedToken>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(callers.submit(call));
        }
        return calls;
    }

    @Test
    @DisplayName("200 concurrent calls for one key make exactly one token request and all get the same token")
    void tokenForWhen200ConcurrentCallsForOneKeyThenOneRequestAndSameToken() throws Exception {
        holdTokenRequestsThenAnswer(r -> ChainFixture.bearer("the-one-token"));
        TokenChainer chainer = chainer();

        List<Future<ChainedToken>> calls = callConcurrently(CALLERS, () -> chainer.tokenFor(subject, ChainTarget.audience(API_B)));
        awaitJoined(chainer, CALLERS - 1);
        release.countDown();

        List<String> tokens = new ArrayList<>();
        for (Future<ChainedToken> call : calls) {
            tokens.add(outcome(call).value());
        }
        assertThat(tokens).hasSize(CALLERS).containsOnly("the-one-token");
        assertThat(home.tokenRequests()).hasSize(1);
        assertThat(chainer.stats().tokenRequests()).isEqualTo(1);
        assertThat(chainer.stats().joinedFlights()).isEqualTo(CALLERS - 1);
    }

    @Test
    @DisplayName("10 keys with 20 concurrent calls each make exactly 10 token requests, one per key, each caller getting its key's token")
    void tokenForWhenTenKeysWithTwentyConcurrentCallsEachThenTenRequests() throws Exception {
        // A token is b64token characters only: the audience's host names the token.
        holdTokenRequestsThenAnswer(r -> ChainFixture.bearer("token-for-" + java.net.URI.create(r.formValue("audience")).getHost()));
        TokenChainer chainer = chainer();
        List<String> audiences = new ArrayList<>();
        List<List<Future<ChainedToken>>> callsPerKey = new ArrayList<>();

        for (int k = 0; k < 10; k++) {
            String audience = "https://api-" + k + ".example.com";
            audiences.add(audience);
            callsPerKey.add(callConcurrently(20, () -> chainer.tokenFor(subject, ChainTarget.audience(audience))));
        }
        awaitJoined(chainer, 10 * 19);
        release.countDown();

        for (int k = 0; k < 10; k++) {
            for (Future<ChainedToken> call : callsPerKey.get(k)) {
                assertThat(outcome(call).value()).isEqualTo("token-for-api-" + k + ".example.com");
            }
        }
        assertThat(home.tokenRequests()).hasSize(10);
        assertThat(home.tokenRequests()).extracting(r -> r.formValue("audience"))
                .containsExactlyInAnyOrderElementsOf(audiences);
    }

    @Test
    @DisplayName("When the one request of a flight gets an OAuth error, every caller of that flight gets that error")
    void tokenForWhenFlightFailsWithOAuthErrorThenEveryCallerGetsThatError() throws Exception {
        holdTokenRequestsThenAnswer(r -> ScriptedAuthorizationServer.error(400, "invalid_target", "unknown audience"));
        TokenChainer chainer = chainer();

        List<Future<ChainedToken>> calls = callConcurrently(CALLERS, () -> chainer.tokenFor(subject, ChainTarget.audience(API_B)));
        awaitJoined(chainer, CALLERS - 1);
        release.countDown();

        for (Future<ChainedToken> call : calls) {
            Throwable failure = failureOf(call);
            assertThat(failure).isInstanceOf(TokenEndpointException.class);
            TokenEndpointException e = (TokenEndpointException) failure;
            assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.OAUTH_ERROR);
            assertThat(e.errorCode()).contains("invalid_target");
            assertThat(e.authorizationServer()).isEqualTo(home.issuer());
        }
        assertThat(home.tokenRequests()).hasSize(1);
        assertThat(chainer.stats().cachedTokens()).isZero();
    }

    @Test
    @DisplayName("When the one request of a flight dies with an Error, every caller of that flight gets it instead of waiting forever")
    void tokenForWhenFlightDiesWithErrorThenEveryCallerGetsItInsteadOfWaiting() throws Exception {
        TokenChainer chainer = chainerSendingThrough(request -> {
            awaitRelease();
            throw new NoClassDefFoundError("simulated: a class the token request needs cannot be loaded");
        });

        List<Future<ChainedToken>> calls = callConcurrently(20, () -> chainer.tokenFor(subject, ChainTarget.audience(API_B)));
        awaitJoined(chainer, 19);
        release.countDown();

        for (Future<ChainedToken> call : calls) {
            assertThat(failureOf(call)).isInstanceOf(NoClassDefFoundError.class).hasMessageStartingWith("simulated");
        }
    }

    @Test
    @DisplayName("After a failed flight the next call starts a new one: the failure is not cached")
    void tokenForWhenPreviousFlightFailedThenNextCallSendsNewRequest() throws Exception {
        holdTokenRequestsThenAnswer(r -> home.tokenRequests().size() == 1
                ? ScriptedAuthorizationServer.error(400, "invalid_target", "unknown audience")
                : ChainFixture.bearer("after-the-failure"));
        TokenChainer chainer = chainer();
        List<Future<ChainedToken>> failed = callConcurrently(20, () -> chainer.tokenFor(subject, ChainTarget.audience(API_B)));
        awaitJoined(chainer, 19);
        release.countDown();
        for (Future<ChainedToken> call : failed) {
            failureOf(call);
        }

        ChainedToken next = chainer.tokenFor(subject, ChainTarget.audience(API_B));

        assertThat(next.value()).isEqualTo("after-the-failure");
        assertThat(home.tokenRequests()).hasSize(2);
    }
}
