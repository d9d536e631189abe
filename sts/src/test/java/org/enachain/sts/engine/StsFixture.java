package org.enachain.sts.engine;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.enachain.core.dpop.DpopProofFactory;
import org.enachain.core.jose.JwsAlgorithm;
import org.enachain.core.jose.SigningKey;
import org.enachain.core.testing.MutableClock;
import org.enachain.sts.policy.ClientPolicy;
import org.enachain.sts.policy.DemoUser;
import org.enachain.sts.policy.DpopRequirement;
import org.enachain.sts.policy.GrantType;
import org.enachain.sts.policy.KeySource;
import org.enachain.sts.policy.Lifetimes;
import org.enachain.sts.policy.ResourcePolicy;
import org.enachain.sts.policy.SigningKeysPolicy;
import org.enachain.sts.policy.TargetPeerPolicy;
import org.enachain.sts.policy.TenantPolicy;
import org.enachain.sts.policy.TrustedIssuerPolicy;
import org.jose4j.json.JsonUtil;

/**
 * Two tenants in-process, as in Chaining 2.5 and 3.6: domain-a (the STS: app, api-a, api-b, api-c
 * and their users) and domain-b (the TAS: it trusts domain-a's grants and serves the partner API).
 * Tests change one thing through {@link Spec} and talk to the tenants through their public API.
 */
final class StsFixture {

    static final String BASE = "https://sts.test";
    static final String ISSUER_A = BASE + "/domain-a";
    static final String ISSUER_B = BASE + "/domain-b";
    static final String APP = "https://app.domain-a.test";
    static final String REDIRECT = APP + "/callback";
    static final String API_A = "https://api-a.domain-a.test";
    static final String API_B = "https://api-b.domain-a.test";
    static final String API_B_ALIAS = "https://legacy-api-b.domain-a.test";
    static final String API_C = "https://api-c.domain-a.test";
    static final String API_C2 = "https://api-c2.domain-a.test";
    /** A registered client that may not use token exchange (STS-20). */
    static final String REPORTS = "https://reports.domain-a.test";
    /** API A's client identifier as registered at domain-b (STS-03, STS-83). */
    static final String API_A_AT_B = "https://api-a.partners.domain-b.test";
    static final String PARTNER = "https://partner.domain-b.test";
    static final String ALICE_SUB = "u-7c1e-alice";
    static final String BOB_SUB = "u-2b9f-bob";
    static final String LOA3 = "http://id.elegnamnden.se/loa/1.0/loa3";
    static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXkdBjftJeZ4CVP";

    static final String TOKEN_EXCHANGE = GrantType.TOKEN_EXCHANGE.value();
    static final String JWT_BEARER = GrantType.JWT_BEARER.value();
    static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
    static final String REFRESH_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:refresh_token";
    static final String JWT_TYPE = "urn:ietf:params:oauth:token-type:jwt";
    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /** Keys are expensive to make: one set per JVM. */
    static final SigningKey A_ES256 = SigningKey.generateEs256().withKeyId("a-es256");
    static final SigningKey A_RS256 = SigningKey.generate(JwsAlgorithm.RS256).withKeyId("a-rs256");
    static final SigningKey B_ES256 = SigningKey.generateEs256().withKeyId("b-es256");
    private static final Map<String, SigningKey> CLIENT_KEYS = new HashMap<>();
    private static final Map<String, SigningKey> DPOP_KEYS = new HashMap<>();

    static synchronized SigningKey clientKey(String clientId) {
        return CLIENT_KEYS.computeIfAbsent(clientId, id -> SigningKey.generateEs256().withKeyId("k-" + id.hashCode()));
    }

    static synchronized SigningKey dpopKey(String clientId) {
        return DPOP_KEYS.computeIfAbsent(clientId, id -> SigningKey.generateEs256());
    }

