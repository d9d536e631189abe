package org.enachain.sts.engine;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.enachain.core.Identifiers;
import org.enachain.core.OAuthError;
import org.enachain.core.dpop.DpopNonces;
import org.enachain.core.dpop.DpopProofVerifier;
import org.enachain.core.jose.AlgorithmPolicy;
import org.enachain.core.jose.JwksSource;
import org.enachain.core.jose.RemoteJwksSource;
import org.enachain.core.jose.SigningKey;
import org.enachain.core.jose.VerificationKeys;
import org.enachain.core.replay.InMemoryReplayStore;
import org.enachain.core.replay.ReplayStore;
import org.enachain.core.token.AccessTokenValidator;
import org.enachain.core.token.AuthorizationGrantValidator;
import org.enachain.core.token.ClientAssertionValidator;
import org.enachain.core.token.RegisteredClient;
import org.enachain.core.token.RegisteredClients;
import org.enachain.core.token.TrustedIssuer;
import org.enachain.sts.policy.ClientPolicy;
import org.enachain.sts.policy.DemoUser;
import org.enachain.sts.policy.GrantType;
import org.enachain.sts.policy.KeySource;
import org.enachain.sts.policy.ResourcePolicy;
import org.enachain.sts.policy.TargetPeerPolicy;
import org.enachain.sts.policy.TenantPolicy;
import org.enachain.sts.policy.TrustedIssuerPolicy;
import org.jose4j.json.JsonUtil;

/**
 * One issuer of enachain-sts, {@code {base}/{tenant}}, built once from its policy: validators,
 * stores and endpoints, all immutable or thread-safe. The web layer hands it requests.
 */
public final class Tenant {

    /** Capacity of each bounded in-memory store (codes, refresh tokens, revocations, pseudonyms). */
    public static final int DEFAULT_STORE_CAPACITY = 100_000;

    private final TenantPolicy policy;
    private final String issuer;
    private final TenantKeys keys;
    private final TokenEndpoint tokenEndpoint;
    private final Revocation revocation;
    private final AuthorizationEndpoint authorizationEndpoint;
    private final Pseudonyms pseudonyms;
    private final String metadataJson;

