package org.enachain.sts.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.enachain.sts.engine.StsFixture.*;
import static org.enachain.sts.engine.TokenEndpointChecks.*;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.enachain.core.client.AuthorizationServerDiscovery;
import org.enachain.core.client.AuthorizationServerMetadata;
import org.enachain.core.dpop.DpopProofFactory;
import org.enachain.core.http.HttpTransport;
import org.enachain.core.jose.AlgorithmPolicy;
import org.enachain.core.jose.JwsAlgorithm;
import org.enachain.core.jose.SigningKey;
import org.enachain.sts.policy.ClientPolicy;
import org.enachain.sts.policy.GrantType;
import org.enachain.sts.policy.ResourcePolicy;
import org.enachain.sts.policy.TenantPolicy;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The RFC 8414 metadata document and the JWK Set of a tenant (REQUIREMENTS 3.3, GEN-41 to GEN-59).
 * Which URL serves them is the web layer's business (GEN-44, GEN-45); the engine provides the
 * documents and their content.
 */
class MetadataTest {

    private static final String WELL_KNOWN = "/.well-known/oauth-authorization-server";

    private final StsFixture sts = StsFixture.create();

    private static Map<String, Object> metadata(Tenant tenant) {
        try {
            return JsonUtil.parseJson(tenant.metadataJson());
        } catch (JoseException e) {
            throw new AssertionError("The metadata is not a JSON object", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Map<String, Object> metadata, String member) {
        assertThat(metadata.get(member)).as(member).isInstanceOf(List.class);
        return (List<String>) metadata.get(member);
    }

    /** A builder for another tenant with {@code tenant}'s policy, to change one thing. */
    private static Tenant.Builder sameTenantAt(Tenant tenant, String issuer) {
        return Tenant.builder(tenant.policy(), issuer).pseudonymKey(new byte[32]);
    }

    @Test
    @DisplayName("GEN-41: each tenant publishes an RFC 8414 metadata document, a JSON object naming its issuer")
    void whenMetadataIsRequestedThenItIsAJsonObjectForTheIssuer() {
        assertThat(metadata(sts.a)).containsEntry("issuer", ISSUER_A);
        assertThat(metadata(sts.b)).containsEntry("issuer", ISSUER_B);
    }

    @Test
    @DisplayName("GEN-42: the issuer is an https URL with a host, no query, no fragment, and keeps the deployment path")
    void whenMetadataIsReadThenIssuerIsHttpsWithTheTenantPath() {
        URI issuer = URI.create((String) metadata(sts.a).get("issuer"));
        assertThat(issuer.getScheme()).isEqualTo("https");
        assertThat(issuer.getHost()).isEqualTo("sts.test");
        assertThat(issuer.getRawQuery()).isNull();
        assertThat(issuer.getRawFragment()).isNull();
        assertThat(issuer.getRawPath()).isEqualTo("/domain-a");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://sts.test/domain-a", "https://sts.test/domain-a?x=1", "https://sts.test/domain-a#f",
            "https:///domain-a", "https://sts.test/other/domain-b"})
    @DisplayName("GEN-42: a tenant with an issuer that is not https, has a query, a fragment, no host, or lacks the tenant path is refused")
    void whenIssuerIsMalformedThenTheTenantIsRefused(String issuer) {
        assertThatThrownBy(() -> sameTenantAt(sts.a, issuer).signingKeys(List.of(A_ES256)).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("GEN-43: the metadata issuer equals the tenant's issuer and the iss of its access tokens and grants")
    void whenTokensAreIssuedThenTheirIssMatchesTheMetadataIssuer() {
        String accessToken = sts.aliceTokenForApiA();
        EndpointResponse grant = sts.grantFor(API_A, accessToken, "a-read");
        assertOk(grant);
        String grantJwt = (String) grant.jsonBody().get("access_token");
        EndpointResponse redeemed = sts.redeem(API_A_AT_B, grantJwt, PARTNER, "partner-read", false);
        assertOk(redeemed);

        assertThat(metadata(sts.a).get("issuer")).isEqualTo(sts.a.issuer())
                .isEqualTo(claimsOf(accessToken).get("iss")).isEqualTo(claimsOf(grantJwt).get("iss"));
        assertThat(metadata(sts.b).get("issuer")).isEqualTo(sts.b.issuer())
                .isEqualTo(claimsOf((String) redeemed.jsonBody().get("access_token")).get("iss"));
    }

    @Test
    @DisplayName("GEN-43, GEN-46: served at the issuer plus /.well-known/oauth-authorization-server, the document passes discovery's issuer check")
    void whenServedAtTheAppendedWellKnownUrlThenDiscoveryAcceptsIt() {
        URI appended = URI.create(ISSUER_A + WELL_KNOWN);
        List<URI> asked = new ArrayList<>();
        HttpTransport onlyAppended = request -> {
            asked.add(request.uri());
            return request.uri().equals(appended)
                    ? new HttpTransport.Response(200, Map.of("Content-Type", List.of(EndpointResponse.JSON)),
                    sts.a.metadataJson().getBytes(StandardCharsets.UTF_8))
                    : new HttpTransport.Response(404, Map.of(), new byte[0]);
        };

        AuthorizationServerMetadata found = AuthorizationServerDiscovery.builder().transport(onlyAppended)
                .clock(sts.clock).build().discover(ISSUER_A);

        assertThat(asked).containsExactly(appended);
        assertThat(found.issuer()).isEqualTo(ISSUER_A);
        assertThat(found.tokenEndpoint()).isEqualTo(URI.create(ISSUER_A + "/token"));
    }

    @Test
    @DisplayName("GEN-47: token_endpoint is present, https, under the issuer and without a fragment")
    void whenMetadataIsReadThenTokenEndpointIsHttpsWithoutFragment() {
        URI endpoint = URI.create((String) metadata(sts.a).get("token_endpoint"));
        assertThat(endpoint.getScheme()).isEqualTo("https");
        assertThat(endpoint.getRawFragment()).isNull();
        assertThat(endpoint).isEqualTo(URI.create(ISSUER_A + "/token"));
    }

    @Test
    @DisplayName("GEN-48: jwks_uri is present and https")
    void whenMetadataIsReadThenJwksUriIsHttps() {
        URI jwks = URI.create((String) metadata(sts.a).get("jwks_uri"));
        assertThat(jwks.getScheme()).isEqualTo("https");
        assertThat(jwks.getHost()).isEqualTo("sts.test");
    }

    @Test
    @DisplayName("GEN-49, GEN-50: every key of the JWK Set has use sig and a kid, and no private member")
    void whenJwksIsReadThenEveryKeyHasUseAndKid() {
        List<Map<String, Object>> keys = jwks(sts.a);
        assertThat(keys).hasSize(2);
        for (Map<String, Object> key : keys) {
            assertThat(key).containsEntry("use", "sig");
            assertThat(key.get("kid")).isInstanceOf(String.class).asString().isNotEmpty();
            assertThat(key).doesNotContainKeys("d", "p", "q", "dp", "dq", "qi", "oth", "k");
        }
        assertThat(keys).extracting(k -> k.get("kid")).containsExactly("a-es256", "a-rs256");
    }

    @Test
    @DisplayName("GEN-50: a signing key given without a kid is published under its RFC 7638 thumbprint as kid")
    void whenASigningKeyHasNoKidThenItIsPublishedUnderItsThumbprint() {
        SigningKey withoutKid = SigningKey.generateEs256();
        Tenant tenant = sameTenantAt(sts.a, ISSUER_A).signingKeys(List.of(withoutKid, A_RS256)).build();

        assertThat(jwks(tenant)).extracting(k -> k.get("kid"))
                .containsExactly(withoutKid.thumbprint().value(), "a-rs256");
    }

    @Test
    @DisplayName("GEN-84: two signing keys sharing one kid are refused when the tenant is built, so every kid names one key")
    void whenTwoSigningKeysShareAKidThenTheTenantIsRefused() {
        SigningKey sameKid = A_RS256.withKeyId(A_ES256.keyId());
        assertThatThrownBy(() -> sameTenantAt(sts.a, ISSUER_A).signingKeys(List.of(A_ES256, sameKid)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kid");
    }

    @Test
    @DisplayName("GEN-51, GEN-52: scopes_supported is present and lists every scope of every configured resource")
    void whenMetadataIsReadThenScopesSupportedListsEveryResourceScope() {
        Set<String> configured = new TreeSet<>();
        sts.a.policy().resources().forEach(r -> configured.addAll(r.scopes()));

        assertThat(list(metadata(sts.a), "scopes_supported")).containsExactlyInAnyOrderElementsOf(configured)
                .contains("a-read", "b-write", "c-read");
        assertThat(list(metadata(sts.b), "scopes_supported")).containsExactlyInAnyOrder("partner-read", "partner-write");
    }

    @Test
    @DisplayName("GEN-53: the STS lists token exchange and the TAS lists jwt-bearer in grant_types_supported")
    void whenMetadataIsReadThenEachRoleListsItsGrantType() {
        assertThat(list(metadata(sts.a), "grant_types_supported")).contains(TOKEN_EXCHANGE);
        assertThat(list(metadata(sts.b), "grant_types_supported")).contains(JWT_BEARER);
    }

    @Test
    @DisplayName("GEN-53: a tenant trusting no originating issuer does not list jwt-bearer; one without exchange clients does not list token exchange")
    void whenARoleIsNotConfiguredThenItsGrantTypeIsNotListed() {
        assertThat(list(metadata(sts.a), "grant_types_supported")).doesNotContain(JWT_BEARER)
                .containsExactlyInAnyOrder("authorization_code", "refresh_token", TOKEN_EXCHANGE);
        assertThat(list(metadata(sts.b), "grant_types_supported")).containsExactly(JWT_BEARER);
    }

    @Test
    @DisplayName("GEN-54: token_endpoint_auth_methods_supported is exactly private_key_jwt")
    void whenMetadataIsReadThenOnlyPrivateKeyJwtIsOffered() {
        assertThat(list(metadata(sts.a), "token_endpoint_auth_methods_supported")).containsExactly("private_key_jwt");
        assertThat(list(metadata(sts.b), "token_endpoint_auth_methods_supported")).containsExactly("private_key_jwt");
    }

    @Test
    @DisplayName("GEN-55: token_endpoint_auth_signing_alg_values_supported lists only Profile 8.2 algorithms, no none, no HS*")
    void whenMetadataIsReadThenAssertionAlgorithmsAreProfileAlgorithmsOnly() {
        List<String> algorithms = list(metadata(sts.a), "token_endpoint_auth_signing_alg_values_supported");
        assertThat(algorithms).isNotEmpty().contains("RS256", "ES256")
                .allSatisfy(alg -> assertThat(JwsAlgorithm.fromJwaName(alg)).isPresent())
                .noneMatch(alg -> alg.equalsIgnoreCase("none") || alg.startsWith("HS"));
        assertThat(algorithms).isSubsetOf(AlgorithmPolicy.PROFILE.names());
    }

    @Test
    @DisplayName("GEN-56: dpop_signing_alg_values_supported lists the proof algorithms, each of which the token endpoint accepts")
    void whenAProofUsesAnyListedAlgorithmThenTheTokenIsBound() {
        List<String> listed = list(metadata(sts.a), "dpop_signing_alg_values_supported");
        assertThat(listed).isNotEmpty().noneMatch(alg -> alg.equalsIgnoreCase("none") || alg.startsWith("HS"));
        SigningKey rsa = SigningKey.generate(JwsAlgorithm.RS256);
        Map<String, SigningKey> ec = Map.of("ES256", SigningKey.generate(JwsAlgorithm.ES256),
                "ES384", SigningKey.generate(JwsAlgorithm.ES384), "ES512", SigningKey.generate(JwsAlgorithm.ES512));
        String subjectToken = sts.aliceTokenForApiA();
        for (String alg : listed) {
            JwsAlgorithm algorithm = JwsAlgorithm.fromJwaName(alg).orElseThrow();
            SigningKey key = algorithm.family() == JwsAlgorithm.Family.EC ? ec.get(alg) : rsa.withAlgorithm(algorithm);
            String proof = new DpopProofFactory(key, sts.clock)
                    .create("POST", URI.create(ISSUER_A + "/token"), null, null);
            EndpointResponse response = sts.a.token(post(authenticatedForm(sts, sts.a, API_A,
                    params("grant_type", TOKEN_EXCHANGE, "subject_token", subjectToken,
                            "subject_token_type", ACCESS_TOKEN_TYPE, "requested_token_type", ACCESS_TOKEN_TYPE,
                            "resource", API_B, "scope", "b-read")), proof));
            assertThat(response.status()).as(alg + ": " + response.body()).isEqualTo(200);
            assertThat(claimsOf((String) response.jsonBody().get("access_token")))
                    .containsEntry("cnf", Map.of("jkt", key.thumbprint().value()));
        }
    }

    @Test
    @DisplayName("GEN-57: protected_resources lists the identifier of every configured resource")
    void whenMetadataIsReadThenProtectedResourcesListsEveryResource() {
        assertThat(list(metadata(sts.a), "protected_resources"))
                .containsExactlyInAnyOrderElementsOf(sts.a.policy().resources().stream().map(ResourcePolicy::id).toList())
                .contains(API_A, API_B, API_C, API_C2);
        assertThat(list(metadata(sts.b), "protected_resources")).containsExactly(PARTNER);
    }

    @Test
    @DisplayName("GEN-59: client assertions signed with PS256, PS384 and PS512 by registered RSA keys authenticate the client")
    void whenTheAssertionIsSignedWithPssThenTheClientIsAuthenticated() {
        SigningKey rsa = SigningKey.generate(JwsAlgorithm.RS256);
        List<SigningKey> pss = List.of(JwsAlgorithm.PS256, JwsAlgorithm.PS384, JwsAlgorithm.PS512).stream()
                .map(alg -> rsa.withAlgorithm(alg).withKeyId("app-" + alg.jwaName())).toList();
        StsFixture withRsaClient = StsFixture.create(spec -> spec.replaceClientA(new ClientPolicy(APP,
                jwksOf(pss.toArray(SigningKey[]::new)), Set.of(GrantType.AUTHORIZATION_CODE), List.of(REDIRECT),
                Optional.empty(), Set.of(API_A, API_B), Set.of(), Map.of(), false, false)));
        for (SigningKey ps : pss) {
            String code = withRsaClient.authorizationCode("alice", "alice-demo-password", APP, API_A, "a-read");
            String assertion = withRsaClient.assertion(APP, ISSUER_A, "client-authentication+jwt", ps,
                    Duration.ofSeconds(60));
            assertThat(headerOf(assertion)).containsEntry("alg", ps.algorithm().jwaName());
            EndpointResponse response = withRsaClient.token(withRsaClient.a, APP, params("grant_type",
                    "authorization_code", "code", code, "redirect_uri", REDIRECT, "code_verifier", VERIFIER,
                    "client_assertion", assertion));
            assertThat(response.status()).as(ps.algorithm() + ": " + response.body()).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("GEN-59, GEN-82: a resource configured for PS256 gets tokens signed PS256 with the tenant's PS256 key")
    void whenTheResourceExpectsPs256ThenTheTokenIsSignedPs256() {
        SigningKey ps256 = SigningKey.generate(JwsAlgorithm.PS256).withKeyId("b-ps256");
        ResourcePolicy partner = sts.b.policy().resources().get(0);
        TenantPolicy p = sts.b.policy();
        TenantPolicy ps256Policy = new TenantPolicy(p.name(),
                p.signingKeys(), p.resourceOwnerMode(), p.selfAudience(), p.emitMayAct(), p.strictSubjectClient(),
                p.dpopNonces(), p.acceptTokenEndpointAudience(), p.sensitiveSubjects(), p.lifetimes(), p.clients(),
                List.of(new ResourcePolicy(partner.id(), partner.aliases(), partner.scopes(), partner.dpop(),
                        partner.identityClaims(), partner.receivesSensitiveSubjects(), partner.exchangeCapable(),
                        Optional.of(JwsAlgorithm.PS256))),
                p.trustedIssuers(), p.targetPeers(), p.users());
        Tenant tas = Tenant.builder(ps256Policy, ISSUER_B).signingKeys(List.of(B_ES256, ps256))
                .pseudonymKey(new byte[32]).clock(sts.clock).build();
        EndpointResponse grant = sts.grantFor(API_A, sts.aliceTokenForApiA(), "a-read");
        assertOk(grant);

        EndpointResponse response = sts.token(tas, API_A_AT_B, params("grant_type", JWT_BEARER,
                "assertion", (String) grant.jsonBody().get("access_token"), "resource", PARTNER));

        assertOk(response);
        String token = (String) response.jsonBody().get("access_token");
        assertThat(headerOf(token)).containsEntry("alg", "PS256").containsEntry("kid", "b-ps256");
        assertThat(verifiesWithPublishedKey(tas, token)).isTrue();
    }
}