    /** The knobs tests turn; every default is the profile's default. */
    static final class Spec {
        boolean resourceOwnerMode = true;
        boolean selfAudience = true;
        boolean emitMayAct = false;
        boolean strictSubjectClient = false;
        boolean dpopNonces = false;
        boolean acceptTokenEndpointAudience = false;
        Optional<Pattern> sensitiveSubjects = Optional.empty();
        Lifetimes lifetimes = Lifetimes.DEFAULTS;
        boolean pseudonymousSubject = false;
        boolean grantTokenEndpointAudience = false;
        Map<String, Set<String>> peerScopeMap = Map.of();
        Map<String, Set<String>> tasScopeMap = Map.of("a-read", Set.of("partner-read"),
                "a-write", Set.of("partner-write"));
        Map<String, String> tasSubjectMap = Map.of();
        List<ClientPolicy> clientsA = new ArrayList<>(defaultClientsA());
        List<ResourcePolicy> resourcesA = new ArrayList<>(defaultResourcesA());
        List<ClientPolicy> clientsB = new ArrayList<>(defaultClientsB());
        List<ResourcePolicy> resourcesB = new ArrayList<>(defaultResourcesB());
        List<DemoUser> users = new ArrayList<>(List.of(
                new DemoUser("alice", "alice-demo-password", ALICE_SUB,
                        Map.of("email", "alice@domain-a.test", "name", "Alice Andersson"), LOA3, Set.of("b-write")),
                new DemoUser("bob", "bob-demo-password", BOB_SUB, Map.of("name", "Bob"), LOA3, Set.of())));

        void replaceClientA(ClientPolicy client) {
            clientsA.removeIf(c -> c.clientId().equals(client.clientId()));
            clientsA.add(client);
        }

        void replaceResourceA(ResourcePolicy resource) {
            resourcesA.removeIf(r -> r.id().equals(resource.id()));
            resourcesA.add(resource);
        }
    }

    static ClientPolicy client(String id, Set<GrantType> grants, Optional<String> resourceId, Set<String> allowed,
                               Map<String, String> peers) {
        return new ClientPolicy(id, jwksOf(clientKey(id)), grants, List.of(REDIRECT), resourceId, allowed, Set.of(),
                peers, false, false);
    }

