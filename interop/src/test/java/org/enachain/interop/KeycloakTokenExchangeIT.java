package org.enachain.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.enachain.interop.InteropApps.App.S2_API_A;
import static org.enachain.interop.InteropApps.App.S2_API_B;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.enachain.core.chain.ChainTarget;
import org.enachain.core.chain.ChainedToken;
import org.enachain.core.chain.SubjectToken;
import org.enachain.core.chain.TokenChainer;
import org.enachain.core.client.AuthorizationServerMetadata;
import org.enachain.core.client.ClientIdentity;
import org.enachain.core.client.TokenEndpointException;
import org.enachain.core.dpop.DpopProofFactory;
import org.enachain.core.http.JdkHttpTransport;
import org.enachain.core.jose.RemoteJwksSource;
import org.enachain.core.jose.SigningKey;
import org.enachain.core.token.AccessToken;
import org.enachain.core.token.AccessTokenValidator;
import org.enachain.core.token.TrustedIssuer;
import org.enachain.interop.InteropApps.Reply;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 2: API A (Liberty application kc-s2-api-a) takes a user's Keycloak token and calls API B
 * (kc-s2-api-b) through a {@code @ChainedToken} rest client: enachain-jakarta exchanges the token at the
 * Keycloak realm ena-s2 (standard token exchange, {@code private_key_jwt} with API A's ES256 key, a DPoP
 * proof) and calls API B with the DPoP-bound result and a fresh proof; API B's inbound filter (DPoP
 * required, trusting the realm) accepts it. Plus where Keycloak departs from the profile, shown through the
 * same applications.
 */
