package org.enachain.sts.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enachain.sts.engine.ExchangeTestSupport.*;
import static org.enachain.sts.engine.StsFixture.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * REQUIREMENTS 6.6: the {@code act} claim of exchanged access tokens (Chaining 2.4.1, RFC 8693 4.1;
 * STS-60 to STS-64, A-10, A-11).
 */
class ActorClaimTest {

    private final StsFixture sts = StsFixture.create();

    /**
     * The actors of an {@code act} claim from the outermost to the innermost level, asserting that
     * every level is an object whose actor is a {@code sub} string.
     */
    private static List<String> actors(Object act) {
        List<String> actors = new ArrayList<>();
        Object level = act;
        while (level != null) {
            assertThat(level).as("an act level").isInstanceOf(Map.class);
            Map<?, ?> map = (Map<?, ?>) level;
            assertThat(map.get("sub")).as("the actor's sub").isInstanceOf(String.class);
            actors.add((String) map.get("sub"));
            level = map.get("act");
        }
        return actors;
    }

    @Test
    @DisplayName("STS-60: an exchanged access token carries act")
    void whenExchangedThenActIsPresent() {
        String subject = sts.aliceTokenForApiA();
        assertThat(claimsOf(subject)).doesNotContainKey("act");
        assertThat(issuedClaims(sts.exchange(API_A, subject, API_B, "b-read", false))).containsKey("act");
    }

    @Test
    @DisplayName("STS-61, STS-62: the outermost act.sub is the requester and equals client_id; every actor is a sub")
    void whenExchangedThenOutermostActorIsTheRequesterAndClientId() {
        Map<String, Object> claims = issuedClaims(sts.exchange(API_A, sts.aliceTokenForApiA(), API_B, "b-read", false));
        List<String> actors = actors(claims.get("act"));
        assertThat(actors.get(0)).isEqualTo(API_A).isEqualTo(claims.get("client_id"));
    }

    @Test
    @DisplayName("STS-62: act.sub equals client_id also at the second hop")
    void whenExchangedTwiceThenOutermostActorEqualsClientIdAgain() {
        String tokenForB = accessToken(sts.exchange(API_A, sts.aliceTokenForApiA(), API_B, "c-read", false));
        Map<String, Object> claims = issuedClaims(sts.exchange(API_B, tokenForB, API_C, "c-read", true));
        assertThat(actors(claims.get("act")).get(0)).isEqualTo(API_B).isEqualTo(claims.get("client_id"));
    }

    @Test
    @DisplayName("STS-63: a subject token without act nests its client_id under the requester (A-11)")
    void whenSubjectHasNoActThenItsClientIsNested() {
        Map<String, Object> claims = issuedClaims(sts.exchange(API_A, sts.aliceTokenForApiA(), API_B, "b-read", false));
        assertThat(claims.get("act")).isEqualTo(Map.of("sub", API_A, "act", Map.of("sub", APP)));
    }

    @Test
    @DisplayName("STS-63: a subject token with act has that act nested under the requester, not its client_id (A-11)")
    void whenSubjectHasActThenItsActIsNested() {
        Map<String, Object> subject = userTokenClaims(sts);
        Map<String, Object> prior = Map.of("sub", "https://gateway.domain-a.test", "act", Map.of("sub", APP));
        subject.put("act", prior);
        Map<String, Object> claims = issuedClaims(sts.exchange(API_A, craftedAccessToken(subject), API_B, "b-read", false));
        assertThat(claims.get("act")).isEqualTo(Map.of("sub", API_A, "act", prior));
    }

    @Test
    @DisplayName("STS-63: the app exchanging its own exchange-only token gets act with itself only (A-11)")
    void whenAppExchangesItsOwnExchangeOnlyTokenThenActNamesOnlyTheApp() {
        String exchangeOnly = (String) sts.login(ISSUER_A, "a-read b-read", false).get("access_token");
        Map<String, Object> claims = issuedClaims(sts.exchange(APP, exchangeOnly, API_B, "b-read", false));
        assertThat(claims.get("act")).isEqualTo(Map.of("sub", APP));
        assertThat(claims).containsEntry("client_id", APP);
    }

    @Test
    @DisplayName("STS-63: a subject chain of 31 actors is kept whole below the requester, 32 levels")
    void whenSubjectChainHas31ActorsThenAll32AreKept() {
        Map<String, Object> subject = userTokenClaims(sts);
        Map<String, Object> prior = actorChain("https://gateway.domain-a.test", 31);
        subject.put("act", prior);

        Map<String, Object> claims = issuedClaims(sts.exchange(API_A, craftedAccessToken(subject), API_B, "b-read", false));

        assertThat(claims.get("act")).isEqualTo(Map.of("sub", API_A, "act", prior));
        assertThat(actors(claims.get("act"))).hasSize(32);
    }

    @Test
    @DisplayName("STS-63: a subject chain of 32 actors, to which the requester would add a 33rd level, is invalid_request for a token and a grant")
    void whenSubjectChainHas32ActorsThenInvalidRequest() {
        Map<String, Object> subject = userTokenClaims(sts);
        subject.put("act", actorChain("https://gateway.domain-a.test", 32));
        String token = craftedAccessToken(subject);

        assertRejected(sts.exchange(API_A, token, API_B, "b-read", false), 400, "invalid_request", token);
        assertRejected(sts.grantFor(API_A, token, "a-read"), 400, "invalid_request", token);
    }

    @Test
    @DisplayName("STS-63, STS-64: two hops app → api-a → api-b → api-c nest in order: api-b, api-a, app (A-10)")
    void whenExchangedTwiceThenChainRunsFromLatestRequesterToTheApplication() {
        String tokenForB = accessToken(sts.exchange(API_A, sts.aliceTokenForApiA(), API_B, "c-read", false));
        Map<String, Object> claims = issuedClaims(sts.exchange(API_B, tokenForB, API_C, "c-read", true));
        List<String> actors = actors(claims.get("act"));
        assertThat(actors).containsExactly(API_B, API_A, APP);
        assertThat(actors.get(actors.size() - 1)).as("innermost: the original application").isEqualTo(APP);
        assertThat(actors.get(0)).as("outermost: the latest requester").isEqualTo(API_B);
    }
}
