package org.enachain.sts.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enachain.sts.engine.StsFixture.*;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.enachain.core.jose.SigningKey;
import org.enachain.core.replay.InMemoryReplayStore;
import org.enachain.core.replay.ReplayStore;
import org.enachain.sts.policy.SigningKeysPolicy;
import org.enachain.sts.policy.TargetPeerPolicy;
import org.enachain.sts.policy.TenantPolicy;
import org.enachain.sts.policy.TrustedIssuerPolicy;
import org.jose4j.json.JsonUtil;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * Helpers shared by the cross-domain (STS-65 to STS-94) and TAS (TAS-01 to TAS-42) tests: the error
 * assertion with its GEN-77 leak check, JWT authorization grants crafted the way domain-a issues
 * them (to change one claim or header at a time), and the requests of both legs.
 */
final class CrossDomainSupport {

    /** Base64url runs this long are tokens, keys, thumbprints or pseudonyms: never in a description. */
    private static final Pattern LONG_BASE64URL = Pattern.compile("[A-Za-z0-9_-]{40,}");

    private CrossDomainSupport() {
    }

    /**
     * The response is an RFC 6749 5.2 error with exactly this status and code, and an
     * {@code error_description} that holds none of {@code secrets}, no user identifier and nothing
     * shaped like a token or key (GEN-77).
     */
    static Map<String, Object> assertRejected(EndpointResponse response, int status, String error, String... secrets) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        Map<String, Object> body = response.jsonBody();
        assertThat(body).as(response.body()).containsEntry("error", error);
        assertThat(body.get("error_description")).as("error_description").isInstanceOf(String.class);
        String description = (String) body.get("error_description");
        assertThat(description).isNotBlank().doesNotContain(ALICE_SUB, BOB_SUB).doesNotContainPattern(LONG_BASE64URL);
        for (String secret : secrets) {
            assertThat(description).doesNotContain(secret);
        }
        assertThat(response.headers()).containsEntry("Cache-Control", "no-store");
        return body;
    }

    /** The body of a 200 response, failing with the body when the status differs. */
    static Map<String, Object> assertOk(EndpointResponse response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.headers()).containsEntry("Cache-Control", "no-store").containsEntry("Pragma", "no-cache");
        return response.jsonBody();
    }

    // ---- leg 1 ---------------------------------------------------------------------------------------

    /** A cross-domain exchange at domain-a with free parameters (null values are left out). */
    static EndpointResponse exchangeAtA(StsFixture sts, String clientId, boolean dpop, String... namesAndValues) {
        return sts.token(sts.a, clientId, params(namesAndValues), dpop);
    }

    /** The grant of a successful leg 1. */
    static String grantValue(EndpointResponse leg1) {
        return (String) assertOk(leg1).get("access_token");
    }

    /** Alice's grant for api-a at domain-b, with {@code scope}. */
    static String aliceGrantForApiA(StsFixture sts, String scope) {
        return grantValue(sts.grantFor(API_A, sts.aliceTokenForApiA(), scope));
    }

    // ---- crafted grants ------------------------------------------------------------------------------

    /**
     * The claims of a valid grant as domain-a issues them for api-a (registered at domain-b as
     * {@link StsFixture#API_A_AT_B}): Alice, scope a-read, two minutes, the act chain api-a ← app.
     */
    static Map<String, Object> grantClaims(StsFixture sts) {
        long now = sts.clock.instant().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER_A);
        claims.put("sub", ALICE_SUB);
        claims.put("aud", ISSUER_B);
        claims.put("client_id", API_A_AT_B);
        claims.put("nbf", now);
        claims.put("scope", "a-read");
        claims.put("acr", LOA3);
        claims.put("amr", List.of("pwd"));
        claims.put("auth_time", now - 30);
        claims.put("act", Map.of("sub", API_A, "act", Map.of("sub", APP)));
        claims.put("iat", now);
        claims.put("exp", now + 120);
        claims.put("jti", UUID.randomUUID().toString());
        return claims;
    }

    /** A grant signed with domain-a's default key, typed {@code JWT}. */
    static String signGrant(Map<String, Object> claims) {
        return sign(A_ES256, header("JWT", A_ES256.keyId()), claims);
    }

    /** A JWS header: {@code typ} and {@code kid} when not null ({@code alg} is added by {@link #sign}). */
    static Map<String, Object> header(String typ, String kid) {
        Map<String, Object> header = new LinkedHashMap<>();
        if (typ != null) {
            header.put("typ", typ);
        }
        if (kid != null) {
            header.put("kid", kid);
        }
        return header;
    }

    /** Signs {@code claims} with {@code key} under exactly the given header members plus {@code alg}. */
    static String sign(SigningKey key, Map<String, Object> header, Map<String, Object> claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(key.algorithm().jwaName());
        header.forEach((name, value) -> jws.getHeaders().setObjectHeaderValue(name, value));
        jws.setPayload(JsonUtil.toJson(claims));
        jws.setKey(key.privateKey());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new AssertionError(e);
        }
    }

    static String base64url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code exp} {@code lifetime} after {@code iat} = now. */
    static Map<String, Object> withLifetime(StsFixture sts, Map<String, Object> claims, Duration lifetime) {
        Instant now = sts.clock.instant();
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(lifetime).getEpochSecond());
        return claims;
    }

    // ---- tenant variants -----------------------------------------------------------------------------

    /**
     * A replay store that cannot decide ({@code UNAVAILABLE}, as when its backend is down) for keys
     * of {@code kind} ({@code grant}, {@code client-assertion}, {@code dpop}; empty for all) and works
     * for the others.
     */
    static ReplayStore unavailableFor(StsFixture sts, String kind) {
        ReplayStore working = new InMemoryReplayStore(1_000, sts.clock);
        return (key, expiresAt) -> key.startsWith(kind) ? ReplayStore.Use.UNAVAILABLE : working.useOnce(key, expiresAt);
    }

    /** Another instance of domain-a as the fixture configures it (same issuer, keys and policy), with {@code replay}. */
    static Tenant domainA(StsFixture sts, ReplayStore replay) {
        StsFixture.Spec spec = sts.spec;
        TenantPolicy policy = new TenantPolicy("domain-a", unusedKeyFile(), spec.resourceOwnerMode, spec.selfAudience,
                spec.emitMayAct, spec.strictSubjectClient, spec.dpopNonces, spec.acceptTokenEndpointAudience,
                spec.sensitiveSubjects, spec.lifetimes, spec.clientsA, spec.resourcesA, List.of(),
                List.of(new TargetPeerPolicy(ISSUER_B, Optional.of(ISSUER_B + "/token"), spec.grantTokenEndpointAudience,
                        spec.peerScopeMap, spec.pseudonymousSubject, "JWT")),
                spec.users);
        return Tenant.builder(policy, ISSUER_A).signingKeys(List.of(A_ES256, A_RS256)).pseudonymKey(new byte[32])
                .clock(sts.clock).replayStore(replay).build();
    }

    /** Another instance of domain-b trusting exactly {@code trusted}, with {@code replay}. */
    static Tenant domainB(StsFixture sts, List<TrustedIssuerPolicy> trusted, ReplayStore replay) {
        StsFixture.Spec spec = sts.spec;
        TenantPolicy policy = new TenantPolicy("domain-b", unusedKeyFile(), true, true, false, false, spec.dpopNonces,
                false, Optional.empty(), spec.lifetimes, spec.clientsB, spec.resourcesB, trusted, List.of(), List.of());
        return Tenant.builder(policy, ISSUER_B).signingKeys(List.of(B_ES256)).pseudonymKey(new byte[32])
                .clock(sts.clock).replayStore(replay).build();
    }

    /** domain-a as the fixture's domain-b trusts it. */
    static TrustedIssuerPolicy trustedDomainA(StsFixture sts) {
        return new TrustedIssuerPolicy(ISSUER_A, jwksOf(A_ES256, A_RS256), sts.spec.tasScopeMap, sts.spec.tasSubjectMap,
                Set.of());
    }

    private static SigningKeysPolicy unusedKeyFile() {
        return new SigningKeysPolicy(java.nio.file.Path.of("unused.jwks"), false, List.of());
    }

    // ---- leg 2 ---------------------------------------------------------------------------------------

    /** A jwt-bearer request at {@code tas} (domain-b or a variant) for the partner API with scope partner-read. */
    static EndpointResponse redeemAt(StsFixture sts, Tenant tas, String clientId, String grant) {
        return sts.token(tas, clientId, params("grant_type", JWT_BEARER, "assertion", grant, "resource", PARTNER,
                "scope", "partner-read"));
    }

    /** api-a redeems {@code grant} at domain-b for the partner API with scope partner-read. */
    static EndpointResponse redeem(StsFixture sts, String grant) {
        return sts.redeem(API_A_AT_B, grant, PARTNER, "partner-read", false);
    }

    /** A form body with the client authentication of {@code clientId} at {@code tenant} and the raw {@code extra}. */
    static EndpointResponse rawTokenRequest(StsFixture sts, Tenant tenant, String clientId, String extra) {
        String body = form(params("client_id", clientId, "client_assertion_type", ASSERTION_TYPE,
                "client_assertion", sts.assertion(clientId, tenant))) + "&" + extra;
        return tenant.token(EndpointRequest.formPost(body));
    }
}
