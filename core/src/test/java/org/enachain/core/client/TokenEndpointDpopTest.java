package org.enachain.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.enachain.core.client.ClientTestSupport.CLIENT_ID;
import static org.enachain.core.client.ClientTestSupport.ISSUED_ACCESS_TOKEN;
import static org.enachain.core.client.ClientTestSupport.ISSUED_GRANT;
import static org.enachain.core.client.ClientTestSupport.RESOURCE;
import static org.enachain.core.client.ClientTestSupport.SUBJECT_TOKEN;
import static org.enachain.core.client.ClientTestSupport.claims;
import static org.enachain.core.client.ClientTestSupport.dpopBound;
import static org.enachain.core.client.ClientTestSupport.header;
import static org.enachain.core.client.ClientTestSupport.script;
import static org.enachain.core.client.ClientTestSupport.withHeader;

import java.util.List;
import java.util.Map;
import org.enachain.core.jose.SigningKey;
import org.enachain.core.testing.ScriptedAuthorizationServer;
import org.enachain.core.testing.TestHttpsServer;
import org.enachain.core.testing.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** DPoP on token requests (RFC 9449; CL-57 to CL-72 as they apply to a token endpoint). */
class TokenEndpointDpopTest {

    private static ScriptedAuthorizationServer as;
    /** Another origin, for nonce scoping (CL-70). */
    private static ScriptedAuthorizationServer other;

    private final TokenExchangeRequest exchange = TokenExchangeRequest.intraDomain(SUBJECT_TOKEN).audience(RESOURCE).build();

    @BeforeAll
    static void startServers() {
        as = new ScriptedAuthorizationServer();
        other = new ScriptedAuthorizationServer();
    }

    @AfterAll
    static void stopServers() {
        as.close();
        other.close();
    }

    @BeforeEach
    void reset() {
        as.server().received().clear();
        other.server().received().clear();
    }

    private static ClientIdentity withDpopKey(SigningKey dpopKey) {
        return ClientIdentity.builder(CLIENT_ID, TestKeys.CLIENT_ES256).dpopKey(dpopKey).build();
    }

    private static ClientIdentity withDpop() {
        return withDpopKey(TestKeys.CLIENT_ES256);
    }

    private static ClientIdentity withoutDpop() {
        return ClientIdentity.builder(CLIENT_ID, TestKeys.CLIENT_ES256).build();
    }

    private static TestHttpsServer.Reply useDpopNonce(String nonce) {
        return withHeader(ScriptedAuthorizationServer.error(400, "use_dpop_nonce",
                "Authorization server requires nonce in DPoP proof"), "DPoP-Nonce", nonce);
    }

    private static String proof(TestHttpsServer.Received request) {
        List<String> proofs = request.headerValues("DPoP");
        assertThat(proofs).hasSize(1);
        return proofs.get(0);
    }

    private static String proofOf(int index) {
        return proof(as.tokenRequests().get(index));
    }

    // ---------------------------------------------------------------- the proof on a token request

    @Test
    @DisplayName("CL-58: a token request carries exactly one DPoP header, a dpop+jwt proof for POST to the token endpoint")
    void sendWhenDpopKeyThenExactlyOneDpopHeader() {
        script(as, dpopBound());

        as.client().send(as.metadata(), withDpop(), exchange, false);

        List<String> proofs = as.tokenRequests().get(0).headerValues("DPoP");
        assertThat(proofs).hasSize(1);
        assertThat(header(proofs.get(0)).get("typ")).isEqualTo("dpop+jwt");
        assertThat(claims(proofs.get(0))).containsEntry("htm", "POST")
                .containsEntry("htu", as.tokenEndpoint().toString());
    }