    private Tenant(Builder b) {
        this.policy = b.policy;
        this.issuer = b.issuer;
        requireSeparateNamespaces(policy);
        this.keys = new TenantKeys(b.signingKeys);
        for (ResourcePolicy r : policy.resources()) {
            r.signingAlgorithm().filter(alg -> !keys.has(alg)).ifPresent(alg -> {
                throw new IllegalArgumentException("The resource " + r.id() + " expects " + alg.jwaName()
                        + " but the tenant has no such signing key");
            });
        }
        URI tokenUri = URI.create(issuer + "/token");
        Clock clock = b.clock;
        ReplayStore replay = b.replayStore;

        Map<String, ClientPolicy> clients = new LinkedHashMap<>();
        List<RegisteredClient> registered = new ArrayList<>();
        for (ClientPolicy c : policy.clients()) {
            clients.put(c.clientId(), c);
            RegisteredClient rc = RegisteredClient.of(c.clientId(), b.keysOf(c.keys()));
            registered.add(c.legacyAssertionType() ? rc.acceptingLegacyAssertionType() : rc);
        }
        Map<String, DemoUser> users = new LinkedHashMap<>();
        policy.users().forEach(u -> users.put(u.username(), u));
        Map<String, TargetPeerPolicy> peers = new LinkedHashMap<>();
        policy.targetPeers().forEach(p -> peers.put(p.issuer(), p));
        Map<String, TrustedIssuerPolicy> trusted = new LinkedHashMap<>();
        policy.trustedIssuers().forEach(t -> trusted.put(t.issuer(), t));

        ClientAssertionValidator.Builder assertions = ClientAssertionValidator.builder(issuer)
                .clients(RegisteredClients.of(registered.toArray(RegisteredClient[]::new)))
                .replayStore(replay).maxLifetime(policy.lifetimes().clientAssertion())
                .clock(clock).leeway(policy.lifetimes().leeway());
        if (policy.acceptTokenEndpointAudience()) {
            assertions.acceptTokenEndpointAudience(tokenUri.toString());
        }
        DpopProofVerifier.Builder proofs = DpopProofVerifier.builder(DpopProofVerifier.Receiver.TOKEN_ENDPOINT)
                .replayStore(replay).clock(clock);
        Optional<DpopNonces> nonces = policy.dpopNonces()
                ? Optional.of(DpopNonces.withRandomKey(clock, DpopNonces.DEFAULT_LIFETIME)) : Optional.empty();
        nonces.ifPresent(proofs::requireNonces);
        DpopProofVerifier proofVerifier = proofs.build();

        Targets targets = new Targets(issuer, policy);
        List<String> audienceValues = List.copyOf(targets.allAudienceValues());
        AccessTokenValidator ownAccessTokens = AccessTokenValidator.builder()
                .trustedIssuer(TrustedIssuer.of(issuer, keys.verificationKeys()))
                .audience(audienceValues.get(0), audienceValues.subList(1, audienceValues.size()).toArray(String[]::new))
                .rejectWith(OAuthError.INVALID_REQUEST, 400)
                .clock(clock).leeway(policy.lifetimes().leeway())
                .build();
        Optional<AuthorizationGrantValidator> grants = Optional.empty();
        if (!trusted.isEmpty()) {
            AuthorizationGrantValidator.Builder g = AuthorizationGrantValidator.builder(issuer)
                    .acceptTokenEndpointAudience(tokenUri.toString())
                    .maxLifetime(policy.lifetimes().receivedGrant())
                    .replayStore(replay).clock(clock).leeway(policy.lifetimes().leeway());
            for (TrustedIssuerPolicy t : trusted.values()) {
                g.trustedIssuer(t.issuer(), b.keysOf(t.keys()));
                t.acceptedTypes().forEach(g::acceptType);
            }
            grants = Optional.of(g.build());
        }

        TokenMinter minter = new TokenMinter(issuer, keys, clock);
        Audit audit = new Audit(policy.name());
        Authorizations authorizations = new Authorizations(b.storeCapacity, clock,
                policy.lifetimes().refreshToken().plus(policy.lifetimes().accessToken()));
        RefreshTokens refreshTokens = new RefreshTokens(b.storeCapacity, clock);
        this.pseudonyms = new Pseudonyms(b.pseudonymKey, b.storeCapacity, clock);
        AccessTokens accessTokens = new AccessTokens(minter, audit, policy.lifetimes().accessToken(),
                policy.sensitiveSubjects());
        SubjectTokens subjectTokens = new SubjectTokens(issuer, policy, ownAccessTokens, refreshTokens, authorizations,
                clock);
        TokenExchange exchange = new TokenExchange(Map.copyOf(peers), targets, subjectTokens, new ScopeRules(policy),
                accessTokens, minter, pseudonyms, audit, policy.lifetimes());
        JwtBearer jwtBearer = new JwtBearer(grants, Map.copyOf(trusted), targets, accessTokens, minter);
        UserGrants userGrants = new UserGrants(issuer, new ExpiringStore<>(b.storeCapacity, clock), refreshTokens,
                authorizations, targets, accessTokens, minter, policy.lifetimes(), policy.emitMayAct());
        ClientAuthentication clientAuthentication = new ClientAuthentication(assertions.build(), Map.copyOf(clients));
        this.tokenEndpoint = new TokenEndpoint(policy.name(), tokenUri, clientAuthentication, proofVerifier, nonces,
                exchange, jwtBearer, userGrants);
        this.revocation = new Revocation(clientAuthentication, tokenEndpoint, refreshTokens, ownAccessTokens,
                authorizations, audit);
        this.authorizationEndpoint = new AuthorizationEndpoint(issuer, policy.name(), Map.copyOf(clients),
                Map.copyOf(users), targets, userGrants, minter);
        this.metadataJson = metadata(targets, proofVerifier.algorithms());
    }

    public static Builder builder(TenantPolicy policy, String issuer) {
        return new Builder(policy, issuer);
    }

    public String name() {
        return policy.name();
    }

    public String issuer() {
        return issuer;
    }

    public TenantPolicy policy() {
        return policy;
    }

    /** {@code POST {issuer}/token}. */
    public EndpointResponse token(EndpointRequest request) {
        return tokenEndpoint.handle(request);
    }

    /** {@code POST {issuer}/revoke}. */
    public EndpointResponse revoke(EndpointRequest request) {
        return revocation.handle(request);
    }

    /** {@code {issuer}/authorize}, development only. */
    public AuthorizationEndpoint authorizationEndpoint() {
        return authorizationEndpoint;
    }

    /** The RFC 8414 metadata document (GEN-41 to GEN-57). */
    public String metadataJson() {
        return metadataJson;
    }

    /** The public JWK Set (GEN-48 to GEN-50). */
    public String jwksJson() {
        return keys.jwksJson();
    }

    /** The tenant's public keys, for a peer tenant on the same server that trusts this one. */
    public VerificationKeys verificationKeys() {
        return keys.verificationKeys();
    }

    /** Maps pseudonymous grant subjects back (STS-94). */
    public Pseudonyms pseudonyms() {
        return pseudonyms;
    }

