package org.enachain.core.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enachain.core.chain.ChainFixture.API_A;
import static org.enachain.core.chain.ChainFixture.API_B;
import static org.enachain.core.chain.ChainFixture.bearer;

import org.enachain.core.client.TokenExchangeRequest;
import org.enachain.core.testing.JwtFixture;
import org.enachain.core.testing.MutableClock;
import org.enachain.core.testing.ScriptedAuthorizationServer;
import org.enachain.core.testing.TestHttpsServer;
import org.enachain.core.testing.TestKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The intra-domain exchange (Chaining 2): what the chainer sends to the home AS and what it hands back. */
class TokenChainerExchangeTest {

    private final MutableClock clock = MutableClock.atFixedStart();
    private ScriptedAuthorizationServer home;

    @BeforeEach
    void startHomeAs() {
        home = new ScriptedAuthorizationServer();
    }

    @AfterEach
    void stopHomeAs() {
        home.close();
    }

    private TokenChainer chainer() {
        return ChainFixture.intraDomain(home, ChainFixture.identity(API_A, clock), clock).build();
    }

    private String inboundToken() {
        return ChainFixture.inbound(home.issuer(), clock.instant()).compact();
    }

    private SubjectToken subject(String compact) {
        return ChainFixture.validated(compact, home.issuer(), clock);
    }

    @Test
    @DisplayName("CL-13: the first call for a target makes exactly one token-exchange request at the home AS")
    void tokenForWhenFirstCallThenExactlyOneTokenExchangeRequest() {
        home.enqueue(bearer("at-for-api-b"));

        chainer().tokenFor(subject(inboundToken()), ChainTarget.audience(API_B));

        assertThat(home.tokenRequests()).hasSize(1);
        TestHttpsServer.Received request = home.tokenRequests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.formValue("grant_type")).isEqualTo(TokenExchangeRequest.GRANT_TYPE);
        assertThat(request.formValue("audience")).isEqualTo(API_B);
        assertThat(request.formValue("client_id")).isEqualTo(API_A);
    }

    @Test
    @DisplayName("CL-15: subject_token is the inbound access token exactly as received")
    void tokenForWhenExchangingThenSubjectTokenIsByteEqualToInboundToken() {
        String inbound = inboundToken();
        home.enqueue(bearer("at-for-api-b"));

        chainer().tokenFor(subject(inbound), ChainTarget.audience(API_B));

        assertThat(home.tokenRequests().get(0).form().get("subject_token")).containsExactly(inbound);
        assertThat(home.tokenRequests().get(0).body()).contains("subject_token=" + inbound + "&");
    }

    @Test
    @DisplayName("CL-12: the chained token is the one the AS issued for the downstream resource, not the inbound token")
    void tokenForWhenAsAnswersThenReturnsIssuedTokenNotInboundToken() {
        String inbound = inboundToken();
        String issuedForApiB = JwtFixture.accessToken(TestKeys.AS_ES256, clock.instant())
                .claim("iss", home.issuer()).claim("aud", API_B).claim("client_id", API_A).compact();
        home.enqueue(bearer(issuedForApiB));

        ChainedToken chained = chainer().tokenFor(subject(inbound), ChainTarget.audience(API_B));

        assertThat(chained.value()).isEqualTo(issuedForApiB).isNotEqualTo(inbound);
        assertThat(chained.authorizationHeader()).isEqualTo("Bearer " + issuedForApiB).doesNotContain(inbound);
        assertThat(chained.issuer()).isEqualTo(home.issuer());
    }

    @Test
    @DisplayName("CL-13: a second call with the same token and target is served from the cache, without a request")
    void tokenForWhenSameTokenAndTargetAgainThenServedFromCache() {
        SubjectToken subject = subject(inboundToken());
        home.enqueue(bearer("at-for-api-b"));
        TokenChainer chainer = chainer();
        ChainedToken first = chainer.tokenFor(subject, ChainTarget.audience(API_B));

        ChainedToken second = chainer.tokenFor(subject, ChainTarget.audience(API_B));

        assertThat(second.value()).isEqualTo(first.value()).isEqualTo("at-for-api-b");
        assertThat(home.tokenRequests()).hasSize(1);
        assertThat(chainer.stats().cacheHits()).isEqualTo(1);
        assertThat(chainer.stats().tokenRequests()).isEqualTo(1);
    }

    @Test
    @DisplayName("CL-17, CL-28: a target deduced from the scope is requested with that scope and no audience or resource")
    void tokenForWhenTargetDeducedFromScopeThenScopeSentWithoutTargetParameters() {
        home.enqueue(bearer("at-for-orders"));

        chainer().tokenFor(subject(inboundToken()), ChainTarget.deducedFromScope("orders-read"));

        TestHttpsServer.Received request = home.tokenRequests().get(0);
        assertThat(request.formValue("scope")).isEqualTo("orders-read");
        assertThat(request.form()).doesNotContainKeys("audience", "resource");
    }

    @Test
    @DisplayName("CL-24: a target named by resource is requested with resource and no audience")
    void tokenForWhenTargetNamedByResourceThenResourceSent() {
        home.enqueue(bearer("at-for-api-b"));

        chainer().tokenFor(subject(inboundToken()), ChainTarget.resource(API_B + "/orders"));

        TestHttpsServer.Received request = home.tokenRequests().get(0);
        assertThat(request.form().get("resource")).containsExactly(API_B + "/orders");
        assertThat(request.form()).doesNotContainKey("audience");
    }
}
