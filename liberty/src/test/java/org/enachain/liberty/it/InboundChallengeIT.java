package org.enachain.liberty.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enachain.liberty.it.TestClient.API_A;
import static org.enachain.liberty.it.TestClient.API_B;
import static org.enachain.liberty.it.TestClient.API_C;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.enachain.core.client.ClientIdentity;
import org.enachain.core.client.TokenExchangeRequest;
import org.enachain.core.client.TokenResponse;
import org.enachain.core.client.TokenScheme;
import org.enachain.core.dpop.AccessTokenHash;
import org.enachain.core.dpop.DpopProofFactory;
import org.enachain.core.jose.SigningKey;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The inbound filter over HTTP, one test per RS row the HTTP layer can exercise, each asserting the status and
 * the exact {@code WWW-Authenticate} challenges. API B ({@code dpop} optional: both challenges) and API C
 * ({@code dpop} required, with nonces: the DPoP challenge only). Tokens come from the real STS (exchanges as
 * API A, with and without a DPoP key) or, for the flaws the STS never issues, from {@link TokenForge}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Order(3)
class InboundChallengeIT {

    /** The proof algorithms of the filter (core's profile list, in its order). */
    private static final String ALGS = "ES256 ES384 ES512 RS256 RS384 RS512 PS256 PS384 PS512";
    private static final String BEARER = "Bearer";
    private static final String DPOP = "DPoP algs=\"" + ALGS + "\"";

    private static final TestClient CLIENT = TestClient.get();

    /** alice's token for API B, bound to {@link #proofs}'s key. */
    private static String bound;
    private static DpopProofFactory proofs;
    private static SigningKey dpopKey;
    /** alice's unbound (Bearer) token for API B. */
    private static String unbound;
    /** alice's token for API A (the app's), bound to its own key. */
    private static TestClient.Caller alice;

    private static URI claims() {
        return ChainServer.uri("/api-b/claims");
    }

    @BeforeAll
    static void tokens() {
        alice = CLIENT.alice();
        dpopKey = SigningKey.generateEs256();
        proofs = new DpopProofFactory(dpopKey, Clock.systemUTC());
        TokenResponse boundResponse = exchange(ClientIdentity.builder(API_A, TestClient.key("api-a")).dpopKey(dpopKey).build(), API_B);
        assertThat(boundResponse.scheme()).isEqualTo(TokenScheme.DPOP);
        bound = boundResponse.accessToken();
        TokenResponse unboundResponse = exchange(ClientIdentity.builder(API_A, TestClient.key("api-a")).build(), API_B);
        assertThat(unboundResponse.scheme()).isEqualTo(TokenScheme.BEARER);
        unbound = unboundResponse.accessToken();
    }

    private static TokenResponse exchange(ClientIdentity as, String audience) {
        TokenResponse response = CLIENT.tokens().send(CLIENT.metadata(ChainServer.issuerA()), as,
                TokenExchangeRequest.intraDomain(alice.accessToken()).audience(audience)
                        .scope(audience.equals(API_C) ? "c-read" : "b-read").build(), false);
        Secrets.remember(response.accessToken());
        return response;
    }

    private static String proof(String method, URI uri, String token) {
        return Secrets.remember(proofs.forResourceRequest(method, uri, token));
    }

    private static HttpRequest.Builder get(URI uri) {
        return HttpRequest.newBuilder(uri).GET();
    }

    private static HttpRequest.Builder dpop(URI uri, String token, String proof) {
        return get(uri).header("Authorization", "DPoP " + token).header("DPoP", proof);
    }

    private static String error(String scheme, String code, String description) {
        return scheme + (scheme.equals(BEARER) ? " " : ", ") + "error=\"" + code + "\", error_description=\"" + description + "\"";
    }

    private static void assertRefused(HttpRequest.Builder request, int status, String... challenges) {
        HttpResponse<String> response = CLIENT.send(request);
        assertThat(response.statusCode()).as("status; body %s", response.body()).isEqualTo(status);
        assertThat(response.headers().allValues("WWW-Authenticate")).as("WWW-Authenticate").containsExactly(challenges);
        assertThat(response.body()).doesNotContain("eyJ");
    }

    // ------------------------------------------------------------------ accepted