    static List<ClientPolicy> defaultClientsA() {
        return List.of(
                client(APP, Set.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN, GrantType.TOKEN_EXCHANGE),
                        Optional.empty(), Set.of(API_A, API_B), Map.of(ISSUER_B, APP)),
                client(API_A, Set.of(GrantType.TOKEN_EXCHANGE), Optional.of(API_A), Set.of(API_B, API_C, API_C2),
                        Map.of(ISSUER_B, API_A_AT_B)),
                client(API_B, Set.of(GrantType.TOKEN_EXCHANGE), Optional.of(API_B), Set.of(API_C), Map.of()),
                client(REPORTS, Set.of(GrantType.AUTHORIZATION_CODE), Optional.empty(), Set.of(API_A), Map.of()));
    }

    static List<ResourcePolicy> defaultResourcesA() {
        return List.of(
                new ResourcePolicy(API_A, Set.of(), Set.of("a-read", "a-write", "b-read", "c-read"), DpopRequirement.OPTIONAL,
                        Set.of("email"), false, true, Optional.empty()),
                new ResourcePolicy(API_B, Set.of(API_B_ALIAS), Set.of("b-read", "b-write", "c-read"),
                        DpopRequirement.OPTIONAL, Set.of(), false, true, Optional.empty()),
                new ResourcePolicy(API_C, Set.of(), Set.of("c-read"), DpopRequirement.REQUIRED, Set.of("name"), false,
                        false, Optional.empty()),
                new ResourcePolicy(API_C2, Set.of(), Set.of("c-read"), DpopRequirement.REQUIRED, Set.of("name"), false,
                        false, Optional.empty()));
    }

    static List<ClientPolicy> defaultClientsB() {
        return List.of(
                client(API_A_AT_B, Set.of(GrantType.JWT_BEARER), Optional.empty(), Set.of(PARTNER), Map.of()),
                client(APP, Set.of(GrantType.JWT_BEARER), Optional.empty(), Set.of(PARTNER), Map.of()));
    }

    static List<ResourcePolicy> defaultResourcesB() {
        return List.of(new ResourcePolicy(PARTNER, Set.of(), Set.of("partner-read", "partner-write"),
                DpopRequirement.OPTIONAL, Set.of(), false, false, Optional.empty()));
    }

    static KeySource jwksOf(SigningKey... keys) {
        List<Map<String, Object>> jwks = new ArrayList<>();
        for (SigningKey k : keys) {
            jwks.add(k.publicJwk());
        }
        return new KeySource.Inline(JsonUtil.toJson(Map.of("keys", jwks)));
    }

    final MutableClock clock = MutableClock.atFixedStart();
    final Spec spec;
    final Tenant a;
    final Tenant b;

    private StsFixture(Spec spec) {
        this.spec = spec;
        SigningKeysPolicy keys = new SigningKeysPolicy(java.nio.file.Path.of("unused.jwks"), false, List.of());
        TenantPolicy policyA = new TenantPolicy("domain-a", keys, spec.resourceOwnerMode, spec.selfAudience,
                spec.emitMayAct, spec.strictSubjectClient, spec.dpopNonces, spec.acceptTokenEndpointAudience,
                spec.sensitiveSubjects, spec.lifetimes, spec.clientsA, spec.resourcesA, List.of(),
                List.of(new TargetPeerPolicy(ISSUER_B, Optional.of(ISSUER_B + "/token"), spec.grantTokenEndpointAudience,
                        spec.peerScopeMap, spec.pseudonymousSubject, "JWT")),
                spec.users);
        TenantPolicy policyB = new TenantPolicy("domain-b", keys, true, true, false, false, spec.dpopNonces, false,
                Optional.empty(), spec.lifetimes, spec.clientsB, spec.resourcesB,
                List.of(new TrustedIssuerPolicy(ISSUER_A, jwksOf(A_ES256, A_RS256), spec.tasScopeMap,
                        spec.tasSubjectMap, Set.of())),
                List.of(), List.of());
        this.a = Tenant.builder(policyA, ISSUER_A).signingKeys(List.of(A_ES256, A_RS256))
                .pseudonymKey(new byte[32]).clock(clock).build();
        this.b = Tenant.builder(policyB, ISSUER_B).signingKeys(List.of(B_ES256))
                .pseudonymKey(new byte[32]).clock(clock).build();
    }

    static StsFixture create() {
        return new StsFixture(new Spec());
    }

    static StsFixture create(Consumer<Spec> change) {
        Spec spec = new Spec();
        change.accept(spec);
        return new StsFixture(spec);
    }

    // ---- requests -------------------------------------------------------------------------------------

    /** A client assertion (Profile 8.3.1) for {@code tenant}, signed with the client's registered key. */
    String assertion(String clientId, Tenant tenant) {
        return assertion(clientId, tenant.issuer(), "client-authentication+jwt", clientKey(clientId), Duration.ofSeconds(60));
    }

    String assertion(String clientId, Object audience, String typ, SigningKey key, Duration lifetime) {
        Instant now = clock.instant();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", clientId);
        claims.put("sub", clientId);
        claims.put("aud", audience);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(lifetime).getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        return key.sign(typ, SigningKey.HeaderKey.KEY_ID, JsonUtil.toJson(claims));
    }

    /** A DPoP proof for {@code tenant}'s token endpoint with the client's DPoP key. */
    String proof(String clientId, Tenant tenant) {
        return proof(clientId, tenant, null);
    }

    String proof(String clientId, Tenant tenant, String nonce) {
        return new DpopProofFactory(dpopKey(clientId), clock).create("POST", URI.create(tenant.issuer() + "/token"), null,
                nonce);
    }

    /** Form parameters; a value of null leaves the parameter out. */
    static Map<String, String> params(String... namesAndValues) {
        Map<String, String> p = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                p.put(namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return p;
    }

    static String form(Map<String, String> params) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (b.length() > 0) {
                b.append('&');
            }
            b.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    /** A token request authenticated as {@code clientId}, with a DPoP proof when {@code dpop}. */
    EndpointResponse token(Tenant tenant, String clientId, Map<String, String> params, boolean dpop) {
        Map<String, String> all = new LinkedHashMap<>(params);
        all.putIfAbsent("client_id", clientId);
        all.putIfAbsent("client_assertion_type", ASSERTION_TYPE);
        all.putIfAbsent("client_assertion", assertion(clientId, tenant));
        EndpointRequest request = EndpointRequest.formPost(form(all));
        return tenant.token(dpop ? request.withDpop(proof(clientId, tenant)) : request);
    }

    EndpointResponse token(Tenant tenant, String clientId, Map<String, String> params) {
        return token(tenant, clientId, params, false);
    }

    /** An intra-domain exchange of {@code subjectToken} by {@code clientId} for {@code resource}. */
    EndpointResponse exchange(String clientId, String subjectToken, String resource, String scope, boolean dpop) {
        return token(a, clientId, params("grant_type", TOKEN_EXCHANGE, "subject_token", subjectToken,
                "subject_token_type", ACCESS_TOKEN_TYPE, "requested_token_type", ACCESS_TOKEN_TYPE,
                "resource", resource, "scope", scope), dpop);
    }

    /** A cross-domain exchange (leg 1) at domain-a for domain-b. */
    EndpointResponse grantFor(String clientId, String subjectToken, String scope) {
        return token(a, clientId, params("grant_type", TOKEN_EXCHANGE, "subject_token", subjectToken,
                "subject_token_type", ACCESS_TOKEN_TYPE, "requested_token_type", JWT_TYPE,
                "audience", ISSUER_B, "scope", scope));
    }

    /** Leg 2: the grant redeemed at domain-b. */
    EndpointResponse redeem(String clientIdAtB, String grant, String resource, String scope, boolean dpop) {
        return token(b, clientIdAtB, params("grant_type", JWT_BEARER, "assertion", grant, "resource", resource,
                "scope", scope), dpop);
    }

    // ---- users ----------------------------------------------------------------------------------------

    /** Alice logs in to the app for {@code resource}; returns the token response (with a refresh token). */
    Map<String, Object> login(String resource, String scope, boolean dpop) {
        return login("alice", "alice-demo-password", APP, resource, scope, dpop);
    }

    Map<String, Object> login(String username, String password, String clientId, String resource, String scope,
                              boolean dpop) {
        String code = authorizationCode(username, password, clientId, resource, scope);
        EndpointResponse response = token(a, clientId, params("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT, "code_verifier", VERIFIER), dpop);
        if (response.status() != 200) {
            throw new AssertionError("Login failed: " + response.body());
        }
        return response.jsonBody();
    }

    String authorizationCode(String username, String password, String clientId, String resource, String scope) {
        Map<String, String> request = params("response_type", "code", "client_id", clientId, "redirect_uri", REDIRECT,
                "scope", scope, "state", "s-1", "code_challenge", UserGrants.Pkce.challengeOf(VERIFIER),
                "code_challenge_method", "S256", "resource", resource);
        AuthorizationEndpoint.Outcome page = a.authorizationEndpoint().show(request);
        if (!(page instanceof AuthorizationEndpoint.Outcome.Page p) || p.status() != 200) {
            throw new AssertionError("No login page: " + page);
        }
        Map<String, String> submitted = new LinkedHashMap<>(request);
        submitted.put("username", username);
        submitted.put("password", password);
        AuthorizationEndpoint.Outcome outcome = a.authorizationEndpoint().submit(submitted);
        if (!(outcome instanceof AuthorizationEndpoint.Outcome.Redirect r)) {
            throw new AssertionError("Login refused: " + outcome);
        }
        return query(r.location()).get("code");
    }

    /** Alice's access token for API A (scopes a-read b-read c-read, Bearer). */
    String aliceTokenForApiA() {
        return (String) login(API_A, "a-read b-read c-read", false).get("access_token");
    }

    static Map<String, String> query(String location) {
        Map<String, String> q = new LinkedHashMap<>();
        String raw = URI.create(location).getRawQuery();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    // ---- decoding -------------------------------------------------------------------------------------

    static Map<String, Object> claimsOf(String jwt) {
        return decode(jwt.split("\\.")[1]);
    }

    static Map<String, Object> headerOf(String jwt) {
        return decode(jwt.split("\\.")[0]);
    }

    private static Map<String, Object> decode(String segment) {
        try {
            return JsonUtil.parseJson(new String(java.util.Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8));
        } catch (org.jose4j.lang.JoseException e) {
            throw new AssertionError(e);
        }
    }

    /** A JWT signed with domain-a's key: a token of domain-a's choosing, for the subject token rules. */
    static String signedByA(String typ, Map<String, Object> claims) {
        return A_ES256.sign(typ, SigningKey.HeaderKey.KEY_ID, JsonUtil.toJson(claims));
    }
}
