package org.enachain.sts.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.enachain.core.jose.JwsAlgorithm;
import org.enachain.core.jose.SigningKey;
import org.enachain.core.jose.VerificationKeys;
import org.enachain.core.testing.LogCapture;
import org.enachain.core.testing.TestKeys;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyFileTest {

    private static final Path BASE = Path.of("/etc/enachain/policies");

    private static final String APP = "https://app.domain-a.example";
    private static final String API_A = "https://api-a.domain-a.example";
    private static final String API_B = "https://api-b.domain-a.example";
    private static final String TAS_CLIENT = "https://tas-client.domain-c.example";
    private static final String PEER_B = "https://as.domain-b.example/domain-b";
    private static final String PEER_E = "https://as.domain-e.example";
    private static final String ISSUER_C = "https://as.domain-c.example/domain-c";
    private static final String ISSUER_D = "https://as.domain-d.example";
    private static final String ALICE_PASSWORD = "alice-Demo-Pa55word";

    /** A policy using every key, each with a value other than its default where it has one. */
    private static final String VALID = """
            {
              "signing-keys": { "file": "keys/domain-a.jwks", "generate": ["ES256", "RS256"] },
              "resource-owner-mode": false,
              "self-audience": false,
              "emit-may-act": true,
              "strict-subject-client": true,
              "dpop-nonces": true,
              "accept-token-endpoint-audience": true,
              "sensitive-subject-pattern": "^[0-9]{12}$",
              "lifetimes": { "access-token-seconds": 600, "refresh-token-seconds": 3600,
                             "authorization-grant-seconds": 90, "authorization-code-seconds": 30,
                             "client-assertion-max-seconds": 120, "received-grant-max-seconds": 240,
                             "leeway-seconds": 30 },
              "clients": [
                { "client-id": "https://app.domain-a.example",
                  "jwks": %CLIENT_JWKS%,
                  "grant-types": ["authorization_code", "refresh_token", "token-exchange"],
                  "redirect-uris": ["https://app.domain-a.example/callback", "com.example.app:/callback"],
                  "allowed-resources": ["https://api-a.domain-a.example"],
                  "allowed-scopes": ["a-read", "a-write"],
                  "cross-domain-peers": { "https://as.domain-b.example/domain-b": "https://app.registered-at-b.example" } },
                { "client-id": "https://api-a.domain-a.example",
                  "jwks-uri": "https://api-a.domain-a.example/jwks",
                  "grant-types": ["urn:ietf:params:oauth:grant-type:token-exchange"],
                  "resource-id": "https://api-a.domain-a.example",
                  "allowed-resources": ["api-b"],
                  "allowed-scopes": ["b-read"],
                  "cross-domain-peers": ["https://as.domain-b.example/domain-b"],
                  "dpop-bound-access-tokens": true,
                  "legacy-assertion-type": true },
                { "client-id": "https://tas-client.domain-c.example",
                  "jwks-uri": "https://tas-client.domain-c.example/jwks",
                  "grant-types": ["jwt-bearer"] }
              ],
              "resources": [
                { "id": "https://api-a.domain-a.example", "scopes": ["a-read", "a-write"], "exchange-capable": true },
                { "id": "https://api-b.domain-a.example",
                  "aliases": ["api-b", "https://legacy-api-b.domain-a.example"],
                  "scopes": ["b-read"],
                  "dpop": "required",
                  "identity-claims": ["email", "name", "acr"],
                  "receives-sensitive-subjects": true,
                  "exchange-capable": false,
                  "signing-alg": "RS256" }
              ],
              "trusted-issuers": [
                { "issuer": "https://as.domain-c.example/domain-c",
                  "jwks": %ISSUER_JWKS%,
                  "scope-map": { "c-read": ["a-read", "b-read"] },
                  "subject-map": { "c-user-1": "u-1" },
                  "accepted-types": ["grant+jwt"] },
                { "issuer": "https://as.domain-d.example", "jwks-uri": "https://as.domain-d.example/jwks" }
              ],
              "target-peers": [
                { "issuer": "https://as.domain-b.example/domain-b",
                  "token-endpoint": "https://as.domain-b.example/domain-b/token",
                  "token-endpoint-audience": true,
                  "scope-map": { "a-read": ["b-api-read"] },
                  "pseudonymous-subject": true,
                  "grant-type": "JWT" },
                { "issuer": "https://as.domain-e.example" }
              ],
              "users": [
                { "username": "alice", "password": "%ALICE_PASSWORD%", "sub": "u-8f3a2c",
                  "claims": { "name": "Alice Andersson", "email": "alice@domain-a.example" },
                  "acr": "http://id.elegnamnden.se/loa/1.0/loa3",
                  "entitlements": ["a-read"] },
                { "username": "bob", "password": "bob-demo", "sub": "u-77d0" }
              ]
            }
            """
            .replace("%CLIENT_JWKS%", jwks(TestKeys.CLIENT_ES256))
            .replace("%ISSUER_JWKS%", jwks(TestKeys.AS_ES256, TestKeys.AS_RS256))
            .replace("%ALICE_PASSWORD%", ALICE_PASSWORD);

    // ---------------------------------------------------------------- helpers

    private static String jwks(SigningKey... keys) {
        List<Object> list = new ArrayList<>();
        for (SigningKey key : keys) {
            list.add(key.publicJwk());
        }
        return JsonUtil.toJson(Map.of("keys", list));
    }

    /** A fresh, mutable copy of the valid policy (the parser's own maps refuse to replace a member). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> valid() {
        try {
            return (Map<String, Object>) mutableCopy(JsonUtil.parseJson(VALID));
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object mutableCopy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, mutableCopy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(mutableCopy(v)));
            return copy;
        }
        return value;
    }

    /** The object at a path of keys (String) and indexes (Integer). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> at(Map<String, Object> root, Object... path) {
        Object current = root;
        for (Object step : path) {
            current = step instanceof Integer i ? ((List<Object>) current).get(i) : ((Map<String, Object>) current).get(step);
        }
        return (Map<String, Object>) current;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> root, Object... path) {
        Object[] parent = Arrays.copyOf(path, path.length - 1);
        return (List<Object>) at(root, parent).get(path[path.length - 1]);
    }

    private static TenantPolicy parse(Map<String, Object> policy) {
        return PolicyFile.parse("domain-a", JsonUtil.toJson(policy), BASE);
    }

    private static TenantPolicy parse(String json) {
        return PolicyFile.parse("domain-a", json, BASE);
    }

    private static PolicyException failure(String json) {
        PolicyException e = catchThrowableOfType(PolicyException.class, () -> parse(json));
        assertThat(e).as("the policy should have been refused").isNotNull();
        return e;
    }

    private static List<String> problems(String json) {
        return failure(json).problems();
    }

    /** The problems of the valid policy changed by {@code change}. */
    private static List<String> problemsAfter(Consumer<Map<String, Object>> change) {
        Map<String, Object> policy = valid();
        change.accept(policy);
        return problems(JsonUtil.toJson(policy));
    }

    private static TenantPolicy parsedAfter(Consumer<Map<String, Object>> change) {
        Map<String, Object> policy = valid();
        change.accept(policy);
        return parse(policy);
    }

    private static Map<String, Object> jwk(PublicKey key) {
        try {
            return new LinkedHashMap<>(PublicJsonWebKey.Factory.newPublicJwk(key)
                    .toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> jwksOf(Object... jwks) {
        return new LinkedHashMap<>(Map.of("keys", new ArrayList<>(List.of(jwks))));
    }

    // ---------------------------------------------------------------- a valid policy

    @Nested
    @DisplayName("A complete valid policy")
    class Valid {

        private final TenantPolicy policy = parse(VALID);

        @Test
        @DisplayName("STS-05, A-39, A-02, A-03, A-04, A-07, A-16: tenant-wide switches are read")
        void tenantSettings() {
            assertThat(policy.name()).isEqualTo("domain-a");
            assertThat(policy.resourceOwnerMode()).isFalse();
            assertThat(policy.selfAudience()).isFalse();
            assertThat(policy.emitMayAct()).isTrue();
            assertThat(policy.strictSubjectClient()).isTrue();
            assertThat(policy.dpopNonces()).isTrue();
            assertThat(policy.acceptTokenEndpointAudience()).isTrue();
            assertThat(policy.sensitiveSubjects()).hasValueSatisfying(p -> {
                assertThat(p.pattern()).isEqualTo("^[0-9]{12}$");
                assertThat(p.matcher("198001011234").find()).isTrue();
            });
        }

        @Test
        @DisplayName("The signing-key file resolves against the policy directory; 'generate' means generate when missing")
        void signingKeys() {
            assertThat(policy.signingKeys()).isEqualTo(new SigningKeysPolicy(BASE.resolve("keys/domain-a.jwks"), true,
                    List.of(JwsAlgorithm.ES256, JwsAlgorithm.RS256)));
        }

        @Test
        @DisplayName("STS-81, TAS-15, A-34: lifetimes are read in seconds")
        void lifetimes() {
            assertThat(policy.lifetimes()).isEqualTo(new Lifetimes(Duration.ofSeconds(600), Duration.ofSeconds(3600),
                    Duration.ofSeconds(90), Duration.ofSeconds(30), Duration.ofSeconds(120), Duration.ofSeconds(240),
                    Duration.ofSeconds(30)));
        }

        @Test
        @DisplayName("STS-20, STS-39, STS-44, STS-03, GEN-109, A-08: clients are read, aliases stored as resource ids")
        void clients() {
            assertThat(policy.clients()).hasSize(3);
            ClientPolicy app = policy.clients().get(0);
            assertThat(app.clientId()).isEqualTo(APP);
            assertThat(app.keys()).isInstanceOfSatisfying(KeySource.Inline.class, inline ->
                    assertThat(VerificationKeys.fromJwks(inline.jwksJson()).entries())
                            .singleElement().satisfies(e -> {
                                assertThat(e.kid()).isEqualTo("client-es256");
                                assertThat(e.key()).isEqualTo(TestKeys.CLIENT_ES256.publicKey());
                            }));
            assertThat(app.grantTypes()).containsExactlyInAnyOrder(GrantType.AUTHORIZATION_CODE,
                    GrantType.REFRESH_TOKEN, GrantType.TOKEN_EXCHANGE);
            assertThat(app.redirectUris()).containsExactly(APP + "/callback", "com.example.app:/callback");
            assertThat(app.resourceId()).isEmpty();
            assertThat(app.allowedResources()).containsExactly(API_A);
            assertThat(app.allowedScopes()).containsExactlyInAnyOrder("a-read", "a-write");
            assertThat(app.crossDomainPeers()).containsExactly(Map.entry(PEER_B, "https://app.registered-at-b.example"));
            assertThat(app.dpopBoundAccessTokens()).isFalse();
            assertThat(app.legacyAssertionType()).isFalse();

            assertThat(policy.clients().get(1)).isEqualTo(new ClientPolicy(API_A,
                    new KeySource.Remote(URI.create(API_A + "/jwks")), Set.of(GrantType.TOKEN_EXCHANGE), List.of(),
                    Optional.of(API_A), Set.of(API_B), Set.of("b-read"), Map.of(PEER_B, API_A), true, true));
            assertThat(policy.clients().get(2)).isEqualTo(new ClientPolicy(TAS_CLIENT,
                    new KeySource.Remote(URI.create(TAS_CLIENT + "/jwks")), Set.of(GrantType.JWT_BEARER), List.of(),
                    Optional.empty(), Set.of(), Set.of(), Map.of(), false, false));
        }

        @Test
        @DisplayName("GEN-87, GEN-94, GEN-106, GEN-82, A-15, A-16: resources are read")
        void resources() {
            assertThat(policy.resources()).containsExactly(
                    new ResourcePolicy(API_A, Set.of(), Set.of("a-read", "a-write"), DpopRequirement.OPTIONAL, Set.of(),
                            false, true, Optional.empty()),
                    new ResourcePolicy(API_B, Set.of("api-b", "https://legacy-api-b.domain-a.example"),
                            Set.of("b-read"), DpopRequirement.REQUIRED, Set.of("email", "name", "acr"), true, false,
                            Optional.of(JwsAlgorithm.RS256)));
        }

        @Test
        @DisplayName("TAS-02, TAS-10, TAS-25, TAS-28, A-32: trusted issuers are read with their keys and maps")
        void trustedIssuers() {
            assertThat(policy.trustedIssuers()).hasSize(2);
            TrustedIssuerPolicy c = policy.trustedIssuers().get(0);
            assertThat(c.issuer()).isEqualTo(ISSUER_C);
            assertThat(c.keys()).isInstanceOfSatisfying(KeySource.Inline.class, inline ->
                    assertThat(VerificationKeys.fromJwks(inline.jwksJson()).entries())
                            .extracting(VerificationKeys.Entry::kid).containsExactly("as-es256", "as-rs256"));
            assertThat(c.scopeMap()).containsExactly(Map.entry("c-read", Set.of("a-read", "b-read")));
            assertThat(c.subjectMap()).containsExactly(Map.entry("c-user-1", "u-1"));
            assertThat(c.acceptedTypes()).containsExactly("grant+jwt");
            assertThat(policy.trustedIssuers().get(1)).isEqualTo(new TrustedIssuerPolicy(ISSUER_D,
                    new KeySource.Remote(URI.create(ISSUER_D + "/jwks")), Map.of(), Map.of(), Set.of()));
        }

        @Test
        @DisplayName("STS-02, STS-79, STS-94, A-09, A-32: target peers are read; grant typ defaults to JWT")
        void targetPeers() {
            assertThat(policy.targetPeers()).containsExactly(
                    new TargetPeerPolicy(PEER_B, Optional.of(PEER_B + "/token"), true,
                            Map.of("a-read", Set.of("b-api-read")), true, "JWT"),
                    new TargetPeerPolicy(PEER_E, Optional.empty(), false, Map.of(), false, "JWT"));
        }

        @Test
        @DisplayName("GEN-91, A-39: demo users are read; acr defaults to LoA 2")
        void users() {
            assertThat(policy.users()).containsExactly(
                    new DemoUser("alice", ALICE_PASSWORD, "u-8f3a2c",
                            Map.of("name", "Alice Andersson", "email", "alice@domain-a.example"),
                            "http://id.elegnamnden.se/loa/1.0/loa3", Set.of("a-read")),
                    new DemoUser("bob", "bob-demo", "u-77d0", Map.of(), PolicyFile.DEFAULT_ACR, Set.of()));
            assertThat(PolicyFile.DEFAULT_ACR).isEqualTo("http://id.elegnamnden.se/loa/1.0/loa2");
        }

        @Test
        @DisplayName("The policy's toString never shows a password")
        void toStringHidesPasswords() {
            assertThat(policy.users().toString()).doesNotContain(ALICE_PASSWORD);
        }
    }

    @Nested
    @DisplayName("Defaults")
    class Defaults {

        @Test
        @DisplayName("A-39, A-04, A-03, A-02, A-07: an empty policy takes every default")
        void emptyPolicy() {
            TenantPolicy policy = parse("{}");
            assertThat(policy.resourceOwnerMode()).as("A-39 resource-owner mode").isTrue();
            assertThat(policy.selfAudience()).as("A-04 self audience").isTrue();
            assertThat(policy.emitMayAct()).as("A-03 may_act").isFalse();
            assertThat(policy.strictSubjectClient()).as("A-02 strict").isFalse();
            assertThat(policy.dpopNonces()).isFalse();
            assertThat(policy.acceptTokenEndpointAudience()).as("A-07 legacy audience").isFalse();
            assertThat(policy.sensitiveSubjects()).isEmpty();
            assertThat(policy.lifetimes()).isEqualTo(Lifetimes.DEFAULTS);
            assertThat(policy.signingKeys()).isEqualTo(new SigningKeysPolicy(BASE.resolve("domain-a-signing.jwks"),
                    true, List.of(JwsAlgorithm.ES256, JwsAlgorithm.RS256)));
            assertThat(policy.clients()).isEmpty();
            assertThat(policy.resources()).isEmpty();
            assertThat(policy.trustedIssuers()).isEmpty();
            assertThat(policy.targetPeers()).isEmpty();
            assertThat(policy.users()).isEmpty();
        }

        @Test
        @DisplayName("signing-keys without 'generate' loads the file only; its path may be absolute")
        void loadOnlySigningKeys() {
            TenantPolicy policy = parse("{ \"signing-keys\": { \"file\": \"/srv/keys/a.jwks\" } }");
            assertThat(policy.signingKeys()).isEqualTo(new SigningKeysPolicy(Path.of("/srv/keys/a.jwks"), false,
                    List.of()));
        }

        @Test
        @DisplayName("signing-keys without 'file' uses <tenant>-signing.jwks")
        void defaultFileName() {
            TenantPolicy policy = parse("{ \"signing-keys\": { \"generate\": [\"PS256\"] } }");
            assertThat(policy.signingKeys()).isEqualTo(new SigningKeysPolicy(BASE.resolve("domain-a-signing.jwks"),
                    true, List.of(JwsAlgorithm.PS256)));
        }

        @Test
        @DisplayName("Lifetimes not given keep their defaults; a leeway of 0 is allowed")
        void partialLifetimes() {
            TenantPolicy policy = parse("{ \"lifetimes\": { \"access-token-seconds\": 120, \"leeway-seconds\": 0 } }");
            assertThat(policy.lifetimes()).isEqualTo(new Lifetimes(Duration.ofSeconds(120),
                    Lifetimes.DEFAULTS.refreshToken(), Lifetimes.DEFAULTS.authorizationGrant(),
                    Lifetimes.DEFAULTS.authorizationCode(), Lifetimes.DEFAULTS.clientAssertion(),
                    Lifetimes.DEFAULTS.receivedGrant(), Duration.ZERO));
        }

        @Test
        @DisplayName("GEN-106: a resource without 'dpop' is DPoP-optional")
        void dpopOptional() {
            assertThat(parse(VALID).resources().get(0).dpop()).isEqualTo(DpopRequirement.OPTIONAL);
        }

        @Test
        @DisplayName("With keys loaded from a file, any permitted signing-alg is accepted (the file's keys are unknown here)")
        void signingAlgWithLoadedKeys() {
            TenantPolicy policy = parsedAfter(p -> {
                at(p, "signing-keys").remove("generate");
                at(p, "resources", 1).put("signing-alg", "PS384");
            });
            assertThat(policy.resources().get(1).signingAlgorithm()).contains(JwsAlgorithm.PS384);
        }
    }

    // ---------------------------------------------------------------- the document

    @Nested
    @DisplayName("The document")
    class Document {

        @Test
        @DisplayName("Not JSON: the position is named, not the text")
        void notJson() {
            assertThat(problems("{\n  \"self-audience\": true,\n  \"users\": [ { \"password\": secret } ]\n}"))
                    .containsExactly("policy: is not valid JSON (line 3, column 28)");
        }

        @Test
        @DisplayName("A JSON array is not a policy")
        void notAnObject() {
            assertThat(problems("[ {} ]")).containsExactly("policy: must be a JSON object");
        }

        @Test
        @DisplayName("An empty file is not a policy")
        void empty() {
            assertThat(problems("  \n")).containsExactly("policy: is empty; a policy is a JSON object");
        }

        @Test
        @DisplayName("A key given twice in one object is a problem")
        void duplicateKey() {
            assertThat(problems("{ \"self-audience\": true, \"self-audience\": false }"))
                    .containsExactly("policy: the key 'self-audience' appears twice in one object");
        }

        @Test
        @DisplayName("A byte order mark is tolerated")
        void byteOrderMark() {
            assertThat(parse("\uFEFF{ \"dpop-nonces\": true }").dpopNonces()).isTrue();
        }

        @Test
        @DisplayName("The tenant name must be a lower-case path segment")
        void tenantName() {
            PolicyException e = catchThrowableOfType(PolicyException.class,
                    () -> PolicyFile.parse("Domain_A", "{}", BASE));
            assertThat(e.problems()).containsExactly(
                    "tenant name: 'Domain_A' must match [a-z0-9][a-z0-9-]{0,62} (it is the last path segment of the issuer)");
            assertThat(PolicyFile.parse("a", "{}", BASE).name()).isEqualTo("a");
            assertThat(PolicyFile.parse("0-" + "x".repeat(61), "{}", BASE).name()).hasSize(63);
            assertThatThrownBy(() -> PolicyFile.parse("x".repeat(64), "{}", BASE)).isInstanceOf(PolicyException.class);
            assertThatThrownBy(() -> PolicyFile.parse("-a", "{}", BASE)).isInstanceOf(PolicyException.class);
        }

        @Test
        @DisplayName("Unknown keys are problems, with the likely key suggested")
        void unknownKeys() {
            assertThat(problemsAfter(p -> {
                p.put("resource", List.of());
                p.put("colour", "blue");
                at(p, "resources", 0).put("scope", List.of("a-read"));
                at(p, "clients", 0).put("client_id", APP);
                at(p, "clients", 1).put("jwksUri", API_A);
                at(p, "lifetimes").put("access-token", 60);
            })).containsExactly(
                    "policy: unknown key 'resource' (did you mean 'resources'?)",
                    "policy: unknown key 'colour'",
                    "lifetimes: unknown key 'access-token' (did you mean 'access-token-seconds'?)",
                    "resources[0]: unknown key 'scope' (did you mean 'scopes'?)",
                    "clients[0]: unknown key 'client_id' (did you mean 'client-id'?)",
                    "clients[1]: unknown key 'jwksUri' (did you mean 'jwks-uri'?)");
        }

        @Test
        @DisplayName("Wrong JSON types are problems naming the expected type")
        void wrongTypes() {
            assertThat(problemsAfter(p -> {
                p.put("self-audience", "true");
                p.put("lifetimes", List.of());
                at(p, "resources", 0).put("scopes", "a-read a-write");
                at(p, "resources", 1).put("identity-claims", List.of("email", 7));
                at(p, "users", 1).put("sub", null);
                p.put("target-peers", Map.of("issuer", PEER_B));
            })).containsExactly(
                    "self-audience: must be true or false, not a string",
                    "lifetimes: must be an object, not an array",
                    "resources[0].scopes: must be an array, not a string",
                    "resources[1].identity-claims[1]: must be a string, not a whole number",
                    "target-peers: must be an array, not an object",
                    "clients[0].cross-domain-peers[\"https://as.domain-b.example/domain-b\"]: 'https://as.domain-b.example/domain-b' is not a configured target peer (target-peers[].issuer; STS-02)",
                    "clients[1].cross-domain-peers[0]: 'https://as.domain-b.example/domain-b' is not a configured target peer (target-peers[].issuer; STS-02)",
                    "users[1].sub: must be a string, not null");
        }

        @Test
        @DisplayName("Several problems are reported together, in one exception")
        void severalProblems() {
            PolicyException e = catchThrowableOfType(PolicyException.class, () -> parse(problemsPolicy()));
            assertThat(e.problems()).containsExactly(
                    "lifetimes.authorization-grant-seconds: must be at most 300; JWT authorization grants live at most 300 s (STS-81, A-34)",
                    "resources[1].dpop: must be one of required, optional, unsupported, not 'always' (GEN-106)",
                    "clients[1].client-id: 'api-a' is not an https URL (Profile 2.2.1)",
                    "users[0].sub: 'https://app.domain-a.example' equals the identifier at clients[0].client-id; user subjects and client or resource identifiers must not overlap (GEN-79)");
            assertThat(e.tenant()).isEqualTo("domain-a");
            assertThat(e.getMessage()).isEqualTo("The policy of tenant 'domain-a' is invalid:\n  "
                    + String.join("\n  ", e.problems()));
            assertThat(e).isInstanceOf(IllegalArgumentException.class);
        }

        private Map<String, Object> problemsPolicy() {
            Map<String, Object> p = valid();
            at(p, "lifetimes").put("authorization-grant-seconds", 600);
            at(p, "resources", 1).put("dpop", "always");
            at(p, "clients", 1).put("client-id", "api-a");
            at(p, "users", 0).put("sub", APP);
            return p;
        }
    }

    // ---------------------------------------------------------------- tenant-wide settings

    @Nested
    @DisplayName("Tenant-wide settings")
    class TenantSettings {

        @Test
        @DisplayName("A-16: sensitive-subject-pattern must compile")
        void sensitivePatternCompiles() {
            assertThat(problemsAfter(p -> p.put("sensitive-subject-pattern", "^[0-9{12}$")))
                    .containsExactly("sensitive-subject-pattern: is not a valid regular expression (Unclosed character class near index 9)");
        }

        @Test
        @DisplayName("A-16: an empty sensitive-subject-pattern is a problem, not 'match everything'")
        void sensitivePatternNotEmpty() {
            assertThat(problemsAfter(p -> p.put("sensitive-subject-pattern", "")))
                    .containsExactly("sensitive-subject-pattern: must not be empty");
        }

        @Test
        @DisplayName("Lifetimes are positive whole numbers of seconds")
        void lifetimesPositive() {
            assertThat(problemsAfter(p -> {
                at(p, "lifetimes").put("access-token-seconds", 0);
                at(p, "lifetimes").put("refresh-token-seconds", 1.5);
                at(p, "lifetimes").put("authorization-code-seconds", -60);
                at(p, "lifetimes").put("leeway-seconds", -1);
            })).containsExactly(
                    "lifetimes.access-token-seconds: must be a positive number of seconds",
                    "lifetimes.refresh-token-seconds: must be a whole number, not a decimal number",
                    "lifetimes.authorization-code-seconds: must be a positive number of seconds",
                    "lifetimes.leeway-seconds: must not be negative");
        }

        @Test
        @DisplayName("STS-81, A-34: the grant lifetime is at most 300 s")
        void grantLifetime() {
            assertThat(problemsAfter(p -> at(p, "lifetimes").put("authorization-grant-seconds", 301))).containsExactly(
                    "lifetimes.authorization-grant-seconds: must be at most 300; JWT authorization grants live at most 300 s (STS-81, A-34)");
            assertThat(parsedAfter(p -> at(p, "lifetimes").put("authorization-grant-seconds", 300)).lifetimes()
                    .authorizationGrant()).isEqualTo(Duration.ofSeconds(300));
        }

        @Test
        @DisplayName("TAS-15, A-34: the longest grant lifetime accepted is at most 300 s")
        void receivedGrantLifetime() {
            assertThat(problemsAfter(p -> at(p, "lifetimes").put("received-grant-max-seconds", 3600))).containsExactly(
                    "lifetimes.received-grant-max-seconds: must be at most 300; JWT authorization grants live at most 300 s (TAS-15, A-34)");
        }

        @Test
        @DisplayName("The clock leeway is at most 300 s, other lifetimes at most a year")
        void upperBounds() {
            assertThat(problemsAfter(p -> {
                at(p, "lifetimes").put("leeway-seconds", 301);
                at(p, "lifetimes").put("refresh-token-seconds", 31_536_001);
                at(p, "lifetimes").put("access-token-seconds", 99_999_999_999_999_999_999.0);
            })).containsExactly(
                    "lifetimes.access-token-seconds: must be a whole number, not a decimal number",
                    "lifetimes.refresh-token-seconds: must be at most 31536000 (one year)",
                    "lifetimes.leeway-seconds: must be at most 300; a larger clock leeway would stretch every time check");
        }

        @Test
        @DisplayName("A lifetime beyond a long is a problem, not an exception")
        void hugeNumber() {
            assertThat(problems("{ \"lifetimes\": { \"access-token-seconds\": 99999999999999999999 } }"))
                    .containsExactly("lifetimes.access-token-seconds: is too large");
        }

        @Test
        @DisplayName("Profile 8.2: generated signing keys use permitted algorithms only")
        void generateUnknownAlgorithm() {
            assertThat(problemsAfter(p -> at(p, "signing-keys").put("generate", List.of("ES256", "HS256", "none"))))
                    .containsExactly(
                            "signing-keys.generate[1]: 'HS256' is not a JWS algorithm the profile permits (RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512; Profile 8.2)",
                            "signing-keys.generate[2]: 'none' is not a JWS algorithm the profile permits (RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512; Profile 8.2)");
        }

        @Test
        @DisplayName("'generate' names at least one algorithm, each once")
        void generateEmptyOrRepeated() {
            assertThat(problemsAfter(p -> at(p, "signing-keys").put("generate", List.of()))).containsExactly(
                    "signing-keys.generate: must name at least one algorithm; leave 'generate' out to load an existing key file only");
            assertThat(problemsAfter(p -> at(p, "signing-keys").put("generate", List.of("ES256", "RS256", "ES256"))))
                    .containsExactly("signing-keys.generate[2]: 'ES256' is listed twice");
        }

        @Test
        @DisplayName("GEN-82: a resource's signing-alg must be one the tenant generates keys for")
        void signingAlgGenerated() {
            assertThat(problemsAfter(p -> at(p, "resources", 1).put("signing-alg", "PS256"))).containsExactly(
                    "resources[1].signing-alg: 'PS256' is not among the tenant's signing-keys algorithms (ES256, RS256; GEN-82)");
        }

        @Test
        @DisplayName("GEN-82: a resource's signing-alg must be a permitted JWS algorithm")
        void signingAlgKnown() {
            assertThat(problemsAfter(p -> at(p, "resources", 1).put("signing-alg", "es256"))).containsExactly(
                    "resources[1].signing-alg: 'es256' is not a JWS algorithm the profile permits (RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512; Profile 8.2)");
        }
    }

    // ---------------------------------------------------------------- clients

    @Nested
    @DisplayName("Clients")
    class Clients {

        @Test
        @DisplayName("GEN-19, Profile 2.2.1: a client id that is not a URL is refused")
        void clientIdNotUrl() {
            assertThat(problemsAfter(p -> at(p, "clients", 2).put("client-id", "app")))
                    .containsExactly("clients[2].client-id: 'app' is not an https URL (Profile 2.2.1)");
        }

        @Test
        @DisplayName("GEN-20: a client id with http, a query or a fragment is refused")
        void clientIdForm() {
            assertThat(problemsAfter(p -> at(p, "clients", 2).put("client-id", "http://tas-client.domain-c.example")))
                    .containsExactly("clients[2].client-id: the client identifier 'http://tas-client.domain-c.example' must use https (GEN-20, Profile 2.2.1)");
            assertThat(problemsAfter(p -> at(p, "clients", 2).put("client-id", TAS_CLIENT + "?x=1")))
                    .containsExactly("clients[2].client-id: the client identifier 'https://tas-client.domain-c.example?x=1' must not have a query (GEN-20, Profile 2.2.1)");
            assertThat(problemsAfter(p -> at(p, "clients", 2).put("client-id", TAS_CLIENT + "#f")))
                    .containsExactly("clients[2].client-id: the client identifier 'https://tas-client.domain-c.example#f' must not have a fragment (GEN-20, Profile 2.2.1)");
        }

        @Test
        @DisplayName("A client id is required")
        void clientIdRequired() {
            assertThat(problemsAfter(p -> at(p, "clients", 2).remove("client-id")))
                    .containsExactly("clients[2].client-id: is required");
        }

        @Test
        @DisplayName("A client id is registered once")
        void duplicateClientId() {
            assertThat(problemsAfter(p -> at(p, "clients", 2).put("client-id", APP)))
                    .containsExactly("clients[2].client-id: 'https://app.domain-a.example' is already used by clients[0].client-id");
        }

        @Test
        @DisplayName("Profile 8.3.1: a client has exactly one of jwks and jwks-uri")
        void exactlyOneKeySource() {
            assertThat(problemsAfter(p -> at(p, "clients", 2).remove("jwks-uri")))
                    .containsExactly("clients[2]: needs its public keys: 'jwks' or 'jwks-uri' (Profile 8.3.1)");
            assertThat(problemsAfter(p -> at(p, "clients", 0).put("jwks-uri", APP + "/jwks")))
                    .containsExactly("clients[0]: has both 'jwks' and 'jwks-uri'; give exactly one");
        }

        @Test
        @DisplayName("jwks-uri must be https")
        void jwksUriHttps() {
            assertThat(problemsAfter(p -> at(p, "clients", 2).put("jwks-uri", "http://127.0.0.1:8080/jwks")))
                    .containsExactly("clients[2].jwks-uri: 'http://127.0.0.1:8080/jwks' is not an https URL with a host");
            assertThat(problemsAfter(p -> at(p, "clients", 2).put("jwks-uri", "jwks.json")))
                    .containsExactly("clients[2].jwks-uri: 'jwks.json' is not an https URL with a host");
        }

        @Test
        @DisplayName("GEN-03: every key an inline JWK Set leaves out is reported, and a set without usable keys refused")
        void weakKeyReported() {
            KeyPair weak = TestKeys.weakRsa();
            Map<String, Object> weakJwk = jwk(weak.getPublic());
            weakJwk.put("kid", "old-rsa");
            assertThat(problemsAfter(p -> at(p, "clients", 0).put("jwks", jwksOf(weakJwk)))).containsExactly(
                    "clients[0].jwks: a key cannot be used: kid 'old-rsa': RSA key of 1024 bits; the profile requires at least 2048",
                    "clients[0].jwks: holds no usable public key (Profile 8.2)");
            assertThat(problemsAfter(p -> at(p, "clients", 0).put("jwks",
                    jwksOf(weakJwk, TestKeys.CLIENT_ES256.publicJwk())))).containsExactly(
                    "clients[0].jwks: a key cannot be used: kid 'old-rsa': RSA key of 1024 bits; the profile requires at least 2048");
        }

        @Test
        @DisplayName("A client's inline JWK Set holds signature keys only: a key marked for encryption is reported")
        void encryptionKeyReported() {
            Map<String, Object> enc = new java.util.LinkedHashMap<>(TestKeys.CLIENT_ES256.publicJwk());
            enc.put("kid", "enc-key");
            enc.put("use", "enc");
            assertThat(problemsAfter(p -> at(p, "clients", 0).put("jwks", jwksOf(enc, TestKeys.AS_ES256.publicJwk()))))
                    .containsExactly("clients[0].jwks: a key cannot be used: kid 'enc-key': use is 'enc', not 'sig'");
        }

        @Test
        @DisplayName("An inline jwks must be a JWK Set with keys")
        void notAJwkSet() {
            assertThat(problemsAfter(p -> at(p, "clients", 0).put("jwks", TestKeys.CLIENT_ES256.publicJwk())))
                    .containsExactly("clients[0].jwks: must be a JWK Set: an object with a 'keys' array");
            assertThat(problemsAfter(p -> at(p, "clients", 0).put("jwks", jwksOf())))
                    .containsExactly("clients[0].jwks: holds no usable public key (Profile 8.2)");
            assertThat(problemsAfter(p -> at(p, "clients", 0).put("jwks", "https://app.domain-a.example/jwks")))
                    .containsExactly("clients[0].jwks: must be an object, not a string");
        }

        @Test
        @DisplayName("A private key in an inline jwks is refused without echoing it")
        void privateKeyRefused() throws JoseException {
            SigningKey key = TestKeys.CLIENT_ES256;
            PublicJsonWebKey full = PublicJsonWebKey.Factory.newPublicJwk(key.publicKey());
            full.setPrivateKey(key.privateKey());
            Map<String, Object> privateJwk = full.toParams(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE);
            String d = (String) privateJwk.get("d");
            PolicyException e = catchThrowableOfType(PolicyException.class, () -> parsedAfter(p ->
                    at(p, "clients", 0).put("jwks", jwksOf(privateJwk))));
            assertThat(e.problems()).containsExactly(
                    "clients[0].jwks.keys[0]: holds private or secret key material; a policy lists public keys only");
            assertThat(e.getMessage()).doesNotContain(d);
        }

        @Test
        @DisplayName("STS-20: grant types take short names or URNs; others are refused")
        void grantTypes() {
            assertThat(problemsAfter(p -> list(p, "clients", 2, "grant-types").add("client_credentials")))
                    .containsExactly("clients[2].grant-types[1]: 'client_credentials' is not one of authorization_code, refresh_token, token-exchange, jwt-bearer (or their grant_type URNs)");
            assertThat(parsedAfter(p -> at(p, "clients", 2).put("grant-types",
                    List.of("urn:ietf:params:oauth:grant-type:jwt-bearer"))).clients().get(2).grantTypes())
                    .containsExactly(GrantType.JWT_BEARER);
        }

        @Test
        @DisplayName("STS-20: grant types are required and not empty")
        void grantTypesRequired() {
            assertThat(problemsAfter(p -> at(p, "clients", 2).remove("grant-types")))
                    .containsExactly("clients[2].grant-types: is required (STS-20)");
            assertThat(problemsAfter(p -> at(p, "clients", 2).put("grant-types", List.of())))
                    .containsExactly("clients[2].grant-types: must name at least one grant type (STS-20)");
        }

        @Test
        @DisplayName("authorization_code needs redirect URIs")
        void redirectUrisRequired() {
            assertThat(problemsAfter(p -> at(p, "clients", 0).remove("redirect-uris")))
                    .containsExactly("clients[0].redirect-uris: must list at least one URI for authorization_code (RFC 6749 3.1.2)");
            assertThat(problemsAfter(p -> at(p, "clients", 0).put("redirect-uris", List.of())))
                    .containsExactly("clients[0].redirect-uris: must list at least one URI for authorization_code (RFC 6749 3.1.2)");
        }

        @Test
        @DisplayName("Redirect URIs are absolute and have no fragment")
        void redirectUriForm() {
            assertThat(problemsAfter(p -> at(p, "clients", 0).put("redirect-uris",
                    List.of("/callback", APP + "/callback#x", "https://app example/"))))
                    .containsExactly(
                            "clients[0].redirect-uris[0]: '/callback' must be an absolute URI without a fragment (RFC 6749 3.1.2)",
                            "clients[0].redirect-uris[1]: 'https://app.domain-a.example/callback#x' must be an absolute URI without a fragment (RFC 6749 3.1.2)",
                            "clients[0].redirect-uris[2]: 'https://app example/' must be an absolute URI without a fragment (RFC 6749 3.1.2)");
        }

        @Test
        @DisplayName("Redirect URIs without authorization_code are a mistake")
        void redirectUrisWithoutCode() {
            assertThat(problemsAfter(p -> at(p, "clients", 2).put("redirect-uris", List.of(TAS_CLIENT + "/cb"))))
                    .containsExactly("clients[2].redirect-uris: is only used with the authorization_code grant type");
        }

        @Test
        @DisplayName("STS-39: allowed-resources must name configured resources")
        void allowedResourcesExist() {
            assertThat(problemsAfter(p -> list(p, "clients", 0, "allowed-resources").add("https://api-x.domain-a.example")))
                    .containsExactly("clients[0].allowed-resources[1]: 'https://api-x.domain-a.example' is not a configured resource (an id or alias in resources; STS-39)");
        }

        @Test
        @DisplayName("STS-39: an alias in allowed-resources is stored as the resource id")
        void allowedResourceAlias() {
            assertThat(parsedAfter(p -> at(p, "clients", 0).put("allowed-resources",
                    List.of("https://legacy-api-b.domain-a.example", API_B))).clients().get(0).allowedResources())
                    .containsExactly(API_B);
        }

        @Test
        @DisplayName("STS-39, STS-66: a client with token-exchange but no targets can exchange towards nothing")
        void exchangeTowardsNothing() {
            assertThat(problemsAfter(p -> {
                at(p, "clients", 1).remove("allowed-resources");
                at(p, "clients", 1).put("cross-domain-peers", Map.of());
            })).containsExactly("clients[1]: has the token-exchange grant type but can exchange towards nothing: list allowed-resources or cross-domain-peers (STS-39, STS-66)");
        }

        @Test
        @DisplayName("A client with only cross-domain peers may exchange")
        void exchangeCrossDomainOnly() {
            assertThat(parsedAfter(p -> at(p, "clients", 1).remove("allowed-resources")).clients().get(1)
                    .allowedResources()).isEmpty();
        }

        @Test
        @DisplayName("STS-02: cross-domain-peers must name configured target peers")
        void crossDomainPeersExist() {
            assertThat(problemsAfter(p -> list(p, "clients", 1, "cross-domain-peers").add(PEER_E + "/other")))
                    .containsExactly("clients[1].cross-domain-peers[1]: 'https://as.domain-e.example/other' is not a configured target peer (target-peers[].issuer; STS-02)");
        }

        @Test
        @DisplayName("STS-03: the client id at a peer is an https URL too")
        void crossDomainClientId() {
            assertThat(problemsAfter(p -> at(p, "clients", 0).put("cross-domain-peers", Map.of(PEER_B, "app-at-b"))))
                    .containsExactly("clients[0].cross-domain-peers[\"https://as.domain-b.example/domain-b\"]: 'app-at-b' is not an https URL (Profile 2.2.1)");
            assertThat(problemsAfter(p -> at(p, "clients", 0).put("cross-domain-peers", Map.of(PEER_B, true))))
                    .containsExactly("clients[0].cross-domain-peers[\"https://as.domain-b.example/domain-b\"]: must be the client id at that peer (a string), not a boolean");
            assertThat(problemsAfter(p -> at(p, "clients", 0).put("cross-domain-peers", PEER_B)))
                    .containsExactly("clients[0].cross-domain-peers: must be an object (peer issuer → client id there) or an array of peer issuers, not a string");
        }

        @Test
        @DisplayName("cross-domain-peers without token-exchange is a mistake")
        void crossDomainWithoutExchange() {
            assertThat(problemsAfter(p -> at(p, "clients", 2).put("cross-domain-peers", List.of(PEER_E))))
                    .containsExactly("clients[2].cross-domain-peers: is only used with the token-exchange grant type");
        }

        @Test
        @DisplayName("RFC 6749 3.3: allowed scopes are scope values")
        void allowedScopesSyntax() {
            assertThat(problemsAfter(p -> at(p, "clients", 0).put("allowed-scopes", List.of("a-read a-write", "b\"x", ""))))
                    .containsExactly(
                            "clients[0].allowed-scopes[0]: 'a-read a-write' is not a scope value (RFC 6749 3.3: printable ASCII without spaces, '\"' or '\\')",
                            "clients[0].allowed-scopes[1]: 'b\"x' is not a scope value (RFC 6749 3.3: printable ASCII without spaces, '\"' or '\\')",
                            "clients[0].allowed-scopes[2]: must not be empty");
        }

        @Test
        @DisplayName("RS-47, A-02: a client's resource-id is an https URL, owned by one client")
        void resourceId() {
            assertThat(problemsAfter(p -> at(p, "clients", 1).put("resource-id", "http://api-a.domain-a.example")))
                    .containsExactly("clients[1].resource-id: the resource identifier 'http://api-a.domain-a.example' must use https (RS-47, Profile 4.3)");
            assertThat(problemsAfter(p -> at(p, "clients", 2).put("resource-id", API_A))).containsExactly(
                    "clients[2].resource-id: 'https://api-a.domain-a.example' is already the resource id of clients[1].resource-id");
        }
    }

    // ---------------------------------------------------------------- resources

    @Nested
    @DisplayName("Resources")
    class Resources {

        @Test
        @DisplayName("RS-47: a resource id is an https URL without a fragment")
        void resourceIdForm() {
            // The references to the old id fail too: the lists show what depends on the value.
            assertThat(problemsAfter(p -> at(p, "resources", 0).put("id", "api-a"))).containsExactly(
                    "resources[0].id: the resource identifier 'api-a' must use https (RS-47, Profile 4.3)",
                    "clients[0].allowed-resources[0]: 'https://api-a.domain-a.example' is not a configured resource (an id or alias in resources; STS-39)");
            assertThat(problemsAfter(p -> at(p, "resources", 1).put("id", API_B + "#x"))).containsExactly(
                    "resources[1].id: the resource identifier 'https://api-b.domain-a.example#x' must not have a fragment (RS-47, Profile 4.3)");
        }

        @Test
        @DisplayName("RS-48: a resource id with a query is logged as a warning, not refused")
        void resourceIdQueryWarns() {
            try (LogCapture logs = new LogCapture()) {
                TenantPolicy policy = PolicyFile.parse("domain-a",
                        "{ \"resources\": [ { \"id\": \"https://api.example/?v=1\" } ] }", BASE);
                assertThat(policy.resources()).extracting(ResourcePolicy::id).containsExactly("https://api.example/?v=1");
                assertThat(logs.all()).contains("resources[0].id: The resource identifier 'https://api.example/?v=1' has a query");
            }
        }

        @Test
        @DisplayName("A resource id is required")
        void idRequired() {
            assertThat(problemsAfter(p -> at(p, "resources", 0).remove("id"))).containsExactly(
                    "resources[0].id: is required",
                    "clients[0].allowed-resources[0]: 'https://api-a.domain-a.example' is not a configured resource (an id or alias in resources; STS-39)");
        }

        @Test
        @DisplayName("Resource ids and aliases are unique across resources")
        void duplicateIdsAndAliases() {
            assertThat(problemsAfter(p -> at(p, "resources", 1).put("id", API_A)))
                    .containsExactly("resources[1].id: 'https://api-a.domain-a.example' is already used by resources[0].id");
            assertThat(problemsAfter(p -> at(p, "resources", 0).put("aliases", List.of("api-b"))))
                    .containsExactly("resources[1].aliases[0]: 'api-b' is already used by resources[0].aliases[0]");
            assertThat(problemsAfter(p -> list(p, "resources", 1, "aliases").add(API_A)))
                    .containsExactly("resources[1].aliases[2]: 'https://api-a.domain-a.example' is already used by resources[0].id");
        }

        @Test
        @DisplayName("GEN-87, A-40: an alias is an https URL or a plain name")
        void aliasForm() {
            assertThat(problemsAfter(p -> list(p, "resources", 1, "aliases").addAll(List.of("api b", "http://api-b.example"))))
                    .containsExactly(
                            "resources[1].aliases[2]: 'api b' is neither an https URL nor a name of printable characters without spaces (RFC 7519 StringOrURI)",
                            "resources[1].aliases[3]: the resource identifier 'http://api-b.example' must use https (RS-47, Profile 4.3)");
        }

        @Test
        @DisplayName("GEN-106: dpop is required, optional or unsupported")
        void dpopValues() {
            assertThat(problemsAfter(p -> at(p, "resources", 1).put("dpop", "Required"))).containsExactly(
                    "resources[1].dpop: must be one of required, optional, unsupported, not 'Required' (GEN-106)");
            assertThat(parsedAfter(p -> at(p, "resources", 1).put("dpop", "unsupported")).resources().get(1).dpop())
                    .isEqualTo(DpopRequirement.UNSUPPORTED);
        }

        @Test
        @DisplayName("A-15: identity-claims cannot name registered claims")
        void identityClaimsNotRegistered() {
            assertThat(problemsAfter(p -> at(p, "resources", 1).put("identity-claims",
                    List.of("email", "sub", "client_id", "auth_time")))).containsExactly(
                    "resources[1].identity-claims[1]: 'sub' is a registered claim the server sets itself; list user identity claims only (A-15)",
                    "resources[1].identity-claims[2]: 'client_id' is a registered claim the server sets itself; list user identity claims only (A-15)");
        }

        @Test
        @DisplayName("RFC 6749 3.3: resource scopes are scope values")
        void scopesSyntax() {
            assertThat(problemsAfter(p -> at(p, "resources", 0).put("scopes", List.of("a-read", "a\\write"))))
                    .containsExactly("resources[0].scopes[1]: 'a\\write' is not a scope value (RFC 6749 3.3: printable ASCII without spaces, '\"' or '\\')");
        }
    }

    // ---------------------------------------------------------------- peers

    @Nested
    @DisplayName("Trusted issuers and target peers")
    class Peers {

        @Test
        @DisplayName("TAS-02, GEN-42: a trusted issuer is an https URL without query or fragment")
        void trustedIssuerForm() {
            assertThat(problemsAfter(p -> at(p, "trusted-issuers", 1).put("issuer", ISSUER_D + "?tenant=d")))
                    .containsExactly("trusted-issuers[1].issuer: the issuer identifier 'https://as.domain-d.example?tenant=d' must not have a query (GEN-42, Profile 3.1.1.1)");
        }

        @Test
        @DisplayName("TAS-02: a trusted issuer is configured once, with its keys")
        void trustedIssuerOnceWithKeys() {
            assertThat(problemsAfter(p -> at(p, "trusted-issuers", 1).put("issuer", ISSUER_C))).containsExactly(
                    "trusted-issuers[1].issuer: 'https://as.domain-c.example/domain-c' is already configured at trusted-issuers[0].issuer");
            assertThat(problemsAfter(p -> at(p, "trusted-issuers", 1).remove("jwks-uri"))).containsExactly(
                    "trusted-issuers[1]: needs its public keys: 'jwks' or 'jwks-uri' (Profile 8.3.1)");
            assertThat(problemsAfter(p -> at(p, "trusted-issuers", 1).remove("issuer")))
                    .containsExactly("trusted-issuers[1].issuer: is required");
        }

        @Test
        @DisplayName("TAS-22, A-32: a trusted issuer cannot accept the types of other JWTs")
        void acceptedTypes() {
            assertThat(problemsAfter(p -> at(p, "trusted-issuers", 0).put("accepted-types",
                    List.of("at+jwt", "application/dpop+jwt", "Client-Authentication+JWT", "JWT")))).containsExactly(
                    "trusted-issuers[0].accepted-types[0]: 'at+jwt' is the type of another kind of JWT; a JWT authorization grant must never carry it (A-32)",
                    "trusted-issuers[0].accepted-types[1]: 'application/dpop+jwt' is the type of another kind of JWT; a JWT authorization grant must never carry it (A-32)",
                    "trusted-issuers[0].accepted-types[2]: 'Client-Authentication+JWT' is the type of another kind of JWT; a JWT authorization grant must never carry it (A-32)");
        }

        @Test
        @DisplayName("GEN-115: scope maps map scope values to arrays of scope values")
        void scopeMaps() {
            assertThat(problemsAfter(p -> at(p, "trusted-issuers", 0).put("scope-map",
                    Map.of("c-read", "a-read")))).containsExactly(
                    "trusted-issuers[0].scope-map[\"c-read\"]: must be an array of scope values, not a string");
            assertThat(problemsAfter(p -> at(p, "target-peers", 0).put("scope-map",
                    Map.of("a read", List.of("b-api-read"))))).containsExactly(
                    "target-peers[0].scope-map[\"a read\"]: 'a read' is not a scope value (RFC 6749 3.3: printable ASCII without spaces, '\"' or '\\')");
            assertThat(problemsAfter(p -> at(p, "target-peers", 0).put("scope-map",
                    Map.of("a-read", List.of("b api read"))))).containsExactly(
                    "target-peers[0].scope-map[\"a-read\"][0]: 'b api read' is not a scope value (RFC 6749 3.3: printable ASCII without spaces, '\"' or '\\')");
        }

        @Test
        @DisplayName("TAS-28: a subject map maps subjects to non-empty strings")
        void subjectMap() {
            assertThat(problemsAfter(p -> at(p, "trusted-issuers", 0).put("subject-map", Map.of("c-user-1", 1))))
                    .containsExactly("trusted-issuers[0].subject-map[\"c-user-1\"]: must be a string, not a whole number");
        }

        @Test
        @DisplayName("STS-02, GEN-42: a target peer is an https issuer, configured once")
        void targetPeerIssuer() {
            assertThat(problemsAfter(p -> at(p, "target-peers", 1).put("issuer", "http://as.domain-e.example")))
                    .containsExactly("target-peers[1].issuer: the issuer identifier 'http://as.domain-e.example' must use https (GEN-42, Profile 3.1.1.1)");
            assertThat(problemsAfter(p -> at(p, "target-peers", 1).put("issuer", PEER_B))).containsExactly(
                    "target-peers[1].issuer: 'https://as.domain-b.example/domain-b' is already configured at target-peers[0].issuer");
        }

        @Test
        @DisplayName("STS-93, A-32: a peer's grant type cannot be the type of another JWT (case-insensitive)")
        void peerGrantType() {
            assertThat(problemsAfter(p -> at(p, "target-peers", 0).put("grant-type", "application/AT+JWT")))
                    .containsExactly("target-peers[0].grant-type: 'application/AT+JWT' is the type of another kind of JWT; a JWT authorization grant must never carry it (A-32)");
            assertThat(problemsAfter(p -> at(p, "target-peers", 0).put("grant-type", "dpop+jwt")))
                    .containsExactly("target-peers[0].grant-type: 'dpop+jwt' is the type of another kind of JWT; a JWT authorization grant must never carry it (A-32)");
            assertThat(parsedAfter(p -> at(p, "target-peers", 0).put("grant-type", "grant+jwt")).targetPeers().get(0)
                    .grantType()).isEqualTo("grant+jwt");
        }

        @Test
        @DisplayName("STS-79, A-09: token-endpoint-audience needs the peer's token endpoint, an https URL")
        void tokenEndpointAudience() {
            assertThat(problemsAfter(p -> at(p, "target-peers", 0).remove("token-endpoint"))).containsExactly(
                    "target-peers[0].token-endpoint-audience: needs the peer's 'token-endpoint' (STS-79, A-09)");
            assertThat(problemsAfter(p -> at(p, "target-peers", 0).put("token-endpoint", "http://as.domain-b.example/token")))
                    .containsExactly("target-peers[0].token-endpoint: 'http://as.domain-b.example/token' is not an https URL with a host");
        }
    }

    // ---------------------------------------------------------------- users

    @Nested
    @DisplayName("Users")
    class Users {

        @Test
        @DisplayName("GEN-79: a user sub equal to a client id is refused")
        void subEqualsClientId() {
            assertThat(problemsAfter(p -> at(p, "users", 1).put("sub", TAS_CLIENT))).containsExactly(
                    "users[1].sub: 'https://tas-client.domain-c.example' equals the identifier at clients[2].client-id; user subjects and client or resource identifiers must not overlap (GEN-79)");
        }

        @Test
        @DisplayName("GEN-79: a user sub equal to a resource id or alias is refused")
        void subEqualsResource() {
            assertThat(problemsAfter(p -> at(p, "users", 1).put("sub", "api-b"))).containsExactly(
                    "users[1].sub: 'api-b' equals the identifier at resources[1].aliases[0]; user subjects and client or resource identifiers must not overlap (GEN-79)");
            assertThat(problemsAfter(p -> at(p, "users", 1).put("sub", API_B))).containsExactly(
                    "users[1].sub: 'https://api-b.domain-a.example' equals the identifier at resources[1].id; user subjects and client or resource identifiers must not overlap (GEN-79)");
        }

        @Test
        @DisplayName("GEN-79: a user sub that is an absolute URI is refused")
        void subAbsoluteUri() {
            assertThat(problemsAfter(p -> at(p, "users", 1).put("sub", "urn:uuid:0b9e8d4e-user"))).containsExactly(
                    "users[1].sub: 'urn:uuid:0b9e8d4e-user' is an absolute URI, which a client or resource identifier could equal; use an opaque value without a scheme (GEN-79)");
        }

        @Test
        @DisplayName("Usernames and subs are unique")
        void duplicates() {
            assertThat(problemsAfter(p -> at(p, "users", 1).put("username", "alice"))).containsExactly(
                    "users[1].username: 'alice' is already used by users[0].username");
            assertThat(problemsAfter(p -> at(p, "users", 1).put("sub", "u-8f3a2c"))).containsExactly(
                    "users[1].sub: 'u-8f3a2c' is already the sub of users[0].sub");
        }

        @Test
        @DisplayName("A user needs a username, a non-empty password and a sub")
        void requiredMembers() {
            assertThat(problemsAfter(p -> {
                at(p, "users", 1).remove("username");
                at(p, "users", 1).put("password", "");
                at(p, "users", 1).remove("sub");
            })).containsExactly(
                    "users[1].username: is required",
                    "users[1].password: must not be empty",
                    "users[1].sub: is required");
            assertThat(problemsAfter(p -> at(p, "users", 1).remove("password")))
                    .containsExactly("users[1].password: is required");
        }

        @Test
        @DisplayName("A-15: a user's claims are identity claims, not registered or authentication claims")
        void claims() {
            assertThat(problemsAfter(p -> {
                at(p, "users", 0, "claims").put("sub", "x");
                at(p, "users", 0, "claims").put("acr", "x");
                at(p, "users", 0, "claims").put("nickname", null);
            })).containsExactly(
                    "users[0].claims[\"sub\"]: is a claim the server sets itself; a user's claims are identity claims only (A-15)",
                    "users[0].claims[\"acr\"]: is a claim the server sets itself; a user's claims are identity claims only (use the user's 'acr' key) (A-15)",
                    "users[0].claims[\"nickname\"]: must not be null; leave the claim out instead");
        }

        @Test
        @DisplayName("A-39, STS-41: entitlements are scope values")
        void entitlements() {
            assertThat(problemsAfter(p -> at(p, "users", 0).put("entitlements", List.of("a read"))))
                    .containsExactly("users[0].entitlements[0]: 'a read' is not a scope value (RFC 6749 3.3: printable ASCII without spaces, '\"' or '\\')");
        }

        @Test
        @DisplayName("Passwords never appear in problems, whatever is wrong around them")
        void passwordsNeverEchoed() {
            Map<String, Object> p = valid();
            at(p, "users", 0).put("sub", APP);
            Map<String, Object> bob = at(p, "users", 1);
            bob.put("username", "alice");
            bob.put("password", ALICE_PASSWORD);
            bob.put("passwd", ALICE_PASSWORD);
            List<Object> users = list(p, "users");
            users.add(new LinkedHashMap<>(Map.of("username", "carol", "password", List.of(ALICE_PASSWORD), "sub", "u-c")));
            users.add(new LinkedHashMap<>(Map.of("username", "dave", "password", Map.of("value", ALICE_PASSWORD), "sub", "u-d")));
            PolicyException e = catchThrowableOfType(PolicyException.class, () -> parse(p));
            assertThat(e.problems()).contains(
                    "users[1]: unknown key 'passwd' (did you mean 'password'?)",
                    "users[2].password: must be a string, not an array",
                    "users[3].password: must be a string, not an object");
            assertThat(e.getMessage()).doesNotContain(ALICE_PASSWORD);

            String broken = VALID.replace("\"password\": \"" + ALICE_PASSWORD + "\"",
                    "\"password\": \"" + ALICE_PASSWORD + "\" \"" + ALICE_PASSWORD + "\"");
            assertThat(broken).isNotEqualTo(VALID);
            assertThat(failure(broken).getMessage()).doesNotContain(ALICE_PASSWORD);
            String unterminated = VALID.replace("\"password\": \"" + ALICE_PASSWORD + "\"",
                    "\"password\": " + ALICE_PASSWORD);
            assertThat(failure(unterminated).getMessage()).doesNotContain(ALICE_PASSWORD);
        }
    }

    // ---------------------------------------------------------------- files

    @Nested
    @DisplayName("Reading files")
    class Reading {

        @Test
        @DisplayName("The tenant name is the file name; relative paths resolve against the file's directory")
        void read(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("domain-a.json");
            Files.writeString(file, VALID, StandardCharsets.UTF_8);
            TenantPolicy policy = PolicyFile.read(file);
            assertThat(policy.name()).isEqualTo("domain-a");
            assertThat(policy.signingKeys().file()).isEqualTo(dir.toAbsolutePath().resolve("keys/domain-a.jwks"));
            assertThat(policy.clients()).hasSize(3);
        }

        @Test
        @DisplayName("A file not named *.json is refused")
        void notJsonName(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("domain-a.yaml");
            Files.writeString(file, "{}");
            assertThat(catchThrowableOfType(PolicyException.class, () -> PolicyFile.read(file)).problems())
                    .containsExactly("file name: 'domain-a.yaml' must end in .json (the tenant name is the file name without it)");
        }

        @Test
        @DisplayName("A missing or non-UTF-8 file is a problem, not an IOException")
        void unreadable(@TempDir Path dir) throws Exception {
            Path missing = dir.resolve("missing.json");
            assertThat(catchThrowableOfType(PolicyException.class, () -> PolicyFile.read(missing)).problems())
                    .containsExactly("policy: '" + missing + "' cannot be read (NoSuchFileException)");
            Path latin1 = dir.resolve("latin.json");
            Files.write(latin1, "{ \"users\": [ { \"username\": \"\u00e5sa\" } ] }".getBytes(StandardCharsets.ISO_8859_1));
            PolicyException e = catchThrowableOfType(PolicyException.class, () -> PolicyFile.read(latin1));
            assertThat(e.tenant()).isEqualTo("latin");
            assertThat(e.problems()).containsExactly("policy: '" + latin1 + "' is not UTF-8 text");
        }

        @Test
        @DisplayName("A file's problems name its tenant")
        void problemsNameTenant(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("domain-b.json");
            Files.writeString(file, "{ \"dpop-nonces\": \"yes\" }");
            assertThatThrownBy(() -> PolicyFile.read(file)).isInstanceOf(PolicyException.class)
                    .hasMessage("The policy of tenant 'domain-b' is invalid:\n  dpop-nonces: must be true or false, not a string");
        }
    }

    // ---------------------------------------------------------------- README.md

    @Nested
    @DisplayName("README.md policy documentation")
    class Documentation {

        /** Surefire runs in the module directory. */
        private final Path doc = Path.of("README.md");

        private String text() throws Exception {
            return Files.readString(doc, StandardCharsets.UTF_8);
        }

        /** The first ```json block of README.md (its policy example). */
        private String example() throws Exception {
            String text = text();
            int start = text.indexOf("```json\n");
            assertThat(start).as("README.md has a ```json block").isNotNegative();
            int end = text.indexOf("\n```", start + 8);
            return text.substring(start + "```json\n".length(), end + 1);
        }

        @Test
        @DisplayName("The example policy parses without problems")
        void exampleParses() throws Exception {
            TenantPolicy policy = PolicyFile.parse("domain-a", example(), doc.toAbsolutePath().getParent());
            assertThat(policy.clients()).hasSize(3);
            assertThat(policy.resources()).hasSize(2);
            assertThat(policy.trustedIssuers()).hasSize(2);
            assertThat(policy.targetPeers()).hasSize(1);
            assertThat(policy.users()).hasSize(1);
            assertThat(policy.signingKeys().file())
                    .isEqualTo(doc.toAbsolutePath().getParent().resolve("keys/domain-a-signing.jwks"));
        }

        @Test
        @DisplayName("The example uses every key the parser knows")
        void exampleIsComplete() throws Exception {
            Map<String, Object> example = JsonUtil.parseJson(example());
            assertThat(example.keySet()).containsExactlyInAnyOrderElementsOf(PolicyFile.TOP_LEVEL_KEYS);
            assertThat(at(example, "signing-keys").keySet()).containsExactlyInAnyOrderElementsOf(PolicyFile.SIGNING_KEYS_KEYS);
            assertThat(at(example, "lifetimes").keySet()).containsExactlyInAnyOrderElementsOf(PolicyFile.LIFETIMES_KEYS);
            assertThat(keysOf(example, "clients")).containsExactlyInAnyOrderElementsOf(PolicyFile.CLIENT_KEYS);
            assertThat(keysOf(example, "resources")).containsExactlyInAnyOrderElementsOf(PolicyFile.RESOURCE_KEYS);
            assertThat(keysOf(example, "trusted-issuers")).containsExactlyInAnyOrderElementsOf(PolicyFile.TRUSTED_ISSUER_KEYS);
            assertThat(keysOf(example, "target-peers")).containsExactlyInAnyOrderElementsOf(PolicyFile.TARGET_PEER_KEYS);
            assertThat(keysOf(example, "users")).containsExactlyInAnyOrderElementsOf(PolicyFile.USER_KEYS);
        }

        private Set<String> keysOf(Map<String, Object> root, String array) {
            Set<String> keys = new HashSet<>();
            for (Object entry : list(root, array)) {
                keys.addAll(((Map<?, ?>) entry).keySet().stream().map(String::valueOf).toList());
            }
            return keys;
        }

        @Test
        @DisplayName("Every key the parser knows has a table row, and every table row is a key the parser knows")
        void tablesMatchParser() throws Exception {
            Set<String> known = new HashSet<>();
            for (List<String> keys : List.of(PolicyFile.TOP_LEVEL_KEYS, PolicyFile.SIGNING_KEYS_KEYS,
                    PolicyFile.LIFETIMES_KEYS, PolicyFile.CLIENT_KEYS, PolicyFile.RESOURCE_KEYS,
                    PolicyFile.TRUSTED_ISSUER_KEYS, PolicyFile.TARGET_PEER_KEYS, PolicyFile.USER_KEYS)) {
                known.addAll(keys);
            }
            Set<String> documented = new HashSet<>();
            Matcher row = Pattern.compile("(?m)^\\| `([a-z-]+)` \\|").matcher(text());
            while (row.find()) {
                documented.add(row.group(1));
            }
            assertThat(documented).containsExactlyInAnyOrderElementsOf(known);
        }

        @Test
        @DisplayName("The example's demo password is marked as demo-only")
        void demoPasswordMarked() throws Exception {
            assertThat(JsonUtil.parseJson(example()).toString()).contains("DEMO-ONLY");
        }
    }
}
