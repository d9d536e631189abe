package org.enachain.core.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.enachain.core.chain.ChainFixture.ACCESS_TOKEN_TYPE;
import static org.enachain.core.chain.ChainFixture.API_A;
import static org.enachain.core.chain.ChainFixture.API_B;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import org.enachain.core.client.TokenEndpointException;
import org.enachain.core.testing.MutableClock;
import org.enachain.core.testing.ScriptedAuthorizationServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The cache of chained tokens: keyed by subject token, its type and the target (scopes included); an
 * entry lives until min(token expiry, subject token expiry) minus 30 s; bounded; no failures cached.
 * The home AS numbers its tokens (at-1, at-2, ...) so a test sees whether an answer is new. The inbound
 * token expires 300 s after the clock's start.
 */
class TokenChainerCacheTest {

    private static final String API_C = "https://api-c.example.com";

    private final MutableClock clock = MutableClock.atFixedStart();
    private final AtomicInteger issued = new AtomicInteger();
    private ScriptedAuthorizationServer home;
    private SubjectToken subject;

    @BeforeEach
    void startHomeAs() {
        home = new ScriptedAuthorizationServer();
        answerWithExpiresIn(n -> 300);
        subject = ChainFixture.subject(home.issuer(), clock);
    }

    @AfterEach
    void stopHomeAs() {
        home.close();
    }

    /** The home AS answers each request with a new Bearer token at-n whose expires_in is {@code expiresIn(n)}. */
    private void answerWithExpiresIn(IntUnaryOperator expiresIn) {
        home.onToken(r -> {
            int n = issued.incrementAndGet();
            return ScriptedAuthorizationServer.token("at-" + n, "Bearer", expiresIn.applyAsInt(n), ACCESS_TOKEN_TYPE, null);
        });
    }

    private TokenChainer.Builder chainer() {
        return ChainFixture.intraDomain(home, ChainFixture.identity(API_A, clock), clock);
    }

    // ---------------------------------------------------------------- the key

    @Test
    @DisplayName("The same target with another scope is a new exchange, not a cache hit")
    void tokenForWhenScopeDiffersThenNewExchange() {
        TokenChainer chainer = chainer().build();
        chainer.tokenFor(subject, ChainTarget.audience(API_B).scope("orders-read"));

        ChainedToken other = chainer.tokenFor(subject, ChainTarget.audience(API_B).scope("profile"));

        assertThat(other.value()).isEqualTo("at-2");
        assertThat(home.tokenRequests()).hasSize(2);
        assertThat(home.tokenRequests().get(1).formValue("scope")).isEqualTo("profile");
        assertThat(chainer.stats().cacheHits()).isZero();
    }

    @Test
    @DisplayName("The same subject token for another target is a new exchange, not a cache hit")
    void tokenForWhenTargetDiffersThenNewExchange() {
        TokenChainer chainer = chainer().build();
        chainer.tokenFor(subject, ChainTarget.audience(API_B));

        ChainedToken other = chainer.tokenFor(subject, ChainTarget.audience(API_C));

        assertThat(other.value()).isEqualTo("at-2");
        assertThat(home.tokenRequests()).hasSize(2);
        assertThat(home.tokenRequests().get(1).formValue("audience")).isEqualTo(API_C);
        assertThat(chainer.stats().cacheHits()).isZero();
    }

    @Test
    @DisplayName("Another subject token for the same target is a new exchange, not a cache hit")
    void tokenForWhenSubjectTokenDiffersThenNewExchange() {
        TokenChainer chainer = chainer().build();
        chainer.tokenFor(subject, ChainTarget.audience(API_B));
        SubjectToken otherCaller = ChainFixture.validated(ChainFixture.inbound(home.issuer(), clock.instant())
                .claim("sub", "user-4712").compact(), home.issuer(), clock);

        ChainedToken other = chainer.tokenFor(otherCaller, ChainTarget.audience(API_B));

        assertThat(other.value()).isEqualTo("at-2");
        assertThat(home.tokenRequests()).hasSize(2);
        assertThat(home.tokenRequests().get(1).formValue("subject_token")).isEqualTo(otherCaller.value());
        assertThat(chainer.stats().cacheHits()).isZero();
    }

    // ---------------------------------------------------------------- lifetime

