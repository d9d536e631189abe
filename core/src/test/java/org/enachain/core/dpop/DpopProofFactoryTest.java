package org.enachain.core.dpop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enachain.core.dpop.RejectionAssert.assertRejected;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.enachain.core.OAuthError;
import org.enachain.core.Reason;
import org.enachain.core.ValidationResult;
import org.enachain.core.dpop.DpopProofVerifier.Receiver;
import org.enachain.core.jose.AlgorithmPolicy;
import org.enachain.core.jose.JwsAlgorithm;
import org.enachain.core.jose.SigningKey;
import org.enachain.core.replay.InMemoryReplayStore;
import org.enachain.core.testing.MutableClock;
import org.enachain.core.testing.TestKeys;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Client-side proof creation (RFC 9449 4.2; CL-57 to CL-70) and the round trip through the verifier. */
class DpopProofFactoryTest {

    private static final URI TOKEN_ENDPOINT = URI.create("https://as.example.com/token");
    private static final URI RESOURCE = URI.create("https://api.example.com/orders");
    private static final String ACCESS_TOKEN = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1c2VyLTQ3MTEifQ.c2lnbmF0dXJl";

    private final MutableClock clock = MutableClock.atFixedStart();
    private final DpopProofFactory factory = new DpopProofFactory(TestKeys.CLIENT_ES256, clock);

    private static Map<String, Object> header(String proof) {
        return decode(proof.split("\\.")[0]);
    }

    private static Map<String, Object> claims(String proof) {
        return decode(proof.split("\\.")[1]);
    }

    private static Map<String, Object> decode(String segment) {
        try {
            return JsonUtil.parseJson(new String(Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8));
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private DpopProofVerifier.Builder verifierAt(Receiver receiver) {
        return DpopProofVerifier.builder(receiver).clock(clock).replayStore(new InMemoryReplayStore(1_000, clock));
    }

    // ---------------------------------------------------------------- header

    @Test
    @DisplayName("CL-57: two proofs for the same request and token differ, each with its own jti")
    void forResourceRequestWhenCalledTwiceThenDifferentProofsAndJti() {
        String first = factory.forResourceRequest("GET", RESOURCE, ACCESS_TOKEN);
        String second = factory.forResourceRequest("GET", RESOURCE, ACCESS_TOKEN);

        assertThat(second).isNotEqualTo(first);
        assertThat(claims(second).get("jti")).isNotEqualTo(claims(first).get("jti"));
    }

    @Test
    @DisplayName("CL-59: the proof header typ is dpop+jwt")
    void createWhenAnyRequestThenTypDpopJwt() {
        assertThat(header(factory.forTokenRequest("POST", TOKEN_ENDPOINT)).get("typ")).isEqualTo("dpop+jwt");
    }

    @Test
    @DisplayName("CL-60: with an ES256 key the proof's alg is ES256, and a server advertising only ES256 accepts it")
    void createWhenEs256KeyThenAlgEs256AcceptedByEs256OnlyServer() {
        String proof = factory.forTokenRequest("POST", TOKEN_ENDPOINT);
        DpopProofVerifier es256Only = verifierAt(Receiver.TOKEN_ENDPOINT).algorithms(AlgorithmPolicy.of(JwsAlgorithm.ES256))
                .build();

        assertThat(header(proof).get("alg")).isEqualTo("ES256");
        assertThat(es256Only.verify(ProofContext.atTokenEndpoint(List.of(proof), "POST", TOKEN_ENDPOINT)).isAccepted())
                .isTrue();
    }

    @Test
    @DisplayName("CL-60: with an RS256 key the proof's alg is RS256, an asymmetric algorithm")
    void createWhenRs256KeyThenAlgRs256() {
        String proof = new DpopProofFactory(TestKeys.CLIENT_RS256, clock).forTokenRequest("POST", TOKEN_ENDPOINT);

        assertThat(header(proof).get("alg")).isEqualTo("RS256");
    }

    // covers CL-61
    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"ES256", "RS256"})
    @DisplayName("CL-61: the proof's jwk holds the public key only")
    @SuppressWarnings("unchecked")
    void createWhenAnyKeyThenJwkHasPublicMembersOnly(String alg) {
        SigningKey key = alg.equals("ES256") ? TestKeys.CLIENT_ES256 : TestKeys.CLIENT_RS256;

        Map<String, Object> jwk = (Map<String, Object>) header(new DpopProofFactory(key, clock)
                .forTokenRequest("POST", TOKEN_ENDPOINT)).get("jwk");

        assertThat(jwk).doesNotContainKeys("d", "p", "q", "dp", "dq", "qi", "oth", "k");
        assertThat(jwk.keySet()).isSubsetOf(alg.equals("ES256") ? Set.of("kty", "crv", "x", "y") : Set.of("kty", "n", "e"));
        assertThat(jwk).isEqualTo(key.publicJwk().entrySet().stream()
                .filter(e -> jwk.containsKey(e.getKey()))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        assertThat(jwk).hasSize(alg.equals("ES256") ? 4 : 3);
    }

    // ---------------------------------------------------------------- claims

    @Test
    @DisplayName("CL-62: 1,000 proofs have 1,000 distinct jti values, each decoding to at least 12 bytes (96 bits)")
    void createWhenThousandProofsThenJtiUniqueWithAtLeast96Bits() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            String jti = (String) claims(factory.forResourceRequest("GET", RESOURCE, ACCESS_TOKEN)).get("jti");
            assertThat(Base64.getUrlDecoder().decode(jti).length).as("bytes in jti %s", jti).isGreaterThanOrEqualTo(12);
            seen.add(jti);
        }

