package org.enachain.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.enachain.core.Reason;
import org.enachain.core.ValidationResult;
import org.enachain.core.chain.ChainTarget;
import org.enachain.core.chain.ChainedToken;
import org.enachain.core.chain.SubjectToken;
import org.enachain.core.client.AuthorizationServerMetadata;
import org.enachain.core.client.ClientIdentity;
import org.enachain.core.client.TokenEndpointException;
import org.enachain.core.client.TokenScheme;
import org.enachain.core.chain.TokenChainer;
import org.enachain.core.dpop.DpopProofFactory;
import org.enachain.core.dpop.DpopProofVerifier;
import org.enachain.core.http.TransportSecurity;
import org.enachain.core.jose.RemoteJwksSource;
import org.enachain.core.jose.SigningKey;
import org.enachain.core.replay.InMemoryReplayStore;
import org.enachain.core.resource.AuthenticatedRequest;
import org.enachain.core.resource.DpopMode;
import org.enachain.core.resource.ResourceRequest;
import org.enachain.core.resource.ResourceRequestVerifier;
import org.enachain.core.token.AccessToken;
import org.enachain.core.token.AccessTokenValidator;
import org.enachain.core.token.TrustedIssuer;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 2: API A chains a user's Keycloak token to API B through Keycloak's standard token exchange —
 * enachain's {@link TokenChainer} (what {@code @ChainedToken} of enachain-jakarta calls) authenticating with
 * {@code private_key_jwt} (ES256) and sending a DPoP proof — and API B, enachain's resource-server check
 * trusting the Keycloak realm, accepts the DPoP-bound result.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeycloakTokenExchangeIT {

    private static final String REALM = "ena-s2";
    private static final String APP = "https://app.interop.example";
    private static final String APP_WITHOUT_API_A = "https://other-app.interop.example";
    private static final String API_A = "https://api-a.interop.example";
    private static final String API_B = "https://api-b.interop.example";
    private static final URI API_B_URI = URI.create(API_B + "/orders/42");

    private static final long SUBJECT_LIFETIME_SECONDS = 120;

    private KeycloakAdmin keycloak;
    private String issuer;
    private String userId;
    private String password;
    private final SigningKey assertionKey = SigningKey.generateEs256();
    private final SigningKey dpopKey = SigningKey.generateEs256();

    @BeforeAll
    void realm(KeycloakAdmin keycloak) {
        this.keycloak = keycloak;
        this.issuer = keycloak.issuer(REALM);
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

    private TrustedIssuer keycloakIssuer() {
        return TrustedIssuer.of(issuer, RemoteJwksSource.builder(keycloak.jwksUri(REALM))
                .transportSecurity(TransportSecurity.allowPlainHttpOnLoopback()).build());
    }

    /** API A's inbound check and its chainer, as enachain-jakarta would configure them. */
    private AccessToken atApiA(String userToken) {
        AccessTokenValidator tokens = AccessTokenValidator.builder().trustedIssuer(keycloakIssuer()).audience(API_A).build();
        ValidationResult<AccessToken> result = tokens.validate(userToken);
        assertThat(result.isAccepted()).as("API A takes the user's token: %s", result).isTrue();
        return result.value();
    }

    private TokenChainer chainer() {
        return TokenChainer.builder(issuer)
                .identity(issuer, ClientIdentity.builder(API_A, assertionKey).dpopKey(dpopKey).build())
                .authorizationServer(AuthorizationServerMetadata.of(issuer, keycloak.tokenEndpoint(REALM)))
                .transportSecurity(TransportSecurity.allowPlainHttpOnLoopback())
                .build();
    }

    private ResourceRequestVerifier apiB() {
        AccessTokenValidator tokens = AccessTokenValidator.builder().trustedIssuer(keycloakIssuer()).audience(API_B).build();
        return ResourceRequestVerifier.builder(tokens)
                .dpop(DpopMode.REQUIRED, DpopProofVerifier.builder(DpopProofVerifier.Receiver.PROTECTED_RESOURCE)
                        .replayStore(new InMemoryReplayStore()).build())
                .build();
    }

    private static ResourceRequest get(String authorization, String proof) {
        return new ResourceRequest("GET", API_B_URI, List.of(authorization), proof == null ? List.of() : List.of(proof), null);
    }

    @Test
    @DisplayName("CL-13, CL-14, CL-15, CL-16, CL-25, RS-32, RS-35: API A exchanges at Keycloak with private_key_jwt and DPoP; API B accepts the DPoP-bound token")
    void exchangeAndCallApiB() {
        AccessToken subject = atApiA(keycloak.userToken(REALM, APP, "bob", password));
        ChainedToken token = chainer().tokenFor(SubjectToken.of(subject), ChainTarget.audience(API_B).requireDpop());

        assertThat(token.scheme()).isEqualTo(TokenScheme.DPOP);
        Map<String, Object> claims = Jwts.claims(token.value());
        // What Keycloak puts in: the user, API A as the client, API B as audience, the DPoP key — and no act.
        assertThat(claims).doesNotContainKey("act");

        ValidationResult<AuthenticatedRequest> result = apiB().verify(
                get(token.authorizationHeader(), token.dpopProof("GET", API_B_URI).orElseThrow()));
        assertThat(result.isAccepted()).as("%s", result).isTrue();
        AccessToken atB = result.value().token();
        assertThat(atB.subject()).isEqualTo(userId);
        assertThat(atB.clientId()).isEqualTo(API_A);
        assertThat(atB.audience()).contains(API_B);
        assertThat(atB.confirmationThumbprint()).contains(dpopKey.thumbprint().toString());
        assertThat(atB.actors().actors()).isEmpty();
    }

    @Test
    @DisplayName("Keycloak difference: the exchanged token outlives the subject token; enachain caches it no longer than the subject")
    void exchangedLifetimeNotCapped() {
        AccessToken subject = atApiA(keycloak.userToken(REALM, APP, "bob", password));
        ChainedToken token = chainer().tokenFor(SubjectToken.of(subject), ChainTarget.audience(API_B).requireDpop());
        long subjectExp = ((Number) Jwts.claims(subject.compactSerialization()).get("exp")).longValue();
        long chainedExp = ((Number) Jwts.claims(token.value()).get("exp")).longValue();
        assertThat(subject.expiresAt().getEpochSecond() - subject.issuedAt().orElseThrow().getEpochSecond())
                .isEqualTo(SUBJECT_LIFETIME_SECONDS);
        assertThat(chainedExp).as("Keycloak does not cap the exchanged token at the subject's expiry")
                .isGreaterThan(subjectExp);
    }

    @Test
    @DisplayName("Keycloak difference: a DPoP-bound user token cannot be exchanged by API A (only by the client it was issued to)")
    void dpopBoundSubjectNotExchangeable() {
        DpopProofFactory appKey = new DpopProofFactory(SigningKey.generateEs256(), java.time.Clock.systemUTC());
        KeycloakAdmin.Reply reply = keycloak.form(keycloak.tokenEndpoint(REALM), Map.of("grant_type", "password",
                "client_id", APP, "username", "bob", "password", password, "scope", "openid"),
                Map.of("DPoP", appKey.forTokenRequest("POST", keycloak.tokenEndpoint(REALM))));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.string("token_type")).isEqualToIgnoringCase("DPoP");
        AccessToken subject = atApiA(reply.string("access_token"));
        assertThat(subject.isDpopBound()).isTrue();

        TokenEndpointException e = catchThrowableOfType(TokenEndpointException.class,
                () -> chainer().tokenFor(SubjectToken.of(subject), ChainTarget.audience(API_B).requireDpop()));
        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.OAUTH_ERROR);
    }

    @Test
    @DisplayName("RS-32, RS-35, RS-36: API B refuses the exchanged token without its proof, and with a proof of another key")
    void apiBRefusesWithoutTheBoundKey() {
        AccessToken subject = atApiA(keycloak.userToken(REALM, APP, "bob", password));
        ChainedToken token = chainer().tokenFor(SubjectToken.of(subject), ChainTarget.audience(API_B).requireDpop());
        ResourceRequestVerifier apiB = apiB();

        ValidationResult<AuthenticatedRequest> noProof = apiB.verify(get(token.authorizationHeader(), null));
        assertThat(noProof.isAccepted()).isFalse();
        assertThat(noProof.rejection().reason()).isEqualTo(Reason.PROOF_MISSING);

        String otherProof = new DpopProofFactory(SigningKey.generateEs256(), java.time.Clock.systemUTC())
                .forResourceRequest("GET", API_B_URI, token.value());
        ValidationResult<AuthenticatedRequest> wrongKey = apiB.verify(get(token.authorizationHeader(), otherProof));
        assertThat(wrongKey.isAccepted()).isFalse();
        assertThat(wrongKey.rejection().reason()).isEqualTo(Reason.KEY_BINDING_MISMATCH);
    }

    @Test
    @DisplayName("CL-13: Keycloak refuses to exchange a user token whose audience does not include API A")
    void subjectNotForApiA() {
        String userToken = keycloak.userToken(REALM, APP_WITHOUT_API_A, "bob", password);
        // enachain's own check of the subject would already stop here (not for API A); ask Keycloak anyway.
        AccessToken unchecked = AccessTokenValidator.builder().trustedIssuer(keycloakIssuer())
                .audience("account").build().validate(userToken).value();
        TokenEndpointException e = catchThrowableOfType(TokenEndpointException.class,
                () -> chainer().tokenFor(SubjectToken.of(unchecked), ChainTarget.audience(API_B).requireDpop()));
        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.OAUTH_ERROR);
        assertThat(e.errorCode()).isPresent();
    }
}
