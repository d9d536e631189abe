package org.enachain.jakarta.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.client.ClientRequestContext;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.enachain.core.chain.SubjectToken;
import org.enachain.core.chain.TokenChainer;
import org.enachain.core.client.ClientIdentity;
import org.enachain.core.client.TokenTypeUri;
import org.enachain.core.dpop.AccessTokenHash;
import org.enachain.core.http.TransportSecurity;
import org.enachain.core.jose.SigningKey;
import org.enachain.core.testing.LogCapture;
import org.enachain.core.testing.ScriptedAuthorizationServer;
import org.enachain.core.testing.TestHttpsServer;
import org.enachain.core.testing.TestKeys;
import org.enachain.jakarta.config.ConfigReader;
import org.enachain.jakarta.testing.TestResponse;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The outbound filter against a scripted authorization server: what a chained call carries (CL-53 to
 * CL-72), when it fails before sending anything, and how failures are typed.
 */
class ChainedTokenFilterTest {

    static final String API_A = "https://api-a.example.com";
    static final URI ORDER = URI.create("https://api-b.example.com/orders/42?expand=lines#frag");
    static final String CALLER_TOKEN = "caller.token.value";
    static final String CHAINED = "chained.token.value";

    @org.eclipse.microprofile.rest.client.inject.RegisterRestClient(configKey = "api-b")
    @ChainedToken(audience = "https://api-b.example.com", scope = "orders-read")
    interface ApiB {
        String order();

        @ChainedToken(audience = "https://api-b.example.com", requireDpop = true)
        String dpopOnly();
    }

    interface Mixed {
        @ChainedToken(audience = "https://api-b.example.com")
        String chained();

        String plain();
    }

    private final ScriptedAuthorizationServer as = new ScriptedAuthorizationServer();
    private final SigningKey dpopKey = SigningKey.generateEs256();
    private final TokenChainer chainer = TokenChainer.builder(as.issuer())
            .identity(as.issuer(), ClientIdentity.builder(API_A, TestKeys.CLIENT_ES256).dpopKey(dpopKey).build())
            .transport(as.transport()).build();

    @AfterEach
    void stop() {
        as.close();
    }

    private SubjectToken subject() {
        return SubjectToken.accessToken(CALLER_TOKEN, as.issuer(), Instant.now().plusSeconds(300),
                Set.of("orders-read", "profile"), "user-4711", "https://app.example.com");
    }

    private ChainedTokenFilter filter(Class<?> type, CallerTokens callers) {
        return new ChainedTokenFilter(type, ChainTargets.resolve(type, ConfigReader.of(Map.of()), as.issuer(),
                Set.of(as.issuer()), TransportSecurity.requireTls()), chainer, callers, ClientRequestContext::getClient);
    }

    private CallerTokens callers() {
        SubjectToken s = subject();
        return new CallerTokens(null, () -> Optional.of(s), null);
    }

    private static Method method(Class<?> type, String name) throws NoSuchMethodException {
        return type.getMethod(name);
    }

