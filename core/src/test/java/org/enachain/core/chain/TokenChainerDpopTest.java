package org.enachain.core.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.enachain.core.chain.ChainFixture.ACCESS_TOKEN_TYPE;
import static org.enachain.core.chain.ChainFixture.API_A;
import static org.enachain.core.chain.ChainFixture.API_B;
import static org.enachain.core.chain.ChainFixture.DPOP_KEY;

import java.net.URI;
import org.enachain.core.client.ClientIdentity;
import org.enachain.core.client.TokenEndpointException;
import org.enachain.core.client.TokenScheme;
import org.enachain.core.dpop.AccessTokenHash;
import org.enachain.core.jose.JwkThumbprint;
import org.enachain.core.testing.MutableClock;
import org.enachain.core.testing.ScriptedAuthorizationServer;
import org.enachain.core.testing.TestHttpsServer;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** DPoP on the intra-domain exchange (CL-72, CL-49) and how a chained token is presented (CL-48, CL-53, CL-56, CL-66). */
class TokenChainerDpopTest {

    private static final URI DOWNSTREAM = URI.create(API_B + "/orders/17?expand=lines");

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

    private ChainedToken chain(ClientIdentity identity, ChainTarget target) {
        return ChainFixture.intraDomain(home, identity, clock).build()
                .tokenFor(ChainFixture.subject(home.issuer(), clock), target);
    }

    private static TestHttpsServer.Reply dpopBound(String token) {
        return ScriptedAuthorizationServer.token(token, "DPoP", 300, ACCESS_TOKEN_TYPE, null);
    }

    @Test
    @DisplayName("CL-72: when the target requires DPoP, the token-exchange request carries exactly one DPoP proof")
    void tokenForWhenTargetRequiresDpopThenTokenRequestCarriesDpopHeader() {
        home.enqueue(dpopBound("bound-at"));

        chain(ChainFixture.identityWithDpop(API_A, clock), ChainTarget.audience(API_B).requireDpop());

        assertThat(home.tokenRequests()).hasSize(1);
        assertThat(home.tokenRequests().get(0).headerValues("DPoP")).hasSize(1);
    }

    @Test
    @DisplayName("CL-49: DPoP required and the AS answers token_type Bearer: the answer is discarded with INVALID_RESPONSE")
    void tokenForWhenDpopRequiredAndAsAnswersBearerThenInvalidResponse() {
        home.enqueue(ChainFixture.bearer("unbound-at"));
        TokenChainer chainer = ChainFixture.intraDomain(home, ChainFixture.identityWithDpop(API_A, clock), clock).build();

        TokenEndpointException e = catchThrowableOfType(TokenEndpointException.class, () -> chainer.tokenFor(
                ChainFixture.subject(home.issuer(), clock), ChainTarget.audience(API_B).requireDpop()));

        assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.INVALID_RESPONSE);
        assertThat(e.authorizationServer()).isEqualTo(home.issuer());
        assertThat(e.getMessage()).doesNotContain("unbound-at");
        assertThat(chainer.stats().cachedTokens()).isZero();
    }

    @Test
    @DisplayName("CL-48, CL-56: a DPoP-bound answer is presented as 'DPoP <token>' with a proof for the request")
    void tokenForWhenAsAnswersDpopThenDpopSchemeAndProofOffered() {
        home.enqueue(dpopBound("bound-at"));

        ChainedToken chained = chain(ChainFixture.identityWithDpop(API_A, clock), ChainTarget.audience(API_B).requireDpop());

        assertThat(chained.scheme()).isEqualTo(TokenScheme.DPOP);
        assertThat(chained.authorizationHeader()).isEqualTo("DPoP bound-at");
        assertThat(chained.dpopProof("GET", DOWNSTREAM)).isPresent();
    }

    @Test
    @DisplayName("CL-66: the proof for a DPoP-bound chained token has ath = hash of that token and the client's DPoP key")
    void dpopProofWhenDpopBoundTokenThenAthIsTokenHashAndJwkIsClientDpopKey() throws Exception {
        home.enqueue(dpopBound("bound-at"));
        ChainedToken chained = chain(ChainFixture.identityWithDpop(API_A, clock), ChainTarget.audience(API_B).requireDpop());

        String proof = chained.dpopProof("GET", DOWNSTREAM).orElseThrow();

        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(proof);
        PublicJsonWebKey jwk = jws.getJwkHeader();
        jws.setKey(jwk.getPublicKey());
        assertThat(jws.verifySignature()).isTrue();
        assertThat(jws.getHeader("typ")).isEqualTo("dpop+jwt");
        assertThat(JwkThumbprint.of(jwk.getPublicKey())).isEqualTo(DPOP_KEY.thumbprint());
        JwtClaims claims = JwtClaims.parse(jws.getPayload());
        assertThat(claims.getStringClaimValue("ath")).isEqualTo(AccessTokenHash.of("bound-at"));
        assertThat(claims.getStringClaimValue("htm")).isEqualTo("GET");
        assertThat(claims.getStringClaimValue("htu")).isEqualTo(API_B + "/orders/17");
    }

    @Test
    @DisplayName("CL-48, CL-53: a Bearer answer is presented as 'Bearer <token>' and no proof is made")
    void tokenForWhenAsAnswersBearerThenBearerSchemeAndNoProof() {
        home.enqueue(ChainFixture.bearer("unbound-at"));

        ChainedToken chained = chain(ChainFixture.identity(API_A, clock), ChainTarget.audience(API_B));

        assertThat(chained.scheme()).isEqualTo(TokenScheme.BEARER);
        assertThat(chained.authorizationHeader()).isEqualTo("Bearer unbound-at");
        assertThat(chained.dpopProof("GET", DOWNSTREAM)).isEmpty();
    }

    @Test
    @DisplayName("CL-48: token_type 'bearer' in lower case is read case-insensitively and presented with the Bearer scheme")
    void tokenForWhenTokenTypeLowerCaseBearerThenBearerScheme() {
        home.enqueue(ScriptedAuthorizationServer.token("unbound-at", "bearer", 300, ACCESS_TOKEN_TYPE, null));

        ChainedToken chained = chain(ChainFixture.identity(API_A, clock), ChainTarget.audience(API_B));

        assertThat(chained.authorizationHeader()).isEqualTo("Bearer unbound-at");
    }

    @Test
    @DisplayName("CL-53: a client with a DPoP key whose target does not require DPoP presents a Bearer answer as Bearer, without proof")
    void tokenForWhenDpopNotRequiredAndAsAnswersBearerThenBearerWithoutProof() {
        home.enqueue(ChainFixture.bearer("unbound-at"));

        ChainedToken chained = chain(ChainFixture.identityWithDpop(API_A, clock), ChainTarget.audience(API_B));

        assertThat(chained.authorizationHeader()).isEqualTo("Bearer unbound-at");
        assertThat(chained.dpopProof("GET", DOWNSTREAM)).isEmpty();
    }
}