        assertThat(seen).hasSize(1_000);
    }

    // covers CL-63
    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"GET", "POST"})
    @DisplayName("CL-63: htm is the request method")
    void createWhenMethodGivenThenHtmIsThatMethod(String method) {
        assertThat(claims(factory.forResourceRequest(method, RESOURCE, ACCESS_TOKEN)).get("htm")).isEqualTo(method);
    }

    @Test
    @DisplayName("CL-64: for a request with a query string and a fragment, htu has neither")
    void createWhenUriHasQueryThenHtuLacksIt() {
        URI withQuery = URI.create("https://api.example.com/orders?status=open&page=2#latest");

        assertThat(claims(factory.forResourceRequest("GET", withQuery, ACCESS_TOKEN)).get("htu"))
                .isEqualTo("https://api.example.com/orders");
    }

    @Test
    @DisplayName("CL-65: iat is the creation time on the client's clock")
    void createWhenClockMovedThenIatFollowsClock() {
        clock.advance(Duration.ofSeconds(1234));

        Object iat = claims(factory.forTokenRequest("POST", TOKEN_ENDPOINT)).get("iat");

        assertThat(((Number) iat).longValue()).isEqualTo(clock.instant().getEpochSecond());
    }

    @Test
    @DisplayName("CL-66: ath is base64url(SHA-256(ASCII access token)), recomputed here")
    void forResourceRequestWhenTokenGivenThenAthIsItsSha256() {
        String proof = factory.forResourceRequest("GET", RESOURCE, ACCESS_TOKEN);

        assertThat(claims(proof).get("ath")).isEqualTo(ProofFixture.sha256Base64Url(ACCESS_TOKEN));
    }

    @Test
    @DisplayName("CL-67: a token request proof carries no ath")
    void forTokenRequestWhenCreatedThenNoAth() {
        assertThat(claims(factory.forTokenRequest("POST", TOKEN_ENDPOINT))).doesNotContainKey("ath");
    }

    @Test
    @DisplayName("Without a remembered nonce a proof carries no nonce")
    void createWhenNoNonceRememberedThenNoNonce() {
        assertThat(claims(factory.forTokenRequest("POST", TOKEN_ENDPOINT))).doesNotContainKey("nonce");
    }

    // ---------------------------------------------------------------- nonces per origin

    @Test
    @DisplayName("CL-68: after a server supplies a DPoP-Nonce, the next proof to that server carries it")
    void forTokenRequestWhenNonceRememberedThenCarried() {
        factory.rememberTokenEndpointNonce(TOKEN_ENDPOINT, "as-nonce-1");

        assertThat(claims(factory.forTokenRequest("POST", TOKEN_ENDPOINT)).get("nonce")).isEqualTo("as-nonce-1");
    }

    @Test
    @DisplayName("CL-68: a later DPoP-Nonce from the same server replaces the earlier one")
    void forTokenRequestWhenNewerNonceRememberedThenNewestCarried() {
        factory.rememberTokenEndpointNonce(TOKEN_ENDPOINT, "as-nonce-1");
        factory.rememberTokenEndpointNonce(URI.create("https://as.example.com/par"), "as-nonce-2");

        assertThat(claims(factory.forTokenRequest("POST", TOKEN_ENDPOINT)).get("nonce")).isEqualTo("as-nonce-2");
    }

    @Test
    @DisplayName("CL-68: a nonce from a resource server is carried by the next proof to another path on that server")
    void forResourceRequestWhenNonceRememberedForOriginThenCarriedToOtherPath() {
        factory.rememberResourceNonce(RESOURCE, "rs-nonce-1");

        String proof = factory.forResourceRequest("GET", URI.create("https://api.example.com/invoices/7"), ACCESS_TOKEN);

        assertThat(claims(proof).get("nonce")).isEqualTo("rs-nonce-1");
    }

    @Test
    @DisplayName("CL-70: a resource server's nonce is never sent to the authorization server")
    void forTokenRequestWhenOnlyResourceNonceRememberedThenNoNonce() {
        factory.rememberResourceNonce(RESOURCE, "rs-nonce-1");

        assertThat(claims(factory.forTokenRequest("POST", TOKEN_ENDPOINT))).doesNotContainKey("nonce");
    }

    @Test
    @DisplayName("CL-70: the authorization server's nonce is not sent to a resource at another origin")
    void forResourceRequestWhenOnlyAsNonceRememberedThenNoNonce() {
        factory.rememberTokenEndpointNonce(TOKEN_ENDPOINT, "as-nonce-1");

        assertThat(claims(factory.forResourceRequest("GET", RESOURCE, ACCESS_TOKEN))).doesNotContainKey("nonce");
    }

    @Test
    @DisplayName("CL-70: the same host on another port is another server: its nonce is not sent")
    void forResourceRequestWhenNonceFromSameHostOtherPortThenNoNonce() {
        factory.rememberResourceNonce(URI.create("https://api.example.com:8443/orders"), "rs-8443-nonce");

        assertThat(claims(factory.forResourceRequest("GET", RESOURCE, ACCESS_TOKEN))).doesNotContainKey("nonce");
    }

    @Test
    @DisplayName("The origin ignores host case and an explicit default port")
    void forTokenRequestWhenNonceRememberedUnderEquivalentOriginThenCarried() {
        factory.rememberTokenEndpointNonce(URI.create("https://AS.Example.COM:443/token"), "as-nonce-1");

        assertThat(claims(factory.forTokenRequest("POST", TOKEN_ENDPOINT)).get("nonce")).isEqualTo("as-nonce-1");
    }

    @Test
    @DisplayName("An empty or absent DPoP-Nonce does not replace the remembered nonce")
    void rememberNonceWhenEmptyOrNullThenPreviousKept() {
        factory.rememberTokenEndpointNonce(TOKEN_ENDPOINT, "as-nonce-1");
        factory.rememberTokenEndpointNonce(TOKEN_ENDPOINT, "");
        factory.rememberTokenEndpointNonce(TOKEN_ENDPOINT, null);

        assertThat(factory.rememberedTokenEndpointNonce(TOKEN_ENDPOINT)).contains("as-nonce-1");
    }

    // ---------------------------------------------------------------- round trip

    // covers GEN-06
    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"ES256", "RS256"})
    @DisplayName("GEN-06: a resource proof made by the factory verifies at a resource holding a token bound to the factory's key")
    void verifyWhenResourceProofFromFactoryThenAccepted(String alg) {
        SigningKey key = alg.equals("ES256") ? TestKeys.CLIENT_ES256 : TestKeys.CLIENT_RS256;
        DpopProofFactory client = new DpopProofFactory(key, clock);
        URI requestUri = URI.create("https://api.example.com/orders?status=open");
        String proof = client.forResourceRequest("GET", requestUri, ACCESS_TOKEN);

        ValidationResult<DpopProof> result = verifierAt(Receiver.PROTECTED_RESOURCE).build().verify(
                ProofContext.atResource(List.of(proof), "GET", requestUri, ACCESS_TOKEN, client.thumbprint().value()));

        assertThat(result.isAccepted()).as("%s", result).isTrue();
        assertThat(result.value().thumbprint()).isEqualTo(key.thumbprint());
        assertThat(result.value().issuedAt()).isEqualTo(clock.instant());
    }

    // covers GEN-06
    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"ES256", "RS256"})
    @DisplayName("GEN-06: a token request proof made by the factory verifies at a token endpoint")
    void verifyWhenTokenRequestProofFromFactoryThenAccepted(String alg) {
        SigningKey key = alg.equals("ES256") ? TestKeys.CLIENT_ES256 : TestKeys.CLIENT_RS256;
        String proof = new DpopProofFactory(key, clock).forTokenRequest("POST", TOKEN_ENDPOINT);

        ValidationResult<DpopProof> result = verifierAt(Receiver.TOKEN_ENDPOINT).build()
                .verify(ProofContext.atTokenEndpoint(List.of(proof), "POST", TOKEN_ENDPOINT));

        assertThat(result.isAccepted()).as("%s", result).isTrue();
    }

    @Test
    @DisplayName("A client that remembers the nonce from a use_dpop_nonce rejection gets its next proof accepted")
    void verifyWhenClientRetriesWithRememberedNonceThenAccepted() {
        DpopNonces serverNonces = DpopNonces.withRandomKey(clock, DpopNonces.DEFAULT_LIFETIME);
        DpopProofVerifier server = verifierAt(Receiver.TOKEN_ENDPOINT).requireNonces(serverNonces).build();
        assertRejected(server.verify(ProofContext.atTokenEndpoint(
                List.of(factory.forTokenRequest("POST", TOKEN_ENDPOINT)), "POST", TOKEN_ENDPOINT)),
                Reason.NONCE_REQUIRED, OAuthError.USE_DPOP_NONCE, 400);

        factory.rememberTokenEndpointNonce(TOKEN_ENDPOINT, server.nonces().orElseThrow().issue());
        ValidationResult<DpopProof> retry = server.verify(ProofContext.atTokenEndpoint(
                List.of(factory.forTokenRequest("POST", TOKEN_ENDPOINT)), "POST", TOKEN_ENDPOINT));

        assertThat(retry.isAccepted()).as("%s", retry).isTrue();
    }

    @Test
    @DisplayName("The factory's thumbprint is the RFC 7638 thumbprint of its key, the value a bound token's cnf.jkt carries")
    void thumbprintWhenAskedThenKeyThumbprint() {
        assertThat(factory.thumbprint()).isEqualTo(TestKeys.CLIENT_ES256.thumbprint());
        assertThat(factory.key()).isSameAs(TestKeys.CLIENT_ES256);
    }

    @Test
    @DisplayName("A proof created with create() carries exactly the given nonce and ath of the given token")
    void createWhenNonceAndTokenGivenThenBothCarried() {
        Map<String, Object> claims = claims(factory.create("DELETE", RESOURCE, ACCESS_TOKEN, "n-1"));

        assertThat(claims).containsEntry("nonce", "n-1")
                .containsEntry("ath", ProofFixture.sha256Base64Url(ACCESS_TOKEN))
                .containsEntry("htm", "DELETE")
                .containsKeys("jti", "htu", "iat");
        assertThat(Instant.ofEpochSecond(((Number) claims.get("iat")).longValue())).isEqualTo(clock.instant());
    }

    @Test
    @DisplayName("CL-70: a gateway serving a resource and the token endpoint at one origin gets each one's own nonce")
    void forTokenRequestWhenResourceNonceAtSameOriginThenNotUsed() {
        URI gatewayResource = URI.create("https://as.example.com/api/orders");
        factory.rememberResourceNonce(gatewayResource, "rs-nonce");
        factory.rememberTokenEndpointNonce(TOKEN_ENDPOINT, "as-nonce");

        assertThat(claims(factory.forTokenRequest("POST", TOKEN_ENDPOINT)).get("nonce")).isEqualTo("as-nonce");
        assertThat(claims(factory.forResourceRequest("GET", gatewayResource, ACCESS_TOKEN)).get("nonce"))
                .isEqualTo("rs-nonce");
    }
}