    private static TestHttpsServer.Reply dpopToken() {
        return ScriptedAuthorizationServer.token(CHAINED, "DPoP", 300, TokenTypeUri.ACCESS_TOKEN.uri(), "orders-read");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> part(String jwt, int index) throws Exception {
        return JsonUtil.parseJson(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]), StandardCharsets.UTF_8));
    }

    private FakeClientContexts.Request call(ChainedTokenFilter filter, Class<?> type, String name, String httpMethod)
            throws Exception {
        FakeClientContexts.Request request = new FakeClientContexts.Request(httpMethod, ORDER, method(type, name));
        filter.filter(request.context());
        return request;
    }

    @Test
    @DisplayName("CL-55, CL-56, CL-58, CL-59, CL-61, CL-63 to CL-66: a DPoP-bound token goes as Authorization: DPoP (never in the URL) with exactly one proof for this method and URL, with iat and ath")
    void filterWhenDpopTokenThenDpopSchemeAndOneProof() throws Exception {
        as.enqueue(dpopToken());
        FakeClientContexts.Request request = call(filter(ApiB.class, callers()), ApiB.class, "order", "POST");
        assertThat(request.header("Authorization")).isEqualTo("DPoP " + CHAINED);
        assertThat(request.headers.get("DPoP")).hasSize(1);
        String proof = request.header("DPoP");
        Map<String, Object> header = part(proof, 0);
        Map<String, Object> claims = part(proof, 1);
        assertThat(header.get("typ")).isEqualTo("dpop+jwt");
        assertThat(header.get("alg")).isEqualTo("ES256");
        assertThat(header.get("jwk")).isInstanceOfSatisfying(Map.class, jwk -> assertThat(jwk.containsKey("d")).isFalse());
        assertThat(claims.get("htm")).isEqualTo("POST");
        assertThat(claims.get("htu")).isEqualTo("https://api-b.example.com/orders/42");
        assertThat(claims.get("ath")).isEqualTo(AccessTokenHash.of(CHAINED));
        assertThat(((Number) claims.get("iat")).longValue()).isCloseTo(Instant.now().getEpochSecond(),
                org.assertj.core.data.Offset.offset(2L));
        // The exchange itself: the caller's token as subject, the annotation's audience and scope.
        TestHttpsServer.Received exchange = as.tokenRequests().get(0);
        assertThat(exchange.formValue("subject_token")).isEqualTo(CALLER_TOKEN);
        assertThat(exchange.formValue("audience")).isEqualTo("https://api-b.example.com");
        assertThat(exchange.formValue("scope")).isEqualTo("orders-read");
        // CL-55: the filter never rewrites the request URI (the fake context refuses setUri), so no token is in it.
        assertThat(request.uri.toString()).doesNotContain("access_token").doesNotContain(CHAINED);
    }

    @Test
    @DisplayName("CL-57, CL-62: every request gets a new proof, also with the same cached token")
    void filterWhenCalledTwiceThenCachedTokenAndNewProof() throws Exception {
        as.enqueue(dpopToken());
        ChainedTokenFilter filter = filter(ApiB.class, callers());
        String first = call(filter, ApiB.class, "order", "GET").header("DPoP");
        String second = call(filter, ApiB.class, "order", "GET").header("DPoP");
        assertThat(as.tokenRequests()).hasSize(1);
        assertThat(part(first, 1).get("jti")).isNotEqualTo(part(second, 1).get("jti"));
        assertThat(((String) part(first, 1).get("jti")).length()).isGreaterThanOrEqualTo(16);
    }

    @Test
    @DisplayName("CL-53: an unbound token goes as Authorization: Bearer, without a DPoP header")
    void filterWhenBearerTokenThenBearerAndNoProof() throws Exception {
        as.enqueue(ScriptedAuthorizationServer.token(CHAINED, "Bearer", 300, TokenTypeUri.ACCESS_TOKEN.uri(), null));
        FakeClientContexts.Request request = call(filter(ApiB.class, callers()), ApiB.class, "order", "GET");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + CHAINED);
        assertThat(request.headers).doesNotContainKey("DPoP");
    }

    @Test
    @DisplayName("CL-72, CL-67: requireDpop on the method: the token request carries a DPoP proof, without ath")
    void filterWhenRequireDpopThenTokenRequestHasProof() throws Exception {
        as.enqueue(dpopToken());
        call(filter(ApiB.class, callers()), ApiB.class, "dpopOnly", "GET");
        assertThat(as.tokenRequests().get(0).headerValues("DPoP")).hasSize(1);
        assertThat(part(as.tokenRequests().get(0).headerValues("DPoP").get(0), 1)).doesNotContainKey("ath");
    }

    @Test
    void filterWhenMethodNotAnnotatedThenNothingAdded() throws Exception {
        FakeClientContexts.Request request = call(filter(Mixed.class, callers()), Mixed.class, "plain", "GET");
        assertThat(request.headers).isEmpty();
        assertThat(as.tokenRequests()).isEmpty();
    }

    @Test
    @DisplayName("No caller token: the call fails before any network traffic, saying why")
    void filterWhenNoCallerTokenThenExceptionAndNothingSent() {
        CallerTokens none = new CallerTokens(null, null, "no inbound filter is active");
        try (LogCapture log = new LogCapture()) {
            assertThatThrownBy(() -> call(filter(ApiB.class, none), ApiB.class, "order", "GET"))
                    .isInstanceOf(ChainedTokenException.class)
                    .hasMessage("No token for https://api-b.example.com (rest client " + ApiB.class.getName() + "): there"
                            + " is no caller token to exchange, because no inbound filter is active. Nothing was sent.")
                    .satisfies(e -> {
                        ChainedTokenException c = (ChainedTokenException) e;
                        assertThat(c.kind()).isEqualTo(ChainedTokenException.Kind.NO_CALLER_TOKEN);
                        assertThat(c.target()).isEqualTo("https://api-b.example.com");
                    });
            assertThat(log.all()).contains("ENAJ0401W");
        }
        assertThat(as.server().requestCount()).isZero();
    }

    @Test
    @DisplayName("AS failing with 5xx: AUTHORIZATION_SERVER_UNAVAILABLE, naming the target and the AS; no token in the message")
    void filterWhenAuthorizationServerFailsThenUnavailable() {
        as.enqueue(ScriptedAuthorizationServer.error(503, "temporarily_unavailable", "down"));
        assertThatThrownBy(() -> call(filter(ApiB.class, callers()), ApiB.class, "order", "GET"))
                .isInstanceOf(ChainedTokenException.class)
                .hasMessageStartingWith("No token for https://api-b.example.com from " + as.issuer())
                .hasMessageNotContaining(CALLER_TOKEN)
                .satisfies(e -> {
                    ChainedTokenException c = (ChainedTokenException) e;
                    assertThat(c.kind()).isEqualTo(ChainedTokenException.Kind.AUTHORIZATION_SERVER_UNAVAILABLE);
                    assertThat(c.authorizationServer()).startsWith(as.issuer());
                });
    }

    @Test
    void filterWhenAuthorizationServerUnreachableThenUnavailable() {
        as.close();
        assertThatThrownBy(() -> call(filter(ApiB.class, callers()), ApiB.class, "order", "GET"))
                .isInstanceOf(ChainedTokenException.class)
                .satisfies(e -> assertThat(((ChainedTokenException) e).kind())
                        .isEqualTo(ChainedTokenException.Kind.AUTHORIZATION_SERVER_UNAVAILABLE));
    }

    @Test
    @DisplayName("AS refusing with invalid_target: REFUSED with the AS's error code")
    void filterWhenAuthorizationServerRefusesThenRefusedWithErrorCode() {
        as.enqueue(ScriptedAuthorizationServer.error(400, "invalid_target", "no such resource"));
        assertThatThrownBy(() -> call(filter(ApiB.class, callers()), ApiB.class, "order", "GET"))
                .isInstanceOf(ChainedTokenException.class)
                .satisfies(e -> {
                    ChainedTokenException c = (ChainedTokenException) e;
                    assertThat(c.kind()).isEqualTo(ChainedTokenException.Kind.REFUSED);
                    assertThat(c.errorCode()).contains("invalid_target");
                });
    }

    @Test
    @DisplayName("A subject token without a user is refused locally (CL-37): REFUSED, nothing sent")
    void filterWhenSubjectHasNoUserThenRefusedLocally() {
        SubjectToken clientOnly = SubjectToken.accessToken(CALLER_TOKEN, as.issuer(), Instant.now().plusSeconds(300),
                Set.of("orders-read"), "https://app.example.com", "https://app.example.com");
        CallerTokens callers = new CallerTokens(null, () -> Optional.of(clientOnly), null);
        assertThatThrownBy(() -> call(filter(ApiB.class, callers), ApiB.class, "order", "GET"))
                .isInstanceOf(ChainedTokenException.class)
                .satisfies(e -> assertThat(((ChainedTokenException) e).kind()).isEqualTo(ChainedTokenException.Kind.REFUSED));
        assertThat(as.tokenRequests()).isEmpty();
    }

    @Test
    @DisplayName("CL-68: a DPoP-Nonce from the resource is carried by the next proof to it")
    void responseFilterWhenNonceSentThenNextProofCarriesIt() throws Exception {
        as.enqueue(dpopToken());
        ChainedTokenFilter filter = filter(ApiB.class, callers());
        FakeClientContexts.Request first = call(filter, ApiB.class, "order", "GET");
        assertThat(part(first.header("DPoP"), 1)).doesNotContainKey("nonce");
        filter.filter(first.context(), FakeClientContexts.response(200, Map.of("DPoP-Nonce", "n-1")));
        FakeClientContexts.Request second = call(filter, ApiB.class, "order", "GET");
        assertThat(part(second.header("DPoP"), 1).get("nonce")).isEqualTo("n-1");
    }

    @Test
    @DisplayName("CL-70: a resource's nonce is never sent to the authorization server")
    void responseFilterWhenNonceFromResourceThenNotInTokenRequests() throws Exception {
        as.enqueue(dpopToken(), dpopToken());
        ChainedTokenFilter filter = filter(ApiB.class, callers());
        FakeClientContexts.Request first = call(filter, ApiB.class, "order", "GET");
        filter.filter(first.context(), FakeClientContexts.response(200, Map.of("DPoP-Nonce", "resource-nonce")));
        call(filter, ApiB.class, "dpopOnly", "GET");
        for (TestHttpsServer.Received r : as.tokenRequests()) {
            for (String proof : r.headerValues("DPoP")) {
                assertThat(part(proof, 1)).doesNotContainKey("nonce");
            }
        }
    }

    @Test
    @DisplayName("401 invalid_token from the resource drops the cached token: the next call exchanges again")
    void responseFilterWhenInvalidTokenThenNextCallExchangesAgain() throws Exception {
        as.enqueue(dpopToken(), dpopToken());
        ChainedTokenFilter filter = filter(ApiB.class, callers());
        FakeClientContexts.Request first = call(filter, ApiB.class, "order", "GET");
        filter.filter(first.context(), FakeClientContexts.response(401, Map.of("WWW-Authenticate",
                "DPoP algs=\"ES256\", error=\"invalid_token\", error_description=\"expired\"")));
        call(filter, ApiB.class, "order", "GET");
        assertThat(as.tokenRequests()).hasSize(2);
    }

    @Test
    void responseFilterWhenNotOurRequestThenNothing() {
        FakeClientContexts.Request request = new FakeClientContexts.Request("GET", ORDER, null);
        filter(ApiB.class, callers()).filter(request.context(), FakeClientContexts.response(401, Map.of()));
        assertThat(request.properties).isEmpty();
    }

    @Test
    void errorOfWhenChallengesThenErrorOfTheTokensScheme() {
        List<String> challenges = List.of("Bearer error=\"invalid_token\"", "DPoP algs=\"ES256\", error=\"use_dpop_nonce\"");
        assertThat(ChainedTokenFilter.errorOf(challenges, org.enachain.core.client.TokenScheme.DPOP)).contains("use_dpop_nonce");
        assertThat(ChainedTokenFilter.errorOf(challenges, org.enachain.core.client.TokenScheme.BEARER)).contains("invalid_token");
        assertThat(ChainedTokenFilter.errorOf(List.of("Basic realm=\"x\""), org.enachain.core.client.TokenScheme.DPOP)).isEmpty();
    }

    @Test
    @DisplayName("Asynchronous calls: the caller token captured on the calling thread is used on the call's thread")
    void asyncInterceptorWhenAppliedOnAnotherThreadThenCarriedLookupUsed() throws Exception {
        as.enqueue(dpopToken());
        SubjectToken s = subject();
        boolean[] onCallingThread = {true};
        Set<Thread> lookedUpOn = new HashSet<>();
        CallerTokens callers = new CallerTokens(null, () -> {
            lookedUpOn.add(Thread.currentThread());
            return onCallingThread[0] ? Optional.of(s) : Optional.empty();
        }, null);
        ChainedTokenFilter filter = filter(ApiB.class, callers);
        org.eclipse.microprofile.rest.client.ext.AsyncInvocationInterceptor interceptor =
                new CallerContextInterceptorFactory(callers).newInterceptor();
        interceptor.prepareContext(); // on the calling thread
        onCallingThread[0] = false; // the request scope is not there on the other thread
        FakeClientContexts.Request[] sent = new FakeClientContexts.Request[1];
        Throwable[] failure = new Throwable[1];
        Object[] leftOnThread = new Object[2];
        Thread async = new Thread(() -> {
            interceptor.applyContext();
            try {
                sent[0] = call(filter, ApiB.class, "order", "GET");
                leftOnThread[0] = CallerTokens.CARRIED.get(); // used once: gone after the call, before removeContext
            } catch (Throwable t) {
                failure[0] = t;
            } finally {
                interceptor.removeContext();
            }
            leftOnThread[1] = CallerTokens.CARRIED.get();
        });
        async.start();
        async.join();
        assertThat(failure[0]).isNull();
        assertThat(leftOnThread).containsOnlyNulls();
        assertThat(sent[0].header("Authorization")).isEqualTo("DPoP " + CHAINED);
        assertThat(lookedUpOn).containsExactly(Thread.currentThread());
    }

    private static final String NONCE_CHALLENGE = "DPoP algs=\"ES256\", error=\"use_dpop_nonce\","
            + " error_description=\"A DPoP nonce from this server is required\"";

    @Test
    @DisplayName("CL-69, CL-57: on 401 use_dpop_nonce with DPoP-Nonce the call is sent once more with a new proof carrying the nonce, and its answer replaces the 401")
    void responseFilterWhenNonceChallengeThenOneRetryWithNonce() throws Exception {
        as.enqueue(dpopToken());
        ChainedTokenFilter filter = filter(ApiB.class, callers());
        FakeClientContexts.Request request = call(filter, ApiB.class, "order", "GET");
        request.headers.add("Accept", "application/json");
        String firstProof = request.header("DPoP");
        TestResponse ok = new TestResponse(200, Map.of("Content-Type", "application/json", "DPoP-Nonce", "n-2"),
                "{\"id\":42}".getBytes(StandardCharsets.UTF_8));
        request.client = sent -> ok;
        FakeClientContexts.Received received = new FakeClientContexts.Received(401, Map.of("WWW-Authenticate",
                NONCE_CHALLENGE, "DPoP-Nonce", "n-1"));
        filter.filter(request.context(), received.context());

        assertThat(request.resent).hasSize(1);
        Map<String, List<String>> resent = request.resent.get(0);
        assertThat(resent.get("Authorization")).containsExactly("DPoP " + CHAINED);
        assertThat(resent.get("Accept")).containsExactly("application/json");
        assertThat(resent.get("DPoP")).hasSize(1);
        Map<String, Object> proof = part(resent.get("DPoP").get(0), 1);
        assertThat(proof.get("nonce")).isEqualTo("n-1");
        assertThat(proof.get("jti")).isNotEqualTo(part(firstProof, 1).get("jti"));
        assertThat(proof.get("ath")).isEqualTo(AccessTokenHash.of(CHAINED));
        assertThat(request.resentProperties.get(0)).containsEntry(ChainedTokenFilter.RETRY, Boolean.TRUE);
        assertThat(received.status).isEqualTo(200);
        assertThat(received.headers.getFirst("Content-Type")).isEqualTo("application/json");
        assertThat(new String(received.entity.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":42}");
        assertThat(ok.isClosed()).isTrue();
        // The nonce of the retry's answer is remembered for the next call.
        assertThat(part(call(filter, ApiB.class, "order", "GET").header("DPoP"), 1).get("nonce")).isEqualTo("n-2");
    }

    @Test
    @DisplayName("CL-69: a retried request is left alone by the filter, so a second nonce challenge is not retried again")
    void filterWhenRetryRequestThenUntouched() throws Exception {
        FakeClientContexts.Request retry = new FakeClientContexts.Request("GET", ORDER, method(ApiB.class, "order"));
        retry.properties.put(ChainedTokenFilter.RETRY, Boolean.TRUE);
        ChainedTokenFilter filter = filter(ApiB.class, callers());
        filter.filter(retry.context());
        assertThat(retry.headers).isEmpty();
        filter.filter(retry.context(), FakeClientContexts.response(401, Map.of("WWW-Authenticate", NONCE_CHALLENGE,
                "DPoP-Nonce", "n")));
        assertThat(retry.resent).isEmpty();
    }

    @Test
    void responseFilterWhenNonceChallengeWithoutNonceHeaderThenNoRetry() throws Exception {
        as.enqueue(dpopToken());
        ChainedTokenFilter filter = filter(ApiB.class, callers());
        FakeClientContexts.Request request = call(filter, ApiB.class, "order", "GET");
        FakeClientContexts.Received received = new FakeClientContexts.Received(401, Map.of("WWW-Authenticate",
                NONCE_CHALLENGE));
        filter.filter(request.context(), received.context());
        assertThat(request.resent).isEmpty();
        assertThat(received.status).isEqualTo(401);
    }

    @Test
    void responseFilterWhenBearerTokenAndNonceChallengeThenNoRetry() throws Exception {
        as.enqueue(ScriptedAuthorizationServer.token(CHAINED, "Bearer", 300, TokenTypeUri.ACCESS_TOKEN.uri(), null));
        ChainedTokenFilter filter = filter(ApiB.class, callers());
        FakeClientContexts.Request request = call(filter, ApiB.class, "order", "GET");
        filter.filter(request.context(), FakeClientContexts.response(401, Map.of("WWW-Authenticate", NONCE_CHALLENGE,
                "DPoP-Nonce", "n")));
        assertThat(request.resent).isEmpty();
    }

    @Test
    @DisplayName("GEN-21, CL rows: failed and successful chained calls log no token, neither the caller's nor the chained one")
    void filterLogsNoToken() throws Exception {
        as.enqueue(dpopToken(), ScriptedAuthorizationServer.error(400, "invalid_target", "no"));
        try (LogCapture log = new LogCapture()) {
            ChainedTokenFilter filter = filter(ApiB.class, callers());
            call(filter, ApiB.class, "order", "GET");
            try {
                call(filter, ApiB.class, "dpopOnly", "GET");
            } catch (ChainedTokenException expected) {
                // logged as ENAJ0402W
            }
            assertThat(log.all()).contains("ENAJ0402W").doesNotContain(CALLER_TOKEN).doesNotContain(CHAINED);
        }
    }

    @Test
    @DisplayName("CL-69: a request with an entity is retried with the same entity and media type")
    void responseFilterWhenNonceChallengeOnPostThenEntityResent() throws Exception {
        as.enqueue(dpopToken());
        ChainedTokenFilter filter = filter(ApiB.class, callers());
        FakeClientContexts.Request request = call(filter, ApiB.class, "order", "POST");
        request.entity = "{\"item\":1}";
        request.mediaType = jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE;
        request.headers.add("Content-Type", "application/json");
        request.client = sent -> new TestResponse(201, Map.of(), new byte[0]);
        FakeClientContexts.Received received = new FakeClientContexts.Received(401, Map.of("WWW-Authenticate",
                NONCE_CHALLENGE, "DPoP-Nonce", "n-1"));
        filter.filter(request.context(), received.context());
        assertThat(received.status).isEqualTo(201);
        assertThat(request.resentEntities).singleElement().satisfies(e -> {
            assertThat(e.getEntity()).isEqualTo("{\"item\":1}");
            assertThat(e.getMediaType()).isEqualTo(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE);
        });
        assertThat(request.resent.get(0)).doesNotContainKey("Content-Type");
        assertThat(part(request.resent.get(0).get("DPoP").get(0), 1).get("htm")).isEqualTo("POST");
    }
}