    @Test
    @DisplayName("A token with expires_in 120 s is served from the cache until just before 120 s - 30 s skew")
    void tokenForWhenJustBeforeTokenExpiryMinusSkewThenServedFromCache() {
        answerWithExpiresIn(n -> 120);
        TokenChainer chainer = chainer().build();
        chainer.tokenFor(subject, ChainTarget.audience(API_B));
        clock.advance(Duration.ofSeconds(89));

        ChainedToken again = chainer.tokenFor(subject, ChainTarget.audience(API_B));

        assertThat(again.value()).isEqualTo("at-1");
        assertThat(home.tokenRequests()).hasSize(1);
    }

    @Test
    @DisplayName("A token with expires_in 120 s is exchanged anew from 120 s - 30 s skew on")
    void tokenForWhenAtTokenExpiryMinusSkewThenNewExchange() {
        answerWithExpiresIn(n -> 120);
        TokenChainer chainer = chainer().build();
        chainer.tokenFor(subject, ChainTarget.audience(API_B));
        clock.advance(Duration.ofSeconds(90));

        ChainedToken again = chainer.tokenFor(subject, ChainTarget.audience(API_B));

        assertThat(again.value()).isEqualTo("at-2");
        assertThat(home.tokenRequests()).hasSize(2);
    }

    @Test
    @DisplayName("A token outliving its subject token (exp 300 s) is served from the cache until just before 300 s - 30 s")
    void tokenForWhenJustBeforeSubjectExpiryMinusSkewThenServedFromCache() {
        answerWithExpiresIn(n -> 3600);
        TokenChainer chainer = chainer().build();
        chainer.tokenFor(subject, ChainTarget.audience(API_B));
        clock.advance(Duration.ofSeconds(269));

        ChainedToken again = chainer.tokenFor(subject, ChainTarget.audience(API_B));

        assertThat(again.value()).isEqualTo("at-1");
        assertThat(home.tokenRequests()).hasSize(1);
    }

    @Test
    @DisplayName("A token outliving its subject token (exp 300 s) is exchanged anew from 300 s - 30 s on")
    void tokenForWhenAtSubjectExpiryMinusSkewThenNewExchange() {
        answerWithExpiresIn(n -> 3600);
        TokenChainer chainer = chainer().build();
        chainer.tokenFor(subject, ChainTarget.audience(API_B));
        clock.advance(Duration.ofSeconds(270));

        ChainedToken again = chainer.tokenFor(subject, ChainTarget.audience(API_B));

        assertThat(again.value()).isEqualTo("at-2");
        assertThat(home.tokenRequests()).hasSize(2);
    }

    @Test
    @DisplayName("An answer without expires_in is not cached: the next call exchanges again")
    void tokenForWhenAnswerHasNoExpiresInThenNotCached() {
        answerWithExpiresIn(n -> 0); // the scripted server leaves expires_in out for 0
        TokenChainer chainer = chainer().build();
        ChainedToken first = chainer.tokenFor(subject, ChainTarget.audience(API_B));

        ChainedToken second = chainer.tokenFor(subject, ChainTarget.audience(API_B));

        assertThat(first.expiresAt()).isEmpty();
        assertThat(second.value()).isEqualTo("at-2");
        assertThat(home.tokenRequests()).hasSize(2);
        assertThat(chainer.stats().cachedTokens()).isZero();
    }

    @Test
    @DisplayName("A failed exchange is not cached: after an HTTP 500 the next call exchanges again and succeeds")
    void tokenForWhenFirstExchangeFailsThenNextCallExchangesAgain() {
        home.onToken(r -> issued.incrementAndGet() == 1 ? ScriptedAuthorizationServer.error(500, "server_error", "try later")
                : ChainFixture.bearer("at-after-500"));
        TokenChainer chainer = chainer().build();
        TokenEndpointException failure = catchThrowableOfType(TokenEndpointException.class,
                () -> chainer.tokenFor(subject, ChainTarget.audience(API_B)));

        ChainedToken second = chainer.tokenFor(subject, ChainTarget.audience(API_B));

        assertThat(failure.httpStatus()).isEqualTo(500);
        assertThat(failure.isTransient()).isTrue();
        assertThat(second.value()).isEqualTo("at-after-500");
        assertThat(home.tokenRequests()).hasSize(2);
    }

