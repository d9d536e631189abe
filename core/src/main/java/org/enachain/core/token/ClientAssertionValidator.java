package org.enachain.core.token;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.enachain.core.OAuthError;
import org.enachain.core.Reason;
import org.enachain.core.Rejection;
import org.enachain.core.ValidationResult;
import org.enachain.core.jose.AlgorithmPolicy;
import org.enachain.core.jose.JwsAlgorithm;
import org.enachain.core.replay.ReplayKey;
import org.enachain.core.replay.ReplayStore;
import org.jose4j.jwt.JwtClaims;

/**
 * Authenticates a client by its {@code private_key_jwt} assertion, as an authorization server must
 * (Profile 8.3.1, RFC 7523 3; GEN-66 to GEN-73). Every failure is {@code invalid_client} (HTTP 401).
 * The order:
 * <ol>
 * <li>size and compact structure; no {@code crit};</li>
 * <li>{@code typ} {@code client-authentication+jwt} (GEN-68; {@code JWT} or none only under a
 * client's A-08 legacy exception);</li>
 * <li>{@code alg} on the allow-list;</li>
 * <li>{@code iss} and {@code sub} both equal to the {@code client_id} parameter (GEN-69), of a
 * registered client;</li>
 * <li>signature by one of that client's registered keys (GEN-67);</li>
 * <li>{@code aud}: this server's issuer as the only value (GEN-70; the token endpoint URL instead
 * only under the A-07 legacy option);</li>
 * <li>{@code exp} present and not passed, {@code nbf}, {@code iat}, and a lifetime no longer than
 * the enforced maximum (GEN-72, GEN-73);</li>
 * <li>{@code jti} present and, last, never seen before (GEN-71).</li>
 * </ol>
 * Immutable and thread-safe.
 */
public final class ClientAssertionValidator {

    private static final System.Logger LOG = System.getLogger(ClientAssertionValidator.class.getName());

    public static final String TYPE = "client-authentication+jwt";
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofMinutes(5);
    public static final int DEFAULT_MAX_LENGTH = 8 * 1024;

    private static final List<String> PROFILE_TYPE = List.of(TYPE);
    private static final List<String> LEGACY_TYPE = List.of("jwt");
    private static final OAuthError ERROR = OAuthError.INVALID_CLIENT;
    private static final int STATUS = 401;

    private final String issuer;
    private final String legacyTokenEndpointAudience;
    private final RegisteredClients clients;
    private final AlgorithmPolicy algorithms;
    private final TimeRules time;
    private final Duration maxLifetime;
    private final ReplayStore replayStore;
    private final int maxLength;

    private ClientAssertionValidator(Builder b) {
        this.issuer = b.issuer;
        this.legacyTokenEndpointAudience = b.legacyTokenEndpointAudience;
        this.clients = b.clients;
        this.algorithms = b.algorithms;
        this.time = b.time;
        this.maxLifetime = b.maxLifetime;
        this.replayStore = b.replayStore;
        this.maxLength = b.maxLength;
    }

    /** @param issuer this authorization server's issuer identifier, the assertions' required {@code aud} */
    public static Builder builder(String issuer) {
        return new Builder(issuer);
    }

    /**
     * Authenticates the client.
     *
     * @param assertion         the {@code client_assertion} parameter
     * @param clientIdParameter the {@code client_id} parameter of the same request
     */
    public ValidationResult<ClientAssertion> validate(String assertion, String clientIdParameter) {
        try {
            return ValidationResult.accepted(check(assertion, clientIdParameter));
        } catch (JwtRejectedException e) {
            return ValidationResult.rejected(Rejection.of(e.reason(), e.description(), ERROR, STATUS));
        }
    }