    @Test
    @DisplayName("RS-01, RS-30, RS-35, RS-36: a bound token under the DPoP scheme with a valid proof is accepted")
    void dpopAccepted() {
        HttpResponse<String> response = CLIENT.send(dpop(claims(), bound, proof("GET", claims(), bound)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(TestClient.json(response.body())).containsEntry("scheme", "DPoP")
                .containsEntry("principal", TestClient.ALICE_SUB);
    }

    @Test
    @DisplayName("RS-01, RS-17, RS-30: an unbound token under the Bearer scheme is accepted, twice")
    void bearerAccepted() {
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> response = CLIENT.send(get(claims()).header("Authorization", "Bearer " + unbound));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(TestClient.json(response.body())).containsEntry("scheme", "Bearer");
        }
    }

    @Test
    @DisplayName("RS-02: an unbound token in a form-encoded POST body is accepted")
    void formBodyAccepted() {
        HttpResponse<String> response = CLIENT.send(TestClient.formPost(claims(),
                new java.util.LinkedHashMap<>(Map.of("access_token", unbound, "note", "the rest of the form"))));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Object> received = TestClient.json(response.body());
        @SuppressWarnings("unchecked")
        Map<String, Object> token = (Map<String, Object>) received.get("token");
        assertThat(token).containsEntry("aud", List.of(API_B, ChainServer.issuerA()));
        // the filter read the body and put it back: the application still gets the whole form
        assertThat(received).containsEntry("scheme", "Bearer").containsEntry("note", "the rest of the form");
    }

    @Test
    @DisplayName("A @PermitAll endpoint answers without a token")
    void permitAllIsOpen() {
        HttpResponse<String> response = CLIENT.send(get(ChainServer.uri("/api-b/open")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TestClient.json(response.body())).containsEntry("authenticated", false);
    }

    // ------------------------------------------------------------------ transport (RS-01 to RS-04, RS-24, RS-46)

    @Test
    @DisplayName("RS-23, RS-24: no credentials: 401, a bare challenge per scheme")
    void noCredentials() {
        assertRefused(get(claims()), 401, BEARER, DPOP);
    }

    @Test
    @DisplayName("RS-03: a valid token in the query string is not read: 401 as without credentials")
    void tokenInQueryIgnored() {
        assertRefused(get(URI.create(claims() + "?access_token=" + unbound)), 401, BEARER, DPOP);
    }

    @Test
    @DisplayName("RS-24: credentials of another scheme (Basic) are no credentials: 401, bare challenges")
    void otherScheme() {
        assertRefused(get(claims()).header("Authorization", "Basic YWxpY2U6YWxpY2UtREVNTy1PTkxZ"), 401, BEARER, DPOP);
    }

    @Test
    @DisplayName("RS-46: DPoP credentials in Proxy-Authorization are ignored: 401, bare challenges")
    void proxyAuthorizationIgnored() {
        assertRefused(get(claims()).header("Proxy-Authorization", "DPoP " + bound)
                .header("DPoP", proof("GET", claims(), bound)), 401, BEARER, DPOP);
    }

    @Test
    @DisplayName("RS-04: two Authorization headers: 400 invalid_request")
    void twoAuthorizationHeaders() {
        assertRefused(get(claims()).header("Authorization", "Bearer " + unbound).header("Authorization", "Bearer " + unbound),
                400, error(BEARER, "invalid_request", "The request has more than one Authorization header"), DPOP);
    }

    @Test
    @DisplayName("RS-04, RS-45: a token in the header and another in the body: 400 invalid_request, in the DPoP challenge the"
            + " client used")
    void tokenInHeaderAndBody() {
        assertRefused(TestClient.formPost(claims(), Map.of("access_token", unbound))
                        .header("Authorization", "DPoP " + bound).header("DPoP", proof("POST", claims(), bound)),
                400, BEARER, error(DPOP, "invalid_request", "The request presents a token in both the header and the body"));
    }

    // ------------------------------------------------------------------ the token (RS-05 to RS-16)

    @Test
    @DisplayName("RS-05, RS-25: typ JWT instead of at+jwt: 401 invalid_token")
    void wrongType() {
        assertRefused(get(claims()).header("Authorization", "Bearer " + TokenForge.forApiB().type("JWT").sign()),
                401, error(BEARER, "invalid_token", "The token's typ is not at+jwt"), DPOP);
    }

    @Test
    @DisplayName("RS-06: an issuer that differs from the trusted one by a trailing slash: 401 invalid_token")
    void untrustedIssuer() {
        String token = TokenForge.forApiB().claim("iss", ChainServer.issuerA() + "/").sign();

        assertRefused(get(claims()).header("Authorization", "Bearer " + token),
                401, error(BEARER, "invalid_token", "The JWT's issuer is not trusted here"), DPOP);
    }

    @Test
    @DisplayName("RS-07: a token signed by a key the issuer does not publish: 401 invalid_token")
    void unknownKey() {
        String token = TokenForge.forApiB().signedBy(SigningKey.generateEs256().withKeyId("not-domain-a")).sign();

        assertRefused(get(claims()).header("Authorization", "Bearer " + token),
                401, error(BEARER, "invalid_token", "No trusted key matches the JWT's key id and algorithm"), DPOP);
    }

    @Test
    @DisplayName("RS-07: alg none: 401 invalid_token")
    void unsignedToken() {
        assertRefused(get(claims()).header("Authorization", "Bearer " + TokenForge.forApiB().unsecured()),
                401, error(BEARER, "invalid_token", "The JWT's signature algorithm is not allowed here"), DPOP);
    }

    @Test
    @DisplayName("RS-09, RS-25: expired beyond the leeway: 401 invalid_token")
    void expiredToken() {
        long now = Instant.now().getEpochSecond();
        String token = TokenForge.forApiB().claim("iat", now - 900).claim("exp", now - 600).sign();

        assertRefused(get(claims()).header("Authorization", "Bearer " + token),
                401, error(BEARER, "invalid_token", "The JWT has expired"), DPOP);
    }

    @Test
    @DisplayName("RS-10: nbf ten minutes ahead: 401 invalid_token")
    void notYetValid() {
        String token = TokenForge.forApiB().claim("nbf", Instant.now().getEpochSecond() + 600).sign();

        assertRefused(get(claims()).header("Authorization", "Bearer " + token),
                401, error(BEARER, "invalid_token", "The JWT is not valid yet"), DPOP);
    }

    @Test
    @DisplayName("RS-11, RS-42, RS-43: alice's token for API A at API B (with a valid proof): 401 invalid_token in the DPoP"
            + " challenge")
    void wrongAudience() {
        assertRefused(get(claims()).header("Authorization", "DPoP " + alice.accessToken())
                        .header("DPoP", alice.proof("GET", claims())),
                401, BEARER, error(DPOP, "invalid_token", "The access token is not intended for this resource"));
    }

    @Test
    @DisplayName("RS-13: no client_id: 401 invalid_token")
    void noClientId() {
        assertRefused(get(claims()).header("Authorization", "Bearer " + TokenForge.forApiB().without("client_id").sign()),
                401, error(BEARER, "invalid_token", "The JWT has no client_id claim"), DPOP);
    }

    @Test
    @DisplayName("RS-14: azp differs from client_id: 401 invalid_token")
    void azpDiffers() {
        String token = TokenForge.forApiB().claim("azp", TestClient.APP).sign();

        assertRefused(get(claims()).header("Authorization", "Bearer " + token),
                401, error(BEARER, "invalid_token", "The token's azp differs from its client_id"), DPOP);
    }

    @Test
    @DisplayName("RS-16, RS-26: a token without a scope claim: 403 insufficient_scope")
    void noScopeClaim() {
        assertRefused(get(claims()).header("Authorization", "Bearer " + TokenForge.forApiB().without("scope").sign()),
                403, error(BEARER, "insufficient_scope", "The access token lacks a required scope") + ", scope=\"b-read\"", DPOP);
    }

    @Test
    @DisplayName("RS-26, RS-27, RS-28: class (b-read) and method (c-read) scopes both apply: 403 insufficient_scope naming both")
    void insufficientScope() {
        URI uri = ChainServer.uri("/api-b/needs-c-read");

        assertRefused(dpop(uri, bound, proof("GET", uri, bound)), 403, BEARER,
                error(DPOP, "insufficient_scope", "The access token lacks a required scope") + ", scope=\"b-read c-read\"");
    }

    // ------------------------------------------------------------------ DPoP (RS-30 to RS-45)

    @Test
    @DisplayName("RS-31, RS-45: a bound token under the Bearer scheme: 401 invalid_token in the Bearer challenge")
    void boundTokenAsBearer() {
        assertRefused(get(claims()).header("Authorization", "Bearer " + bound), 401,
                error(BEARER, "invalid_token", "A DPoP-bound access token must be presented with the DPoP scheme"), DPOP);
    }

    @Test
    @DisplayName("RS-31: a bound token in a form body: 401 invalid_token")
    void boundTokenInBody() {
        assertRefused(TestClient.formPost(claims(), Map.of("access_token", bound)), 401,
                error(BEARER, "invalid_token", "A DPoP-bound access token must be presented with the DPoP scheme"), DPOP);
    }

    @Test
    @DisplayName("RS-37: an unbound token under the DPoP scheme with a valid proof: 401 invalid_token")
    void unboundTokenAsDpop() {
        assertRefused(dpop(claims(), unbound, proof("GET", claims(), unbound)), 401, BEARER,
                error(DPOP, "invalid_token", "The access token is not DPoP-bound and cannot be presented with the DPoP scheme"));
    }

    @Test
    @DisplayName("RS-32, RS-40, RS-41: the DPoP scheme without a proof: 401 invalid_dpop_proof")
    void missingProof() {
        assertRefused(get(claims()).header("Authorization", "DPoP " + bound), 401, BEARER,
                error(DPOP, "invalid_dpop_proof", "A DPoP proof is required"));
    }

    @Test
    @DisplayName("RS-38: the same proof twice: the second is 401 invalid_dpop_proof")
    void replayedProof() {
        String proof = proof("GET", claims(), bound);
        assertThat(CLIENT.send(dpop(claims(), bound, proof)).statusCode()).isEqualTo(200);

        assertRefused(dpop(claims(), bound, proof), 401, BEARER,
                error(DPOP, "invalid_dpop_proof", "The DPoP proof has already been used"));
    }

    @Test
    @DisplayName("RS-33 (GEN-30): a proof for another URI: 401 invalid_dpop_proof")
    void wrongHtu() {
        assertRefused(dpop(claims(), bound, proof("GET", ChainServer.uri("/api-b/open"), bound)), 401, BEARER,
                error(DPOP, "invalid_dpop_proof", "The DPoP proof's htu does not match the request URI"));
    }

    @Test
    @DisplayName("RS-33 (GEN-29): a proof for another method: 401 invalid_dpop_proof")
    void wrongHtm() {
        assertRefused(dpop(claims(), bound, proof("POST", claims(), bound)), 401, BEARER,
                error(DPOP, "invalid_dpop_proof", "The DPoP proof's htm does not match the request method"));
    }

    @Test
    @DisplayName("RS-34, RS-43: a proof whose ath is another token's hash: 401 invalid_dpop_proof")
    void athOfAnotherToken() {
        String proof = Secrets.remember(proofs.create("GET", claims(), unbound, null));

        assertRefused(dpop(claims(), bound, proof), 401, BEARER,
                error(DPOP, "invalid_dpop_proof", "The DPoP proof's ath does not match the access token"));
    }

    @Test
    @DisplayName("RS-34: a proof without ath: 401 invalid_dpop_proof")
    void missingAth() {
        String proof = Secrets.remember(proofs.create("GET", claims(), null, null));

        assertRefused(dpop(claims(), bound, proof), 401, BEARER,
                error(DPOP, "invalid_dpop_proof", "The DPoP proof has no ath claim"));
    }

    @Test
    @DisplayName("RS-33 (GEN-30): a request with a query string and a proof for its URI without it is accepted")
    void htuWithoutQuery() {
        URI withQuery = URI.create(claims() + "?view=full");

        HttpResponse<String> response = CLIENT.send(dpop(withQuery, bound, proof("GET", claims(), bound)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    @DisplayName("RS-33 (GEN-22): two DPoP headers: 401 invalid_dpop_proof")
    void twoProofs() {
        assertRefused(dpop(claims(), bound, proof("GET", claims(), bound)).header("DPoP", proof("GET", claims(), bound)),
                401, BEARER, error(DPOP, "invalid_dpop_proof", "More than one DPoP header"));
    }

    @Test
    @DisplayName("RS-33 (GEN-23): a DPoP header that is not a compact JWS: 401 invalid_dpop_proof")
    void garbageProof() {
        assertRefused(dpop(claims(), bound, "garbage"), 401, BEARER,
                error(DPOP, "invalid_dpop_proof", "The JWT is not one compact JWS of three segments"));
    }

    @Test
    @DisplayName("RS-33 (GEN-24): a proof without jti: 401 invalid_dpop_proof")
    void proofWithoutJti() {
        Map<String, Object> claims = proofClaims();
        claims.remove("jti");

        assertRefused(dpop(claims(), bound, customProof(dpopKey, proofHeader("dpop+jwt", false), claims)), 401, BEARER,
                error(DPOP, "invalid_dpop_proof", "The JWT has no jti claim"));
    }

    @Test
    @DisplayName("RS-33 (GEN-25): a proof whose typ is JWT: 401 invalid_dpop_proof")
    void proofOfWrongType() {
        assertRefused(dpop(claims(), bound, customProof(dpopKey, proofHeader("JWT", false), proofClaims())), 401, BEARER,
                error(DPOP, "invalid_dpop_proof", "The DPoP proof's typ is not dpop+jwt"));
    }

    @Test
    @DisplayName("RS-33 (GEN-26): an unsigned proof (alg none): 401 invalid_dpop_proof")
    void unsignedProof() {
        Map<String, Object> header = proofHeader("dpop+jwt", false);
        header.put("alg", "none");
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String proof = Secrets.remember(b64.encodeToString(JsonUtil.toJson(header).getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(JsonUtil.toJson(proofClaims()).getBytes(StandardCharsets.UTF_8)) + ".");

        assertRefused(dpop(claims(), bound, proof), 401, BEARER,
                error(DPOP, "invalid_dpop_proof", "The JWT's signature algorithm is not allowed here"));
    }

    @Test
    @DisplayName("RS-33 (GEN-27): a proof signed by another key than its jwk: 401 invalid_dpop_proof")
    void proofSignedByAnotherKey() {
        String proof = customProof(SigningKey.generateEs256(), proofHeader("dpop+jwt", false), proofClaims());

        assertRefused(dpop(claims(), bound, proof), 401, BEARER,
                error(DPOP, "invalid_dpop_proof", "The DPoP proof's signature does not verify with its jwk"));
    }

    @Test
    @DisplayName("RS-33 (GEN-28): a proof whose jwk holds the private key: 401 invalid_dpop_proof")
    void proofWithPrivateJwk() {
        assertRefused(dpop(claims(), bound, customProof(dpopKey, proofHeader("dpop+jwt", true), proofClaims())), 401,
                BEARER, error(DPOP, "invalid_dpop_proof", "The DPoP proof's jwk contains private key material"));
    }

    @Test
    @DisplayName("RS-33 (GEN-32): a proof made ten minutes ago: 401 invalid_dpop_proof")
    void oldProof() {
        Map<String, Object> claims = proofClaims();
        claims.put("iat", Instant.now().getEpochSecond() - 600);

        assertRefused(dpop(claims(), bound, customProof(dpopKey, proofHeader("dpop+jwt", false), claims)), 401, BEARER,
                error(DPOP, "invalid_dpop_proof", "The DPoP proof is too old"));
    }

    @Test
    @DisplayName("RS-33 (GEN-33): a proof dated ten minutes ahead: 401 invalid_dpop_proof")
    void futureProof() {
        Map<String, Object> claims = proofClaims();
        claims.put("iat", Instant.now().getEpochSecond() + 600);

        assertRefused(dpop(claims(), bound, customProof(dpopKey, proofHeader("dpop+jwt", false), claims)), 401, BEARER,
                error(DPOP, "invalid_dpop_proof", "The DPoP proof's iat is in the future"));
    }

    @Test
    @DisplayName("RS-33 (GEN-37): a proof with a 300-character jti: 401 invalid_dpop_proof")
    void oversizedJti() {
        Map<String, Object> claims = proofClaims();
        claims.put("jti", "j".repeat(300));

        assertRefused(dpop(claims(), bound, customProof(dpopKey, proofHeader("dpop+jwt", false), claims)), 401, BEARER,
                error(DPOP, "invalid_dpop_proof", "The DPoP proof's jti is empty or longer than 256 characters"));
    }

    /** The header of a proof by {@link #dpopKey}: typ, ES256 and its public jwk (or, wrongly, its private one). */
    private static Map<String, Object> proofHeader(String typ, boolean privateJwk) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("typ", typ);
        header.put("alg", "ES256");
        try {
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(dpopKey.publicKey());
            if (privateJwk) {
                jwk.setPrivateKey(dpopKey.privateKey());
            }
            header.put("jwk", jwk.toParams(privateJwk ? JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE
                    : JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
        return header;
    }

    /** The claims of a correct proof for GET {@link #claims()} with {@link #bound}. */
    private static Map<String, Object> proofClaims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("htm", "GET");
        claims.put("htu", claims().toString());
        claims.put("iat", Instant.now().getEpochSecond());
        claims.put("ath", AccessTokenHash.of(bound));
        return claims;
    }

    /** A proof with exactly this header and these claims, signed with {@code signer}'s private key (ES256). */
    private static String customProof(SigningKey signer, Map<String, Object> header, Map<String, Object> claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(JsonUtil.toJson(claims));
        header.forEach(jws.getHeaders()::setObjectHeaderValue);
        jws.setKey(signer.privateKey());
        try {
            return Secrets.remember(jws.getCompactSerialization());
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("RS-35, RS-43: a valid proof by another key than the token's cnf.jkt: 401 invalid_token")
    void proofByAnotherKey() {
        DpopProofFactory other = new DpopProofFactory(SigningKey.generateEs256(), Clock.systemUTC());
        String proof = Secrets.remember(other.forResourceRequest("GET", claims(), bound));

        assertRefused(dpop(claims(), bound, proof), 401, BEARER,
                error(DPOP, "invalid_token", "The access token is not bound to the DPoP proof's key"));
    }

    @Test
    @DisplayName("RS-39, RS-40: a Bearer token at a DPoP-only resource (API C): 401 with the DPoP challenge only")
    void bearerAtDpopOnlyResource() {
        assertRefused(get(ChainServer.uri("/api-c/claims")).header("Authorization", "Bearer " + unbound), 401,
                error(DPOP, "invalid_token", "This resource accepts DPoP-bound access tokens only"));
    }

    @Test
    @DisplayName("RS-44, GEN-39, GEN-40: API C requires a nonce: 401 use_dpop_nonce with one DPoP-Nonce and no-store; the"
            + " retry with it succeeds")
    void nonceRequired() {
        SigningKey key = SigningKey.generateEs256();
        DpopProofFactory cProofs = new DpopProofFactory(key, Clock.systemUTC());
        String forC = exchange(ClientIdentity.builder(API_A, TestClient.key("api-a")).dpopKey(key).build(), API_C).accessToken();
        URI uri = ChainServer.uri("/api-c/claims");

        HttpResponse<String> challenged = CLIENT.send(dpop(uri, forC, Secrets.remember(cProofs.create("GET", uri, forC, null))));

        assertThat(challenged.statusCode()).isEqualTo(401);
        assertThat(challenged.headers().allValues("WWW-Authenticate"))
                .containsExactly(error(DPOP, "use_dpop_nonce", "A DPoP nonce from this server is required"));
        List<String> nonces = challenged.headers().allValues("DPoP-Nonce");
        assertThat(nonces).hasSize(1);
        assertThat(challenged.headers().firstValue("Cache-Control")).contains("no-store");

        HttpResponse<String> retried = CLIENT.send(dpop(uri, forC,
                Secrets.remember(cProofs.create("GET", uri, forC, nonces.get(0)))));
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ metadata (RS-52 to RS-55)

    @Test
    @DisplayName("RS-52, RS-53, RS-54, RS-55: API C's RFC 9728 metadata: its identifier, its AS, DPoP required with the"
            + " algorithms it checks, no query method")
    void protectedResourceMetadata() {
        HttpResponse<String> response = CLIENT.send(get(ChainServer.uri("/api-c/.well-known/oauth-protected-resource")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Object> metadata = TestClient.json(response.body());
        assertThat(metadata).containsEntry("resource", API_C)
                .containsEntry("authorization_servers", List.of(ChainServer.issuerA()))
                .containsEntry("dpop_bound_access_tokens_required", true)
                .containsEntry("dpop_signing_alg_values_supported", List.of(ALGS.split(" ")))
                .containsEntry("scopes_supported", List.of("c-read"));
        assertThat(metadata.get("bearer_methods_supported")).asList().doesNotContain("query");
    }
}