@ExtendWith({KeycloakExtension.class, InteropApps.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeycloakTokenExchangeIT {

    private static final String REALM = "ena-s2";
    private static final String APP = "https://app.interop.example";
    private static final String APP_WITHOUT_API_A = "https://other-app.interop.example";
    /** The identifiers (and Keycloak client ids) of the kc-s2 applications. */
    private static final String API_A = "https://api-a.interop.example";
    private static final String API_B = "https://api-b.interop.example";

    private static final long SUBJECT_LIFETIME_SECONDS = 120;

    private KeycloakAdmin keycloak;
    private HttpClient http;
    private JdkHttpTransport transport;
    private String issuer;
    private String userId;
    private String password;
    /** API A's keys, as its application reads them (interop/src/test/it-keys). */
    private final SigningKey assertionKey = InteropApps.interopKey("api-a-keycloak");
    private final SigningKey dpopKey = InteropApps.interopKey("api-a-keycloak-dpop");

    @BeforeAll
    void realm(KeycloakAdmin keycloak) {
        this.keycloak = keycloak;
        this.http = InteropApps.client(keycloak.testTrust());
        this.issuer = keycloak.httpsIssuer(REALM);
        keycloak.createRealm(REALM, Map.of());
        password = TestSecrets.password();
        userId = keycloak.createUser(REALM, "bob", password);

        // API B: only needs to exist as a client (Keycloak's audience must name a client).
        keycloak.createClient(REALM, Map.of("clientId", API_B, "publicClient", false, "standardFlowEnabled", false,
                "directAccessGrantsEnabled", false));

        // API A: confidential, private_key_jwt with its ES256 key, allowed to exchange; its tokens carry
        // typ at+jwt, a client_id claim and may be narrowed to API B.
        Map<String, Object> jwk = new LinkedHashMap<>(assertionKey.publicJwk());
        jwk.put("use", "sig");
        jwk.put("alg", "ES256");
        String apiA = keycloak.createClient(REALM, Map.of("clientId", API_A, "publicClient", false,
                "standardFlowEnabled", false, "directAccessGrantsEnabled", false,
                "clientAuthenticatorType", "client-jwt",
                "attributes", Map.of("use.jwks.string", "true",
                        "jwks.string", JsonUtil.toJson(Map.of("keys", List.of(jwk))),
                        "token.endpoint.auth.signing.alg", "ES256",
                        "standard.token.exchange.enabled", "true",
                        "access.token.header.type.rfc9068", "true")));
        keycloak.addMapper(REALM, apiA, KeycloakAdmin.clientIdClaimMapper(API_A));
        keycloak.addMapper(REALM, apiA, KeycloakAdmin.clientAudienceMapper(API_B));

        // The user's app: its tokens are for API A (Keycloak exchanges only tokens whose aud holds the requester).
        // Its tokens live 2 minutes, less than the realm's 5 minutes for API A's exchanged tokens.
        String app = keycloak.createClient(REALM, Map.of("clientId", APP, "publicClient", true,
                "directAccessGrantsEnabled", true, "standardFlowEnabled", false,
                "attributes", Map.of("access.token.header.type.rfc9068", "true",
                        "access.token.lifespan", String.valueOf(SUBJECT_LIFETIME_SECONDS))));
        keycloak.addMapper(REALM, app, KeycloakAdmin.clientIdClaimMapper(APP));
        keycloak.addMapper(REALM, app, KeycloakAdmin.clientAudienceMapper(API_A));

        // Another app, whose tokens are not for API A.
        String other = keycloak.createClient(REALM, Map.of("clientId", APP_WITHOUT_API_A, "publicClient", true,
                "directAccessGrantsEnabled", true, "standardFlowEnabled", false,
                "attributes", Map.of("access.token.header.type.rfc9068", "true")));
        keycloak.addMapper(REALM, other, KeycloakAdmin.clientIdClaimMapper(APP_WITHOUT_API_A));
    }

    /** The user calls API A, which calls API B with a chained token. */
    private Reply chain(String authorization, String proof) {
        return InteropApps.get(http, S2_API_A.uri("/chain/api-b"), authorization, proof);
    }

    @Test
    @DisplayName("CL-13, CL-25, RS-35: @ChainedToken exchanges at Keycloak with private_key_jwt and DPoP; API B accepts the DPoP-bound token")
    void exchangeAndCallApiB() {
        String userToken = keycloak.httpsUserToken(REALM, APP, "bob", password);
        Reply reply = chain("Bearer " + userToken, null);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.object("context")).containsEntry("subject", userId).containsEntry("client_id", APP);

        // What API B received: the user, API A as the client, API B as audience, bound to API A's DPoP key,
        // with a proof of that key — and no act (Keycloak keeps no actor chain).
        Map<String, Object> atB = reply.object("next", "token");
        String jkt = dpopKey.thumbprint().toString();
        assertThat(atB).containsEntry("iss", issuer).containsEntry("sub", userId).containsEntry("client_id", API_A)
                .doesNotContainKey("act");
        assertThat(InteropApps.strings(atB.get("aud"))).contains(API_B);
        assertThat(reply.object("next", "token", "cnf")).containsEntry("jkt", jkt);
        assertThat(reply.object("next")).containsEntry("proof_jkt", jkt).containsEntry("scheme", "DPoP");
        assertThat(reply.object("next", "context")).containsEntry("subject", userId).containsEntry("client_id", API_A)
                .containsEntry("actors", List.of());
    }

    @Test
    @DisplayName("Keycloak difference: the token Keycloak exchanges for API B outlives the user's token it came from")
    void exchangedLifetimeNotCapped() {
        Reply reply = chain("Bearer " + keycloak.httpsUserToken(REALM, APP, "bob", password), null);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        Map<String, Object> subject = reply.object("token");
        Map<String, Object> chained = reply.object("next", "token");
        long subjectExp = ((Number) subject.get("exp")).longValue();
        assertThat(subjectExp - ((Number) subject.get("iat")).longValue()).isEqualTo(SUBJECT_LIFETIME_SECONDS);
        assertThat(((Number) chained.get("exp")).longValue())
                .as("Keycloak does not cap the exchanged token at the subject's expiry").isGreaterThan(subjectExp);
    }

    @Test
    @DisplayName("Keycloak difference: API A cannot chain a user token bound to the app's DPoP key (Keycloak refuses; API A answers 403 problem+json)")
    void dpopBoundSubjectNotExchangeable() {
        DpopProofFactory appKey = new DpopProofFactory(SigningKey.generateEs256(), Clock.systemUTC());
        URI tokenEndpoint = URI.create(issuer + "/protocol/openid-connect/token");
        KeycloakAdmin.Reply token = keycloak.form(tokenEndpoint, Map.of("grant_type", "password",
                "client_id", APP, "username", "bob", "password", password, "scope", "openid"),
                Map.of("DPoP", appKey.forTokenRequest("POST", tokenEndpoint)));
        assertThat(token.status()).isEqualTo(200);
        assertThat(token.string("token_type")).isEqualToIgnoringCase("DPoP");
        String bound = token.string("access_token");

        URI apiA = S2_API_A.uri("/chain/api-b");
        Reply reply = chain("DPoP " + bound, appKey.forResourceRequest("GET", apiA, bound));
        // API A took the token and its proof; the exchange is what failed.
        assertThat(reply.status()).as(reply.body()).isEqualTo(403);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        // Keycloak: "Sender-constrained token exchange rejected as the token was not issued for the requesting client".
        assertThat(reply.json()).containsEntry("target", API_B).containsEntry("authorization_server", issuer)
                .containsEntry("error", "invalid_request");
        assertThat(reply.body()).doesNotContain(bound);
    }

    @Test
    @DisplayName("RS-11, CL-13: a user token not for API A is refused by API A's filter before any exchange, and Keycloak would refuse it too")
    void subjectNotForApiA() {
        String userToken = keycloak.httpsUserToken(REALM, APP_WITHOUT_API_A, "bob", password);
        Reply reply = chain("Bearer " + userToken, null);
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.challenge()).contains("error=\"invalid_token\"");

        // Asked directly, Keycloak refuses to exchange it for API A.
        AccessToken unchecked = AccessTokenValidator.builder().trustedIssuer(realmIssuer()).audience("account").build()
                .validate(userToken).value();
        TokenEndpointException e = catchThrowableOfType(TokenEndpointException.class,
                () -> chainer().tokenFor(SubjectToken.of(unchecked), ChainTarget.audience(API_B).requireDpop()));
        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.OAUTH_ERROR);
        assertThat(e.errorCode()).isPresent();
    }

    @Test
    @DisplayName("RS-31, RS-32, RS-35, RS-36: API B accepts a Keycloak DPoP-bound token only with a proof of the bound key")
    void apiBRefusesWithoutTheBoundKey() {
        // An exchange like the one API A's application makes, made here (with API A's keys) so that the test
        // holds a token.
        AccessToken subject = AccessTokenValidator.builder().trustedIssuer(realmIssuer()).audience(API_A).build()
                .validate(keycloak.httpsUserToken(REALM, APP, "bob", password)).value();
        ChainedToken token = chainer().tokenFor(SubjectToken.of(subject), ChainTarget.audience(API_B).requireDpop());
        URI apiB = S2_API_B.uri("/received");

        Reply noProof = InteropApps.get(http, apiB, token.authorizationHeader(), null);
        assertThat(noProof.status()).isEqualTo(401);
        assertThat(noProof.challenge()).startsWith("DPoP ").contains("error=");

        String otherProof = new DpopProofFactory(SigningKey.generateEs256(), Clock.systemUTC())
                .forResourceRequest("GET", apiB, token.value());
        Reply wrongKey = InteropApps.get(http, apiB, token.authorizationHeader(), otherProof);
        assertThat(wrongKey.status()).isEqualTo(401);
        assertThat(wrongKey.challenge()).startsWith("DPoP ").contains("error=\"invalid_token\"");

        Reply bearer = InteropApps.get(http, apiB, "Bearer " + token.value(), null);
        assertThat(bearer.status()).as("a bound token is not taken as Bearer").isEqualTo(401);
        assertThat(bearer.challenge()).contains("error=\"invalid_token\"");

        Reply right = InteropApps.get(http, apiB, token.authorizationHeader(), token.dpopProof("GET", apiB).orElseThrow());
        assertThat(right.status()).as("the same token with its proof: %s", right.body()).isEqualTo(200);
        assertThat(right.object("context")).containsEntry("client_id", API_A);
    }

    private TrustedIssuer realmIssuer() {
        return TrustedIssuer.of(issuer, RemoteJwksSource.builder(URI.create(issuer + "/protocol/openid-connect/certs"))
                .transport(transport()).build());
    }

    private JdkHttpTransport transport() {
        if (transport == null) {
            transport = JdkHttpTransport.builder().sslContext(keycloak.testTrust()).build();
        }
        return transport;
    }

    /** API A's chainer, set up as its application sets it up. */
    private TokenChainer chainer() {
        return TokenChainer.builder(issuer)
                .identity(issuer, ClientIdentity.builder(API_A, assertionKey).dpopKey(dpopKey).build())
                .authorizationServer(AuthorizationServerMetadata.of(issuer, URI.create(issuer + "/protocol/openid-connect/token")))
                .transport(transport())
                .build();
    }
}