    // ---------------------------------------------------------------- bounds

    @Test
    @DisplayName("The cache holds at most maxCacheEntries tokens: a fourth key with room for three leaves three")
    void tokenForWhenMoreKeysThanMaxEntriesThenCacheStaysBounded() {
        TokenChainer chainer = chainer().maxCacheEntries(3).build();

        for (int k = 1; k <= 4; k++) {
            chainer.tokenFor(subject, ChainTarget.audience("https://api-" + k + ".example.com"));
            assertThat(chainer.stats().cachedTokens()).as("after key %d", k).isLessThanOrEqualTo(3);
        }

        assertThat(chainer.stats().cachedTokens()).isEqualTo(3);
        assertThat(home.tokenRequests()).hasSize(4);
    }

    @Test
    @DisplayName("A full cache evicts an expired entry before a live one, even when the live one is older")
    void tokenForWhenCacheFullWithAnExpiredEntryThenExpiredEntryEvictedFirst() {
        // at-1 (oldest) and at-3 live until 270 s; at-2 (inserted in the middle) only until 30 s.
        answerWithExpiresIn(n -> n == 2 ? 60 : 3600);
        TokenChainer chainer = chainer().maxCacheEntries(3).build();
        chainer.tokenFor(subject, ChainTarget.audience("https://api-1.example.com"));
        chainer.tokenFor(subject, ChainTarget.audience("https://api-2.example.com"));
        chainer.tokenFor(subject, ChainTarget.audience("https://api-3.example.com"));
        clock.advance(Duration.ofSeconds(31));

        chainer.tokenFor(subject, ChainTarget.audience("https://api-4.example.com"));

        assertThat(chainer.stats().cachedTokens()).isEqualTo(3);
        assertThat(chainer.tokenFor(subject, ChainTarget.audience("https://api-1.example.com")).value()).isEqualTo("at-1");
        assertThat(chainer.tokenFor(subject, ChainTarget.audience("https://api-3.example.com")).value()).isEqualTo("at-3");
        assertThat(chainer.tokenFor(subject, ChainTarget.audience("https://api-4.example.com")).value()).isEqualTo("at-4");
        assertThat(home.tokenRequests()).hasSize(4);
        assertThat(chainer.stats().cacheHits()).isEqualTo(3);
    }

    @Test
    @DisplayName("A full cache without expired entries evicts the entry due soonest, not the oldest")
    void tokenForWhenCacheFullWithoutExpiredEntryThenSoonestDueEvicted() {
        // refresh at: at-1 170 s, at-2 70 s, at-3 220 s, at-4 270 s (capped by the subject token).
        answerWithExpiresIn(n -> switch (n) {
            case 1 -> 200;
            case 2 -> 100;
            case 3 -> 250;
            default -> 3600;
        });
        TokenChainer chainer = chainer().maxCacheEntries(3).build();
        for (int k = 1; k <= 4; k++) {
            chainer.tokenFor(subject, ChainTarget.audience("https://api-" + k + ".example.com"));
        }

        assertThat(chainer.tokenFor(subject, ChainTarget.audience("https://api-1.example.com")).value()).isEqualTo("at-1");
        assertThat(chainer.tokenFor(subject, ChainTarget.audience("https://api-3.example.com")).value()).isEqualTo("at-3");
        assertThat(chainer.tokenFor(subject, ChainTarget.audience("https://api-4.example.com")).value()).isEqualTo("at-4");
        assertThat(home.tokenRequests()).hasSize(4);
        ChainedToken second = chainer.tokenFor(subject, ChainTarget.audience("https://api-2.example.com"));
        assertThat(second.value()).as("api-2 was evicted and is exchanged again").isEqualTo("at-5");
    }

    // ---------------------------------------------------------------- the answer

    @Test
    @DisplayName("A cached token reports its own expiry: the time of the answer plus expires_in")
    void tokenForWhenAnsweredThenExpiresAtIsAnswerTimePlusExpiresIn() {
        answerWithExpiresIn(n -> 120);

        ChainedToken chained = chainer().build().tokenFor(subject, ChainTarget.audience(API_B));

        assertThat(chained.expiresAt()).contains(clock.instant().plusSeconds(120));
    }
}
