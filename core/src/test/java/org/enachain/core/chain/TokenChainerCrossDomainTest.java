package org.enachain.core.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.enachain.core.chain.ChainFixture.ACCESS_TOKEN_TYPE;
import static org.enachain.core.chain.ChainFixture.API_A;
import static org.enachain.core.chain.ChainFixture.API_A_AT_TARGET;
import static org.enachain.core.chain.ChainFixture.API_B;
import static org.enachain.core.chain.ChainFixture.JWT_TYPE;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.enachain.core.client.ClientIdentity;
import org.enachain.core.client.JwtBearerRequest;
import org.enachain.core.client.TokenEndpointException;
import org.enachain.core.client.TokenExchangeRequest;
import org.enachain.core.client.TokenScheme;
import org.enachain.core.client.TokenTypeUri;
import org.enachain.core.http.JdkHttpTransport;
import org.enachain.core.testing.JwtFixture;
import org.enachain.core.testing.MutableClock;
import org.enachain.core.testing.ScriptedAuthorizationServer;
import org.enachain.core.testing.TestHttpsServer;
import org.enachain.core.testing.TestKeys;
import org.enachain.core.testing.TestTrust;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The cross-domain chain (Chaining 3): leg 1, a token exchange at the home AS for a JWT authorization
 * grant to the target AS; leg 2, that grant as a jwt-bearer request at the target AS, found from its
 * issuer, as the client registered there. The home AS issues grants grant-1, grant-2, ... (real JWTs,
 * remembered in {@link #grants}); the target AS issues domain-b-at-1, ... unless a test scripts it.
 */
class TokenChainerCrossDomainTest {

    private final MutableClock clock = MutableClock.atFixedStart();
    /** Which AS answered a token request, in order. */
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<String> grants = new CopyOnWriteArrayList<>();
    private final Queue<TestHttpsServer.Reply> targetScript = new ConcurrentLinkedQueue<>();
    private final AtomicInteger targetTokens = new AtomicInteger();
    private ScriptedAuthorizationServer home;
    private ScriptedAuthorizationServer target;
    private JdkHttpTransport trustingBoth;

    @BeforeEach
    void startServers() {
        home = new ScriptedAuthorizationServer();
        target = new ScriptedAuthorizationServer();
        trustingBoth = ChainFixture.transport(TestTrust.trusting(home.server(), target.server()), Duration.ofSeconds(2));
        home.onToken(r -> {
            calls.add("home");
            if (!JWT_TYPE.equals(r.formValue("requested_token_type"))) {
                return ChainFixture.bearer("home-at");
            }
            String grant = JwtFixture.authorizationGrant(TestKeys.AS_ES256, clock.instant())
                    .claim("iss", home.issuer()).claim("aud", target.issuer()).claim("client_id", API_A)
                    .claim("jti", "grant-" + (grants.size() + 1)).compact();
            grants.add(grant);
            return ScriptedAuthorizationServer.token(grant, "N_A", 120, JWT_TYPE, null);
        });
        target.onToken(r -> {
            calls.add("target");
            TestHttpsServer.Reply scripted = targetScript.poll();
            return scripted != null ? scripted : ChainFixture.bearer("domain-b-at-" + targetTokens.incrementAndGet());
        });
    }

    @AfterEach
    void stopServers() {
        home.close();
        target.close();
    }

    private TokenChainer.Builder chainer(ClientIdentity atHome, ClientIdentity atTarget) {
        TokenChainer.Builder b = TokenChainer.builder(home.issuer())
                .identity(home.issuer(), atHome)
                .client(ChainFixture.client(trustingBoth))
                .discovery(ChainFixture.discovery(trustingBoth, clock))
                .clock(clock);
        return atTarget == null ? b : b.identity(target.issuer(), atTarget);
    }

    private TokenChainer chainer() {
        return chainer(ChainFixture.identity(API_A, clock), ChainFixture.identity(API_A_AT_TARGET, clock)).build();
    }

    private SubjectToken subject() {
        return ChainFixture.subject(home.issuer(), clock);
    }

    private ChainTarget domainB() {
        return ChainTarget.crossDomain(target.issuer());
    }

    private TestHttpsServer.Received leg1() {
        return home.tokenRequests().get(0);
    }

    private TestHttpsServer.Received leg2() {
        return target.tokenRequests().get(0);
    }

    /** The claims of a client assertion, read without verifying it (the scripted AS verifies nothing). */
    private static JwtClaims assertionClaims(TestHttpsServer.Received request) throws Exception {
        JwtContext context = new JwtConsumerBuilder().setSkipAllValidators().setDisableRequireSignature()
                .setSkipSignatureVerification().build().process(request.formValue("client_assertion"));
        return context.getJwtClaims();
    }

    /** Every request either AS received — token requests and metadata lookups — as text: line, headers, body. */
    private List<String> everythingSent() {
        List<String> all = new ArrayList<>();
        for (ScriptedAuthorizationServer as : List.of(home, target)) {
            for (TestHttpsServer.Received r : as.server().received()) {
                all.add(r.method() + " " + r.path() + "\n" + r.headers() + "\n" + r.body());
            }
        }
        return all;
    }

    // ---------------------------------------------------------------- leg 1 at the home AS

    @Test
    @DisplayName("CL-30: the chain calls the home AS's token endpoint before the target AS's")
    void tokenForWhenCrossDomainThenHomeAsCalledBeforeTargetAs() {
        chainer().tokenFor(subject(), domainB());

        assertThat(calls).containsExactly("home", "target");
    }

    @Test
    @DisplayName("CL-26, CL-33, CL-34: leg 1 exchanges the inbound token for a JWT grant with audience = the target AS's issuer")
    void tokenForWhenCrossDomainThenLeg1RequestsJwtGrantForTargetIssuer() {
        SubjectToken subject = subject();

        chainer().tokenFor(subject, domainB());

        TestHttpsServer.Received leg1 = leg1();
        assertThat(leg1.formValue("grant_type")).isEqualTo(TokenExchangeRequest.GRANT_TYPE);
        assertThat(leg1.formValue("requested_token_type")).isEqualTo(JWT_TYPE);
        assertThat(leg1.form().get("audience")).containsExactly(target.issuer());
        assertThat(leg1.form()).doesNotContainKey("resource");
        assertThat(leg1.formValue("subject_token")).isEqualTo(subject.value());
        assertThat(leg1.formValue("subject_token_type")).isEqualTo(ACCESS_TOKEN_TYPE);
    }

    @Test
    @DisplayName("CL-08: leg 1 authenticates at the home AS with the client identifier registered there")
    void tokenForWhenCrossDomainThenLeg1AuthenticatesWithHomeClientId() throws Exception {
        chainer().tokenFor(subject(), domainB());

        assertThat(leg1().formValue("client_id")).isEqualTo(API_A);
        JwtClaims assertion = assertionClaims(leg1());
        assertThat(assertion.getIssuer()).isEqualTo(API_A);
        assertThat(assertion.getSubject()).isEqualTo(API_A);
        assertThat(assertion.getClaimValue("aud")).isEqualTo(home.issuer());
    }

    @Test
    @DisplayName("CL-32: a refresh token of the home AS as subject is sent with subject_token_type refresh_token")
    void tokenForWhenRefreshTokenSubjectThenLeg1SendsRefreshTokenType() {
        SubjectToken refreshToken = SubjectToken.refreshToken("home-refresh-token", home.issuer(),
                clock.instant().plusSeconds(3600), Set.of());

        chainer().tokenFor(refreshToken, domainB());

        assertThat(leg1().formValue("subject_token")).isEqualTo("home-refresh-token");
        assertThat(leg1().formValue("subject_token_type")).isEqualTo(TokenTypeUri.REFRESH_TOKEN.uri());
    }

    // ---------------------------------------------------------------- leg 2 at the target AS

    @Test
    @DisplayName("The target AS is found from its issuer by metadata discovery (RFC 8414)")
    void tokenForWhenCrossDomainThenTargetAsDiscoveredFromItsIssuer() {
        chainer().tokenFor(subject(), domainB());

        assertThat(target.server().received()).extracting(TestHttpsServer.Received::path)
                .containsExactly("/.well-known/oauth-authorization-server", "/token");
    }

    @Test
    @DisplayName("CL-42, CL-43: leg 2 is a jwt-bearer request whose assertion is byte-equal to the grant from leg 1")
    void tokenForWhenCrossDomainThenLeg2PresentsGrantExactlyAsReceived() {
        chainer().tokenFor(subject(), domainB());

        TestHttpsServer.Received leg2 = leg2();
        assertThat(leg2.formValue("grant_type")).isEqualTo(JwtBearerRequest.GRANT_TYPE);
        assertThat(leg2.form().get("assertion")).containsExactly(grants.get(0));
        assertThat(leg2.body()).contains("assertion=" + grants.get(0));
        assertThat(leg2.form()).doesNotContainKeys("audience", "subject_token", "requested_token_type");
    }

    @Test
    @DisplayName("CL-08, CL-44: leg 2 authenticates at the target AS with the client identifier registered there, not the home one")
    void tokenForWhenCrossDomainThenLeg2AuthenticatesWithTargetDomainClientId() throws Exception {
        chainer().tokenFor(subject(), domainB());

        assertThat(leg2().formValue("client_id")).isEqualTo(API_A_AT_TARGET);
        JwtClaims assertion = assertionClaims(leg2());
        assertThat(assertion.getIssuer()).isEqualTo(API_A_AT_TARGET);
        assertThat(assertion.getSubject()).isEqualTo(API_A_AT_TARGET);
        assertThat(assertion.getClaimValue("aud")).isEqualTo(target.issuer());
    }

    @Test
    @DisplayName("CL-35, CL-45, CL-46: grantScope goes to the home AS; scope and targetResource, in target-domain values, to the target AS")
    void tokenForWhenScopesAndResourceConfiguredThenEachLegGetsItsOwn() {
        chainer().tokenFor(subject(), domainB()
                .grantScope("orders-read").scope("b-read").targetResource("https://api.domain-b.example/orders"));

        assertThat(leg1().formValue("scope")).isEqualTo("orders-read");
        assertThat(leg2().formValue("scope")).isEqualTo("b-read");
        assertThat(leg2().form().get("resource")).containsExactly("https://api.domain-b.example/orders");
        assertThat(leg1().form()).doesNotContainKey("resource");
    }

    // ---------------------------------------------------------------- the result, the cache and the grant (CL-41)

    @Test
    @DisplayName("The chained token is the target AS's token, and a second call is served from the cache by neither AS")
    void tokenForWhenCrossDomainCalledTwiceThenFinalTokenServedFromCache() {
        TokenChainer chainer = chainer();
        String inbound = ChainFixture.inbound(home.issuer(), clock.instant()).compact();
        ChainedToken first = chainer.tokenFor(ChainFixture.validated(inbound, home.issuer(), clock), domainB());

        ChainedToken second = chainer.tokenFor(ChainFixture.validated(inbound, home.issuer(), clock), domainB());

        assertThat(first.value()).isEqualTo("domain-b-at-1");
        assertThat(first.issuer()).isEqualTo(target.issuer());
        assertThat(second.value()).isEqualTo("domain-b-at-1");
        assertThat(home.tokenRequests()).hasSize(1);
        assertThat(target.tokenRequests()).hasSize(1);
        assertThat(chainer.stats().cacheHits()).isEqualTo(1);
        assertThat(chainer.stats().tokenRequests()).isEqualTo(2);
    }

    @Test
    @DisplayName("CL-40: a grant never becomes a token for a resource: a target AS answering a JWT grant (N_A) is refused")
    void tokenForWhenTargetAnswersWithGrantTypedTokenThenRefusedLocally() {
        targetScript.add(ScriptedAuthorizationServer.token("a-jwt-grant", "N_A", 120,
                "urn:ietf:params:oauth:token-type:jwt", null));

        TokenChainer chainer = chainer();

        TokenEndpointException e = catchThrowableOfType(TokenEndpointException.class,
                () -> chainer.tokenFor(subject(), domainB()));

        assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.INVALID_RESPONSE);
        assertThat(e.getMessage()).doesNotContain("a-jwt-grant");
        assertThat(chainer.stats().cachedTokens()).isZero();
    }

    @Test
    @DisplayName("CL-41: when leg 2 fails, the next call makes a new leg 1 and presents the new grant, never the used one")
    void tokenForWhenLeg2FailedThenNextCallObtainsNewGrant() {
        targetScript.add(ScriptedAuthorizationServer.error(400, "invalid_grant", "grant rejected"));
        TokenChainer chainer = chainer();
        SubjectToken subject = subject();
        TokenEndpointException failure = catchThrowableOfType(TokenEndpointException.class,
                () -> chainer.tokenFor(subject, domainB()));

        ChainedToken next = chainer.tokenFor(subject, domainB());

        assertThat(failure.kind()).isEqualTo(TokenEndpointException.Kind.OAUTH_ERROR);
        assertThat(failure.authorizationServer()).isEqualTo(target.issuer());
        assertThat(next.value()).isEqualTo("domain-b-at-1");
        assertThat(calls).containsExactly("home", "target", "home", "target");
        assertThat(grants).hasSize(2).doesNotHaveDuplicates();
        assertThat(target.tokenRequests()).extracting(r -> r.formValue("assertion")).containsExactlyElementsOf(grants);
    }

    @Test
    @DisplayName("CL-41: when the cached token is due, the next call makes a new leg 1 instead of presenting the old grant again")
    void tokenForWhenCachedTokenDueThenNewGrantObtained() {
        TokenChainer chainer = chainer();
        SubjectToken subject = subject();
        chainer.tokenFor(subject, domainB());
        clock.advance(Duration.ofSeconds(270)); // the target token (300 s) and the subject (300 s), minus 30 s

        ChainedToken next = chainer.tokenFor(subject, domainB());

        assertThat(next.value()).isEqualTo("domain-b-at-2");
        assertThat(grants).hasSize(2).doesNotHaveDuplicates();
        assertThat(target.tokenRequests()).extracting(r -> r.formValue("assertion")).containsExactlyElementsOf(grants);
    }

    @Test
    @DisplayName("CL-50: a refresh token in the target AS's answer is never sent anywhere afterwards")
    void tokenForWhenTargetAnswersWithRefreshTokenThenItIsNeverSentAgain() {
        String refreshToken = "domain-b-refresh-token-0f3a9c";
        targetScript.add(TestHttpsServer.Reply.json(200, JsonUtil.toJson(Map.of("access_token", "domain-b-at",
                "token_type", "Bearer", "expires_in", 300, "issued_token_type", ACCESS_TOKEN_TYPE,
                "refresh_token", refreshToken)), Map.of("Cache-Control", "no-store")));
        TokenChainer chainer = chainer();
        SubjectToken subject = subject();
        ChainedToken chained = chainer.tokenFor(subject, domainB());

        clock.advance(Duration.ofSeconds(270));
        chainer.tokenFor(subject, domainB());
        chainer.tokenFor(subject, ChainTarget.audience(API_B));

        assertThat(home.tokenRequests()).hasSize(3);
        assertThat(target.tokenRequests()).hasSize(2);
        assertThat(everythingSent()).noneMatch(sent -> sent.contains(refreshToken));
        assertThat(chained.value()).isEqualTo("domain-b-at");
        assertThat(chained.toString()).doesNotContain(refreshToken);
    }

    @Test
    @DisplayName("The same value as access token and as refresh token are two cache keys: the subject token type is part of the key")
    void tokenForWhenSameValueWithOtherSubjectTypeThenNewChain() {
        TokenChainer chainer = chainer();
        SubjectToken accessToken = subject();
        SubjectToken sameValueAsRefreshToken = SubjectToken.refreshToken(accessToken.value(), home.issuer(),
                accessToken.expiresAt().orElseThrow(), accessToken.scopes());
        chainer.tokenFor(accessToken, domainB());

        ChainedToken other = chainer.tokenFor(sameValueAsRefreshToken, domainB());

        assertThat(other.value()).isEqualTo("domain-b-at-2");
        assertThat(home.tokenRequests()).extracting(r -> r.formValue("subject_token_type"))
                .containsExactly(ACCESS_TOKEN_TYPE, TokenTypeUri.REFRESH_TOKEN.uri());
    }

    // ---------------------------------------------------------------- configuration and DPoP

    @Test
    @DisplayName("No client identity for the target AS is refused locally, naming that AS, before any request")
    void tokenForWhenNoIdentityForTargetAsThenRefusedLocallyNamingIt() {
        TokenChainer chainer = chainer(ChainFixture.identity(API_A, clock), null).build();

        TokenEndpointException e = catchThrowableOfType(TokenEndpointException.class,
                () -> chainer.tokenFor(subject(), domainB()));

        assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.LOCAL_REQUEST);
        assertThat(e.authorizationServer()).isEqualTo(target.issuer());
        assertThat(e.getMessage()).contains(target.issuer());
        assertThat(home.tokenRequests()).as("no grant is obtained that could never be used").isEmpty();
        assertThat(target.tokenRequests()).isEmpty();
    }

    @Test
    @DisplayName("CL-72: a DPoP-only target with no DPoP key configured for its AS is refused locally, before leg 1")
    void tokenForWhenTargetRequiresDpopAndTargetIdentityHasNoKeyThenRefusedBeforeLeg1() {
        ClientIdentity withoutDpop = ClientIdentity.builder(API_A_AT_TARGET, TestKeys.CLIENT_ES256).clock(clock).build();
        TokenChainer chainer = chainer(ChainFixture.identity(API_A, clock), withoutDpop).build();

        TokenEndpointException e = catchThrowableOfType(TokenEndpointException.class,
                () -> chainer.tokenFor(subject(), domainB().requireDpop()));

        assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.LOCAL_REQUEST);
        assertThat(e.getMessage()).contains("DPoP").contains(target.issuer());
        assertThat(home.tokenRequests()).as("no grant is obtained that could never be used").isEmpty();
    }

    @Test
    @DisplayName("CL-72: when the target requires DPoP, the jwt-bearer request carries a DPoP proof and the DPoP-bound answer is used")
    void tokenForWhenCrossDomainTargetRequiresDpopThenLeg2CarriesDpopProof() {
        targetScript.add(ScriptedAuthorizationServer.token("domain-b-bound-at", "DPoP", 300, ACCESS_TOKEN_TYPE, null));
        TokenChainer chainer = chainer(ChainFixture.identityWithDpop(API_A, clock),
                ChainFixture.identityWithDpop(API_A_AT_TARGET, clock)).build();

        ChainedToken chained = chainer.tokenFor(subject(), domainB().requireDpop());

        assertThat(leg2().headerValues("DPoP")).hasSize(1);
        assertThat(chained.scheme()).isEqualTo(TokenScheme.DPOP);
        assertThat(chained.authorizationHeader()).isEqualTo("DPoP domain-b-bound-at");
    }

    @Test
    @DisplayName("CL-49: when the target requires DPoP and the target AS answers Bearer, the answer is discarded")
    void tokenForWhenCrossDomainTargetRequiresDpopAndTargetAnswersBearerThenInvalidResponse() {
        TokenChainer chainer = chainer(ChainFixture.identityWithDpop(API_A, clock),
                ChainFixture.identityWithDpop(API_A_AT_TARGET, clock)).build();

        TokenEndpointException e = catchThrowableOfType(TokenEndpointException.class,
                () -> chainer.tokenFor(subject(), domainB().requireDpop()));

        assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.INVALID_RESPONSE);
        assertThat(e.authorizationServer()).isEqualTo(target.issuer());
        assertThat(chainer.stats().cachedTokens()).isZero();
    }
}
