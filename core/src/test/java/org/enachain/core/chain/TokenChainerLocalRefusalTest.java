package org.enachain.core.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.enachain.core.chain.ChainFixture.API_A;
import static org.enachain.core.chain.ChainFixture.API_A_AT_TARGET;
import static org.enachain.core.chain.ChainFixture.API_B;
import static org.enachain.core.chain.ChainFixture.JWT_TYPE;

import java.time.Duration;
import java.util.Set;
import org.enachain.core.client.TokenEndpointClient;
import org.enachain.core.client.TokenEndpointException;
import org.enachain.core.http.JdkHttpTransport;
import org.enachain.core.testing.JwtFixture;
import org.enachain.core.testing.MutableClock;
import org.enachain.core.testing.ScriptedAuthorizationServer;
import org.enachain.core.testing.TestTrust;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the chainer refuses before anything is sent (Chaining 3.3.2, 4.3; ): a subject
 * token of another issuer, an expired one, one without a user, and in resource-owner mode a scope the
 * subject token lacks. Each refusal is a {@code LOCAL_REQUEST} and neither AS sees any request — not
 * even a metadata lookup. Each test starts from a chain that works and changes one thing.
 */
class TokenChainerLocalRefusalTest {

    private static final String OTHER_ISSUER = "https://as.other.example";

    /** The two flows a subject token can start. */
    enum Flow {
        INTRA_DOMAIN, CROSS_DOMAIN
    }

    private final MutableClock clock = MutableClock.atFixedStart();
    private ScriptedAuthorizationServer home;
    private ScriptedAuthorizationServer target;

    @BeforeEach
    void startServers() {
        home = new ScriptedAuthorizationServer();
        target = new ScriptedAuthorizationServer();
        home.onToken(r -> JWT_TYPE.equals(r.formValue("requested_token_type"))
                ? ScriptedAuthorizationServer.token("grant", "N_A", 120, JWT_TYPE, null)
                : ChainFixture.bearer("at-for-api-b"));
        target.enqueue(ChainFixture.bearer("at-in-domain-b"));
    }

    @AfterEach
    void stopServers() {
        home.close();
        target.close();
    }

    private TokenChainer.Builder chainer() {
        JdkHttpTransport trustingBoth = ChainFixture.transport(TestTrust.trusting(home.server(), target.server()),
                Duration.ofSeconds(2));
        TokenEndpointClient client = ChainFixture.client(trustingBoth);
        return TokenChainer.builder(home.issuer())
                .identity(home.issuer(), ChainFixture.identity(API_A, clock))
                .identity(target.issuer(), ChainFixture.identity(API_A_AT_TARGET, clock))
                .client(client)
                .discovery(ChainFixture.discovery(trustingBoth, clock))
                .clock(clock);
    }

    private ChainTarget target(Flow flow) {
        return flow == Flow.INTRA_DOMAIN ? ChainTarget.audience(API_B) : ChainTarget.crossDomain(target.issuer());
    }

    private TokenEndpointException refusal(TokenChainer chainer, SubjectToken subject, ChainTarget chainTarget) {
        TokenEndpointException e = catchThrowableOfType(TokenEndpointException.class,
                () -> chainer.tokenFor(subject, chainTarget));
        assertThat(e).as("the chainer must refuse").isNotNull();
        return e;
    }

    private void assertNothingSent() {
        assertThat(home.server().received()).as("requests at the home AS").isEmpty();
        assertThat(target.server().received()).as("requests at the target AS").isEmpty();
    }

    // ---------------------------------------------------------------- the valid fixture

    @ParameterizedTest
    @EnumSource(Flow.class)
    @DisplayName("The valid fixture: a user's token of the home AS, within its lifetime, is chained")
    void tokenForWhenSubjectValidThenChained(Flow flow) {
        ChainedToken chained = chainer().build().tokenFor(ChainFixture.subject(home.issuer(), clock), target(flow));

        assertThat(chained.value()).isEqualTo(flow == Flow.INTRA_DOMAIN ? "at-for-api-b" : "at-in-domain-b");
        assertThat(home.tokenRequests()).hasSize(1);
    }

    // ---------------------------------------------------------------- the subject token (CL-31, CL-37)