    @Test
    @DisplayName("CL-60: an AS listing only ES256 for DPoP gets an ES256 proof from an ES256 DPoP key")
    void sendWhenAsListsOnlyEs256ForDpopThenProofAlgEs256() {
        script(as, dpopBound());
        AuthorizationServerMetadata metadata =
                new AuthorizationServerMetadata(as.issuer(), as.tokenEndpoint(), List.of(), List.of("ES256"));

        as.client().send(metadata, withDpop(), exchange, false);

        assertThat(header(proofOf(0)).get("alg")).isEqualTo("ES256");
    }

    @Test
    @DisplayName("CL-60: an AS listing only ES256 for DPoP and an RS256 DPoP key fail as LOCAL_REQUEST; the AS receives nothing")
    void sendWhenDpopKeyAlgorithmNotListedThenLocalRequestAndNothingSent() {
        script(as, dpopBound());
        AuthorizationServerMetadata metadata =
                new AuthorizationServerMetadata(as.issuer(), as.tokenEndpoint(), List.of(), List.of("ES256"));

        assertThatThrownBy(() -> as.client().send(metadata, withDpopKey(TestKeys.CLIENT_RS256), exchange, false))
                .isInstanceOfSatisfying(TokenEndpointException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.LOCAL_REQUEST);
                    assertThat(e.getMessage()).contains("RS256").contains("[ES256]")
                            .contains("dpop_signing_alg_values_supported");
                });
        assertThat(as.server().received()).isEmpty();
    }

    @Test
    @DisplayName("CL-61: the proof's jwk is the DPoP key's public key, without a private member")
    void sendWhenDpopKeyThenProofJwkIsPublicOnly() {
        script(as, dpopBound());

        as.client().send(as.metadata(), withDpop(), exchange, false);

        Map<?, ?> jwk = (Map<?, ?>) header(proofOf(0)).get("jwk");
        assertThat(jwk.containsKey("d")).as("jwk members %s", jwk.keySet()).isFalse();
        assertThat(jwk.get("kty")).isEqualTo("EC");
        assertThat(jwk.get("x")).isEqualTo(TestKeys.CLIENT_ES256.publicJwk().get("x"));
    }

    @Test
    @DisplayName("CL-67: the proof sent with a token exchange has no ath, though the request carries an access token")
    void sendWhenTokenExchangeThenProofHasNoAth() {
        script(as, dpopBound());

        as.client().send(as.metadata(), withDpop(), exchange, false);

        assertThat(claims(proofOf(0))).doesNotContainKey("ath");
    }

    // ---------------------------------------------------------------- nonces

    @Test
    @DisplayName("CL-68: a DPoP-Nonce from a 200 response appears in the next proof to that AS")
    void sendWhenSuccessCarriedNonceThenNextProofHasIt() {
        ClientIdentity client = withDpop();
        script(as, withHeader(dpopBound(), "DPoP-Nonce", "nonce-from-200"), dpopBound());

        as.client().send(as.metadata(), client, exchange, false);
        as.client().send(as.metadata(), client, exchange, false);

        assertThat(claims(proofOf(0))).doesNotContainKey("nonce");
        assertThat(claims(proofOf(1))).containsEntry("nonce", "nonce-from-200");
    }

    @Test
    @DisplayName("CL-68: after two nonces from the same AS, the next proof carries the most recent one")
    void sendWhenNonceRotatedThenNextProofHasLatest() {
        ClientIdentity client = withDpop();
        script(as, withHeader(dpopBound(), "DPoP-Nonce", "nonce-1"), withHeader(dpopBound(), "DPoP-Nonce", "nonce-2"),
                dpopBound());

        as.client().send(as.metadata(), client, exchange, false);
        as.client().send(as.metadata(), client, exchange, false);
        as.client().send(as.metadata(), client, exchange, false);

        assertThat(claims(proofOf(2))).containsEntry("nonce", "nonce-2");
    }

    @Test
    @DisplayName("CL-69: on 400 use_dpop_nonce with a DPoP-Nonce the client retries exactly once with that nonce, and succeeds")
    void sendWhenUseDpopNonceOnceThenOneRetryWithNonceSucceeds() {
        script(as, useDpopNonce("nonce-A"), dpopBound());

        TokenResponse response = as.client().send(as.metadata(), withDpop(), exchange, false);

        assertThat(response.accessToken()).isEqualTo(ISSUED_ACCESS_TOKEN);
        assertThat(as.tokenRequests()).hasSize(2);
        assertThat(claims(proofOf(0))).doesNotContainKey("nonce");
        assertThat(claims(proofOf(1))).containsEntry("nonce", "nonce-A");
    }

    @Test
    @DisplayName("CL-57, CL-69: the retry carries a new client assertion (different jti) and a new proof (different jti)")
    void sendWhenUseDpopNonceRetryThenNewAssertionAndNewProof() {
        script(as, useDpopNonce("nonce-A"), dpopBound());

        as.client().send(as.metadata(), withDpop(), exchange, false);

        TestHttpsServer.Received first = as.tokenRequests().get(0);
        TestHttpsServer.Received retry = as.tokenRequests().get(1);
        assertThat(claims(retry.formValue("client_assertion")).get("jti"))
                .isNotNull()
                .isNotEqualTo(claims(first.formValue("client_assertion")).get("jti"));
        assertThat(claims(proof(retry)).get("jti")).isNotNull().isNotEqualTo(claims(proof(first)).get("jti"));
        assertThat(retry.form().get("subject_token")).containsExactly(SUBJECT_TOKEN);
    }

    @Test
    @DisplayName("CL-69: use_dpop_nonce twice: no third request, the second answer surfaces as OAUTH_ERROR use_dpop_nonce")
    void sendWhenUseDpopNonceTwiceThenNoThirdRequestAndOauthError() {
        script(as, useDpopNonce("nonce-A"), useDpopNonce("nonce-B"), dpopBound());

        assertThatThrownBy(() -> as.client().send(as.metadata(), withDpop(), exchange, false))
                .isInstanceOfSatisfying(TokenEndpointException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.OAUTH_ERROR);
                    assertThat(e.errorCode()).contains("use_dpop_nonce");
                    assertThat(e.httpStatus()).isEqualTo(400);
                });
        assertThat(as.tokenRequests()).hasSize(2);
    }

    @Test
    @DisplayName("A use_dpop_nonce error without a DPoP-Nonce header is not retried")
    void sendWhenUseDpopNonceWithoutNonceHeaderThenNoRetry() {
        script(as, ScriptedAuthorizationServer.error(400, "use_dpop_nonce", "nonce required"), dpopBound());

        assertThatThrownBy(() -> as.client().send(as.metadata(), withDpop(), exchange, false))
                .isInstanceOfSatisfying(TokenEndpointException.class,
                        e -> assertThat(e.errorCode()).contains("use_dpop_nonce"));
        assertThat(as.tokenRequests()).hasSize(1);
    }

    @Test
    @DisplayName("CL-70: a nonce remembered for one AS origin is not sent to another origin")
    void sendWhenNonceFromOneAsThenNotUsedAtAnother() {
        ClientIdentity client = withDpop();
        script(as, withHeader(dpopBound(), "DPoP-Nonce", "nonce-of-first-as"));
        script(other, dpopBound());
        as.client().send(as.metadata(), client, exchange, false);

        other.client().send(other.metadata(), client, exchange, false);

        assertThat(client.dpop().orElseThrow().rememberedTokenEndpointNonce(as.tokenEndpoint())).contains("nonce-of-first-as");
        assertThat(claims(proof(other.tokenRequests().get(0)))).doesNotContainKey("nonce");
    }

    // ---------------------------------------------------------------- registration, required DPoP

    @Test
    @DisplayName("CL-71: with a DPoP key the registration metadata has dpop_bound_access_tokens true")
    void registrationMetadataWhenDpopKeyThenDpopBoundAccessTokensTrue() {
        assertThat(withDpop().registrationMetadata()).containsEntry("dpop_bound_access_tokens", true);
    }

    @Test
    @DisplayName("CL-71: without a DPoP key the registration metadata has no dpop_bound_access_tokens")
    void registrationMetadataWhenNoDpopKeyThenNoDpopBoundAccessTokens() {
        assertThat(withoutDpop().registrationMetadata()).doesNotContainKey("dpop_bound_access_tokens");
    }

    @Test
    @DisplayName("CL-72: DPoP required and no DPoP key: LOCAL_REQUEST, nothing sent")
    void sendWhenDpopRequiredWithoutKeyThenLocalRequestAndNothingSent() {
        script(as, dpopBound());

        assertThatThrownBy(() -> as.client().send(as.metadata(), withoutDpop(), exchange, true))
                .isInstanceOfSatisfying(TokenEndpointException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.LOCAL_REQUEST);
                    assertThat(e.getMessage()).contains("requires DPoP").contains(CLIENT_ID);
                });
        assertThat(as.server().received()).isEmpty();
    }

    @Test
    @DisplayName("CL-72: DPoP required with a DPoP key: the token exchange request has a DPoP header")
    void sendWhenDpopRequiredWithKeyThenExchangeHasDpopHeader() {
        script(as, dpopBound());

        as.client().send(as.metadata(), withDpop(), exchange, true);

        assertThat(as.tokenRequests().get(0).headerValues("DPoP")).hasSize(1);
    }

    @Test
    @DisplayName("CL-72: DPoP required with a DPoP key: the jwt-bearer request has a DPoP header")
    void sendWhenDpopRequiredWithKeyThenJwtBearerHasDpopHeader() {
        script(as, dpopBound());

        as.client().send(as.metadata(), withDpop(), JwtBearerRequest.of(ISSUED_GRANT), true);

        assertThat(as.tokenRequests().get(0).headerValues("DPoP")).hasSize(1);
    }

    @Test
    @DisplayName("Without a DPoP key, a token request carries no DPoP header")
    void sendWhenNoDpopKeyThenNoDpopHeader() {
        script(as, ClientTestSupport.bearer());

        as.client().send(as.metadata(), withoutDpop(), exchange, false);

        assertThat(as.tokenRequests().get(0).headerValues("DPoP")).isEmpty();
    }

    @Test
    @DisplayName("CL-41, CL-69: a jwt-bearer request answered use_dpop_nonce is not sent again with the same grant")
    void sendWhenJwtBearerAnsweredUseDpopNonceThenNoRetryAndNonceRemembered() {
        ClientIdentity client = withDpop();
        script(as, useDpopNonce("nonce-J"), dpopBound());

        assertThatThrownBy(() -> as.client().send(as.metadata(), client, JwtBearerRequest.of(ISSUED_GRANT), false))
                .isInstanceOfSatisfying(TokenEndpointException.class,
                        e -> assertThat(e.errorCode()).contains("use_dpop_nonce"));
        assertThat(as.tokenRequests()).hasSize(1);
        assertThat(client.dpop().orElseThrow().rememberedTokenEndpointNonce(as.tokenEndpoint())).contains("nonce-J");
    }

    @Test
    @DisplayName("CL-68: a DPoP-Nonce that is not RFC 9449 NQCHAR text is ignored, never echoed into a proof")
    void sendWhenNonceHasForbiddenCharactersThenIgnored() {
        ClientIdentity client = withDpop();
        script(as, withHeader(dpopBound(), "DPoP-Nonce", "bad \"nonce\""), dpopBound());

        as.client().send(as.metadata(), client, exchange, false);
        as.client().send(as.metadata(), client, exchange, false);

        assertThat(claims(proofOf(1))).doesNotContainKey("nonce");
        assertThat(client.dpop().orElseThrow().rememberedTokenEndpointNonce(as.tokenEndpoint())).isEmpty();
    }
}