    private String metadata(Targets targets, AlgorithmPolicy dpopAlgorithms) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", issuer);
        m.put("authorization_endpoint", issuer + "/authorize");
        m.put("token_endpoint", issuer + "/token");
        m.put("jwks_uri", issuer + "/jwks");
        m.put("revocation_endpoint", issuer + "/revoke");
        m.put("scopes_supported", List.copyOf(targets.allScopes()));
        m.put("response_types_supported", List.of("code"));
        m.put("grant_types_supported", supportedGrantTypes());
        m.put("token_endpoint_auth_methods_supported", List.of("private_key_jwt"));
        m.put("token_endpoint_auth_signing_alg_values_supported", AlgorithmPolicy.PROFILE.names());
        m.put("revocation_endpoint_auth_methods_supported", List.of("private_key_jwt"));
        m.put("revocation_endpoint_auth_signing_alg_values_supported", AlgorithmPolicy.PROFILE.names());
        m.put("code_challenge_methods_supported", List.of("S256"));
        m.put("dpop_signing_alg_values_supported", dpopAlgorithms.names());
        m.put("authorization_response_iss_parameter_supported", true);
        m.put("protected_resources", targets.resourceIds());
        return JsonUtil.toJson(m);
    }

    /**
     * No client identifier may be mistaken for a user (GEN-79, Profile 2.2.1): none equals a user's
     * subject, a subject the tenant maps grants to, or matches the pattern of sensitive subjects.
     */
    private static void requireSeparateNamespaces(TenantPolicy policy) {
        Set<String> subjects = new HashSet<>();
        policy.users().forEach(u -> subjects.add(u.subject()));
        policy.trustedIssuers().forEach(t -> subjects.addAll(t.subjectMap().values()));
        for (ClientPolicy c : policy.clients()) {
            boolean sensitive = policy.sensitiveSubjects().filter(p -> p.matcher(c.clientId()).matches()).isPresent();
            if (sensitive || subjects.contains(c.clientId())) {
                throw new IllegalArgumentException("The client identifier " + c.clientId() + " of tenant "
                        + policy.name() + " could be mistaken for a user's subject; client identifiers and subjects"
                        + " must stay apart (GEN-79)");
            }
        }
    }

    /**
     * The grant types this tenant really serves (GEN-53, RFC 8414 2): those some registered client may
     * use, and jwt-bearer only when an originating issuer is trusted (the TAS role).
     */
    private List<String> supportedGrantTypes() {
        List<String> supported = new ArrayList<>();
        for (GrantType g : GrantType.values()) {
            boolean used = policy.clients().stream().anyMatch(c -> c.mayUse(g));
            if (used && (g != GrantType.JWT_BEARER || !policy.trustedIssuers().isEmpty())) {
                supported.add(g.value());
            }
        }
        return supported;
    }

    @Override
    public String toString() {
        return "Tenant[" + issuer + "]";
    }

    /** Assembles a tenant; everything but the policy, issuer and keys has a default. */
    public static final class Builder {
        private final TenantPolicy policy;
        private final String issuer;
        private List<SigningKey> signingKeys;
        private byte[] pseudonymKey;
        private Clock clock = Clock.systemUTC();
        private ReplayStore replayStore;
        private int storeCapacity = DEFAULT_STORE_CAPACITY;
        private Function<URI, JwksSource> remoteKeys;

        private Builder(TenantPolicy policy, String issuer) {
            this.policy = Objects.requireNonNull(policy, "policy");
            Identifiers.checkIssuer(issuer);
            if (!issuer.endsWith("/" + policy.name())) {
                throw new IllegalArgumentException("The issuer of tenant " + policy.name() + " must end with /"
                        + policy.name());
            }
            this.issuer = issuer;
        }

        /** The signing keys, the default first (from the policy's key file). */
        public Builder signingKeys(List<SigningKey> keys) {
            this.signingKeys = List.copyOf(keys);
            return this;
        }

        /** The secret of the pseudonymous subjects (at least 32 bytes), stable across restarts. */
        public Builder pseudonymKey(byte[] key) {
            this.pseudonymKey = key.clone();
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The replay store for client assertions, DPoP proofs and JWT grants; shared by instances. */
        public Builder replayStore(ReplayStore store) {
            this.replayStore = Objects.requireNonNull(store, "store");
            return this;
        }

        public Builder storeCapacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("A store capacity must be positive");
            }
            this.storeCapacity = capacity;
            return this;
        }

        /** How a JWK Set URL of a client or trusted issuer becomes a key source (default: fetched and cached). */
        public Builder remoteKeys(Function<URI, JwksSource> factory) {
            this.remoteKeys = Objects.requireNonNull(factory, "factory");
            return this;
        }

        JwksSource keysOf(KeySource source) {
            if (source instanceof KeySource.Inline inline) {
                return VerificationKeys.fromJwks(inline.jwksJson());
            }
            URI uri = ((KeySource.Remote) source).jwksUri();
            return remoteKeys != null ? remoteKeys.apply(uri) : RemoteJwksSource.builder(uri).clock(clock).build();
        }

        public Tenant build() {
            if (signingKeys == null) {
                throw new IllegalStateException("A tenant needs its signing keys");
            }
            if (pseudonymKey == null) {
                throw new IllegalStateException("A tenant needs its pseudonym key");
            }
            if (replayStore == null) {
                replayStore = new InMemoryReplayStore(InMemoryReplayStore.DEFAULT_CAPACITY, clock);
            }
            return new Tenant(this);
        }
    }
}