    private ClientAssertion check(String assertion, String clientIdParameter) throws JwtRejectedException {
        SignedJwt jwt = SignedJwt.parse(assertion, maxLength);
        jwt.requireNoCriticalHeader();
        boolean profileType = jwt.typeIsOneOf(PROFILE_TYPE);
        boolean legacyType = !profileType && (jwt.type() == null || jwt.typeIsOneOf(LEGACY_TYPE));
        if (!profileType && !legacyType) {
            throw new JwtRejectedException(Reason.WRONG_TYPE, "The client assertion's typ is not " + TYPE);
        }
        JwsAlgorithm algorithm = jwt.requireAlgorithm(algorithms);

        JwtClaims claims = jwt.claims();
        String iss = Claims.requiredString(claims, "iss");
        String sub = Claims.requiredString(claims, "sub");
        if (clientIdParameter == null || !iss.equals(clientIdParameter) || !sub.equals(clientIdParameter)) {
            throw new JwtRejectedException(Reason.CLIENT_MISMATCH,
                    "The client assertion's iss and sub must both equal the client_id parameter");
        }
        RegisteredClient client = clients.find(iss).orElseThrow(() -> new JwtRejectedException(Reason.UNKNOWN_CLIENT));
        if (legacyType && !client.acceptsLegacyAssertionType()) {
            throw new JwtRejectedException(Reason.WRONG_TYPE, "The client assertion's typ is not " + TYPE);
        }
        jwt.verify(client.keys(), algorithm);

        List<String> audience = Claims.audience(claims);
        if (audience.size() != 1) {
            throw new JwtRejectedException(Reason.WRONG_AUDIENCE,
                    "The client assertion's aud must be this server's issuer as its only value");
        }
        String aud = audience.get(0);
        if (!aud.equals(issuer) && !aud.equals(legacyTokenEndpointAudience)) {
            throw new JwtRejectedException(Reason.WRONG_AUDIENCE, "The client assertion's aud is not this server's issuer");
        }

        Instant now = time.now();
        Instant exp = Claims.requiredTime(claims, "exp");
        time.requireNotExpired(exp, now);
        time.requireNotBefore(Claims.optionalTime(claims, "nbf"), now);
        Instant iat = Claims.optionalTime(claims, "iat");
        time.requireIssuedAtNotInFuture(iat, now);
        time.requireLifetimeAtMost(maxLifetime, iat != null ? iat : now, exp, "The client assertion");

        String jti = Claims.requiredString(claims, "jti");
        if (replayStore != null) {
            JwtRejectedException.requireFirstUse(replayStore.useOnce(ReplayKey.of("client-assertion", iss, jti),
                    exp.plus(time.leeway())), "The client assertion has already been used");
        }
        return new ClientAssertion(iss, jti, exp);
    }

    public String issuer() {
        return issuer;
    }

    public Optional<String> legacyTokenEndpointAudience() {
        return Optional.ofNullable(legacyTokenEndpointAudience);
    }

    public static final class Builder extends JwtValidatorBuilder<Builder> {
        private final String issuer;
        private String legacyTokenEndpointAudience;
        private RegisteredClients clients;
        private Duration maxLifetime = DEFAULT_MAX_LIFETIME;
        private ReplayStore replayStore;
        private boolean replayCheckDisabled;

        private Builder(String issuer) {
            super(DEFAULT_MAX_LENGTH);
            if (issuer == null || issuer.isEmpty()) {
                throw new IllegalArgumentException("The client assertion validator needs this server's issuer");
            }
            this.issuer = issuer;
        }

        public Builder clients(RegisteredClients clients) {
            this.clients = Objects.requireNonNull(clients, "clients");
            return this;
        }

        /** Records assertion {@code jti}s so none is accepted twice (GEN-71); required unless disabled. */
        public Builder replayStore(ReplayStore store) {
            this.replayStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /** Local policy override of GEN-71: assertions may be replayed within their lifetime. Not recommended. */
        public Builder withoutReplayCheck() {
            this.replayCheckDisabled = true;
            return this;
        }

        /** A-07 legacy option: also accept this server's token endpoint URL as the sole {@code aud}. */
        public Builder acceptTokenEndpointAudience(String tokenEndpoint) {
            this.legacyTokenEndpointAudience = Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
            return this;
        }

        /** The longest lifetime accepted, whatever the assertion's {@code exp} says (default 5 minutes). */
        public Builder maxLifetime(Duration lifetime) {
            this.maxLifetime = requirePositive(lifetime, "maximum client assertion lifetime");
            return this;
        }

        public ClientAssertionValidator build() {
            if (clients == null) {
                throw new IllegalStateException("The client assertion validator needs the registered clients");
            }
            if (replayStore == null && !replayCheckDisabled) {
                throw new IllegalStateException("The client assertion validator needs a replay store (GEN-71), or"
                        + " withoutReplayCheck() as an explicit local policy");
            }
            if (replayCheckDisabled) {
                LOG.log(Level.WARNING, "ENAC2002W: Client assertion jti replay checking is off for {0}", issuer);
            }
            if (legacyTokenEndpointAudience != null) {
                LOG.log(Level.WARNING, "ENAC2003W: Accepting client assertions whose aud is the token endpoint {0}"
                        + " (A-07 legacy option)", legacyTokenEndpointAudience);
            }
            return new ClientAssertionValidator(this);
        }
    }
}
