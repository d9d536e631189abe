package org.enachain.core.client;

import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.enachain.core.Identifiers;
import org.enachain.core.dpop.DpopProofFactory;
import org.enachain.core.jose.SigningKey;
import org.jose4j.jwt.JwtClaims;

/**
 * Who a client is at one authorization server: its client identifier there (which may differ
 * between domains, CL-08, CL-44), the key it signs {@code private_key_jwt} client assertions with
 * (Profile 8.3.1), and the key it proves possession of with DPoP, if it uses DPoP.
 *
 * <p>Client assertions follow Profile 8.3.1: {@code typ client-authentication+jwt} (CL-07), {@code kid}
 * (CL-05, CL-06), {@code iss} = {@code sub} = the client identifier (CL-08), {@code aud} = the AS
 * issuer as one string (CL-09), a fresh random {@code jti} (CL-10), and a lifetime of 60 s by default
 * (CL-11). The legacy variants of are options, off by default, for servers that need them.
 *
 * <p>Immutable configuration; the DPoP proof factory it holds remembers server nonces (thread-safe).
 */
public final class ClientIdentity {

    private static final System.Logger LOG = System.getLogger(ClientIdentity.class.getName());

    public static final Duration DEFAULT_ASSERTION_LIFETIME = Duration.ofSeconds(60);
    public static final Duration MAX_ASSERTION_LIFETIME = Duration.ofMinutes(5);
    public static final String ASSERTION_TYPE = "client-authentication+jwt";

    /** What the client assertion's {@code aud} holds. */
    public enum AssertionAudience {
        /** The AS's issuer identifier, as Profile 8.3.1 requires (the default). */
        ISSUER,
        /** The AS's token endpoint URL: a legacy option for servers that expect it. */
        TOKEN_ENDPOINT
    }

    private final String clientId;
    private final SigningKey assertionKey;
    private final DpopProofFactory dpop;
    private final AssertionAudience assertionAudience;
    private final String assertionType;
    private final Duration assertionLifetime;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    private ClientIdentity(Builder b) {
        this.clientId = b.clientId;
        this.assertionKey = b.assertionKey;
        this.dpop = b.dpopKey == null ? null : new DpopProofFactory(b.dpopKey, b.clock);
        this.assertionAudience = b.assertionAudience;
        this.assertionType = b.assertionType;
        this.assertionLifetime = b.assertionLifetime;
        this.clock = b.clock;
    }

    /**
     * @param clientId     the client identifier registered at this AS (an https URL is recommended, GEN-19/GEN-20)
     * @param assertionKey the key whose public half is registered for {@code private_key_jwt}
     */
    public static Builder builder(String clientId, SigningKey assertionKey) {
        return new Builder(clientId, assertionKey);
    }

    /** A fresh client assertion for a request to {@code as}. */
    public String newClientAssertion(AuthorizationServerMetadata as) {
        Instant now = clock.instant();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(clientId);
        claims.setSubject(clientId);
        claims.setClaim("aud", assertionAudience == AssertionAudience.ISSUER ? as.issuer() : as.tokenEndpoint().toString());
        claims.setClaim("iat", now.getEpochSecond());
        claims.setClaim("exp", now.plus(assertionLifetime).getEpochSecond());
        byte[] jti = new byte[16];
        random.nextBytes(jti);
        claims.setJwtId(Base64.getUrlEncoder().withoutPadding().encodeToString(jti));
        return assertionKey.sign(assertionType, SigningKey.HeaderKey.KEY_ID, claims.toJson());
    }

    /**
     * The client's registration metadata (RFC 7591 members) for this AS: {@code private_key_jwt} with
     * the assertion key's JWK Set, and {@code dpop_bound_access_tokens: true} when the client always
     * uses DPoP (CL-71).
     */
    public Map<String, Object> registrationMetadata() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("client_id", clientId);
        m.put("token_endpoint_auth_method", "private_key_jwt");
        m.put("token_endpoint_auth_signing_alg", assertionKey.algorithm().jwaName());
        m.put("jwks", Map.of("keys", List.of(assertionKey.publicJwk())));
        m.put("grant_types", List.of(TokenExchangeRequest.GRANT_TYPE, JwtBearerRequest.GRANT_TYPE));
        if (dpop != null) {
            m.put("dpop_bound_access_tokens", true);
        }
        return m;
    }

    public String clientId() {
        return clientId;
    }

    public SigningKey assertionKey() {
        return assertionKey;
    }

    /** The DPoP proof factory of this identity's DPoP key, when it uses DPoP. */
    public Optional<DpopProofFactory> dpop() {
        return Optional.ofNullable(dpop);
    }

    public AssertionAudience assertionAudience() {
        return assertionAudience;
    }

    @Override
    public String toString() {
        return "ClientIdentity[" + clientId + ", assertion key " + assertionKey.keyId()
                + (dpop == null ? "" : ", DPoP key " + dpop.thumbprint()) + "]";
    }

    public static final class Builder {
        private final String clientId;
        private final SigningKey assertionKey;
        private SigningKey dpopKey;
        private AssertionAudience assertionAudience = AssertionAudience.ISSUER;
        private String assertionType = ASSERTION_TYPE;
        private Duration assertionLifetime = DEFAULT_ASSERTION_LIFETIME;
        private Clock clock = Clock.systemUTC();

        private Builder(String clientId, SigningKey assertionKey) {
            Identifiers.checkClientId(clientId).ifPresent(w -> LOG.log(Level.WARNING, "ENAC4001W: {0}", w));
            this.clientId = clientId;
            this.assertionKey = Objects.requireNonNull(assertionKey, "assertionKey");
        }

        /** The key the client proves possession of with DPoP; tokens it obtains are bound to it. */
        public Builder dpopKey(SigningKey key) {
            this.dpopKey = Objects.requireNonNull(key, "key");
            return this;
        }

        /** A-07 legacy option: send the token endpoint URL as the assertion's {@code aud}. */
        public Builder assertionAudience(AssertionAudience audience) {
            this.assertionAudience = Objects.requireNonNull(audience, "audience");
            return this;
        }

        /** A-08 legacy option: type assertions {@code JWT} for a server that does not expect the profile's type. */
        public Builder legacyAssertionType() {
            this.assertionType = "JWT";
            return this;
        }

        /** How long an assertion is valid: default 60 s, at most 5 minutes (CL-11). */
        public Builder assertionLifetime(Duration lifetime) {
            if (lifetime == null || lifetime.isNegative() || lifetime.isZero()
                    || lifetime.compareTo(MAX_ASSERTION_LIFETIME) > 0) {
                throw new IllegalArgumentException("The client assertion lifetime must be positive and at most "
                        + MAX_ASSERTION_LIFETIME.toSeconds() + " s, but is " + lifetime);
            }
            this.assertionLifetime = lifetime;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public ClientIdentity build() {
            if (assertionAudience == AssertionAudience.TOKEN_ENDPOINT) {
                LOG.log(Level.WARNING, "ENAC4002W: Client {0} sends the token endpoint as client assertion aud"
                        + " (A-07 legacy option)", clientId);
            }
            if (!assertionType.equals(ASSERTION_TYPE)) {
                LOG.log(Level.WARNING, "ENAC4003W: Client {0} types its client assertions JWT (A-08 legacy option)",
                        clientId);
            }
            return new ClientIdentity(this);
        }
    }
}