    // covers CL-31
    @ParameterizedTest
    @EnumSource(Flow.class)
    @DisplayName("CL-31: a subject token issued by another AS is refused locally and nothing is sent")
    void tokenForWhenSubjectFromAnotherIssuerThenRefusedLocally(Flow flow) {
        SubjectToken foreign = ChainFixture.validated(ChainFixture.inbound(OTHER_ISSUER, clock.instant()).compact(),
                OTHER_ISSUER, clock);

        TokenEndpointException e = refusal(chainer().build(), foreign, target(flow));

        assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.LOCAL_REQUEST);
        assertThat(e.authorizationServer()).isEqualTo(home.issuer());
        assertThat(e.getMessage()).contains(OTHER_ISSUER);
        assertNothingSent();
    }

    // covers CL-37
    @ParameterizedTest
    @EnumSource(Flow.class)
    @DisplayName("CL-37: a subject token that has expired (at its exp) is refused locally and nothing is sent")
    void tokenForWhenSubjectExpiredThenRefusedLocally(Flow flow) {
        SubjectToken subject = ChainFixture.subject(home.issuer(), clock);
        clock.advance(Duration.ofSeconds(300));

        TokenEndpointException e = refusal(chainer().build(), subject, target(flow));

        assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.LOCAL_REQUEST);
        assertThat(e.getMessage()).contains("expired");
        assertNothingSent();
    }

    // covers CL-37
    @ParameterizedTest
    @EnumSource(Flow.class)
    @DisplayName("CL-37: a client-credentials token (sub equals client_id, A-29) is refused locally and nothing is sent")
    void tokenForWhenSubjectIsClientCredentialsTokenThenRefusedLocally(Flow flow) {
        SubjectToken noUser = ChainFixture.validated(ChainFixture.inbound(home.issuer(), clock.instant())
                .claim("sub", JwtFixture.CLIENT).compact(), home.issuer(), clock);

        TokenEndpointException e = refusal(chainer().build(), noUser, target(flow));

        assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.LOCAL_REQUEST);
        assertThat(e.getMessage()).contains("no user");
        assertNothingSent();
    }

    @Test
    @DisplayName("A refresh token as subject of an intra-domain exchange is refused locally: only the cross-domain exchange takes one")
    void tokenForWhenRefreshTokenSubjectForIntraDomainTargetThenRefusedLocally() {
        SubjectToken refreshToken = SubjectToken.refreshToken("home-refresh-token", home.issuer(),
                clock.instant().plusSeconds(3600), Set.of("orders-read"));

        TokenEndpointException e = refusal(chainer().build(), refreshToken, ChainTarget.audience(API_B));

        assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.LOCAL_REQUEST);
        assertThat(e.getMessage()).contains("refresh token");
        assertNothingSent();
    }

    // ---------------------------------------------------------------- scopes in resource-owner mode (CL-20, CL-36)

    @Test
    @DisplayName("CL-20: in resource-owner mode a scope absent from the inbound token is refused locally and nothing is sent")
    void tokenForWhenResourceOwnerModeAndScopeNotInSubjectThenRefusedLocally() {
        TokenEndpointException e = refusal(chainer().build(), ChainFixture.subject(home.issuer(), clock),
                ChainTarget.audience(API_B).scope("orders-read orders-write"));

        assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.LOCAL_REQUEST);
        assertThat(e.getMessage()).contains("orders-write").doesNotContain("orders-read");
        assertNothingSent();
    }

    @Test
    @DisplayName("In resource-owner mode a scope the inbound token carries is requested")
    void tokenForWhenResourceOwnerModeAndScopeInSubjectThenRequested() {
        chainer().build().tokenFor(ChainFixture.subject(home.issuer(), clock),
                ChainTarget.audience(API_B).scope("orders-read"));

        assertThat(home.tokenRequests()).hasSize(1);
        assertThat(home.tokenRequests().get(0).formValue("scope")).isEqualTo("orders-read");
    }

    @Test
    @DisplayName("CL-20: in non-owner mode (A-39) the same scope absent from the inbound token is requested")
    void tokenForWhenNonOwnerModeAndScopeNotInSubjectThenRequested() {
        chainer().resourceOwnerMode(false).build().tokenFor(ChainFixture.subject(home.issuer(), clock),
                ChainTarget.audience(API_B).scope("orders-read orders-write"));

        assertThat(home.tokenRequests()).hasSize(1);
        assertThat(home.tokenRequests().get(0).formValue("scope")).isEqualTo("orders-read orders-write");
    }

    @Test
    @DisplayName("CL-36: in resource-owner mode a cross-domain exchange for a scope the user did not authorize is refused locally")
    void tokenForWhenResourceOwnerModeAndGrantScopeNotInSubjectThenRefusedLocally() {
        TokenEndpointException e = refusal(chainer().build(), ChainFixture.subject(home.issuer(), clock),
                ChainTarget.crossDomain(target.issuer()).grantScope("orders-write"));

        assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.LOCAL_REQUEST);
        assertThat(e.getMessage()).contains("orders-write");
        assertNothingSent();
    }

    @Test
    @DisplayName("CL-36: in non-owner mode the same cross-domain scope is requested from the home AS")
    void tokenForWhenNonOwnerModeAndGrantScopeNotInSubjectThenRequested() {
        chainer().resourceOwnerMode(false).build().tokenFor(ChainFixture.subject(home.issuer(), clock),
                ChainTarget.crossDomain(target.issuer()).grantScope("orders-write"));

        assertThat(home.tokenRequests()).hasSize(1);
        assertThat(home.tokenRequests().get(0).formValue("scope")).isEqualTo("orders-write");
    }
}
