package org.enachain.core.token;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.enachain.core.OAuthError;
import org.enachain.core.Reason;
import org.enachain.core.Rejection;
import org.enachain.core.ValidationResult;
import org.enachain.core.jose.AlgorithmPolicy;
import org.enachain.core.jose.JwksSource;
import org.enachain.core.jose.JwsAlgorithm;
import org.enachain.core.replay.ReplayKey;
import org.enachain.core.replay.ReplayStore;
import org.jose4j.jwt.JwtClaims;

/**
 * Validates an RFC 7523 JWT authorization grant at the target-domain authorization server
 * (Chaining 3.4.2, Profile 5.4.2; REQUIREMENTS 7.3). Every failure is {@code invalid_grant}
 * (HTTP 400). The order:
 * <ol>
 * <li>size and one compact JWS (TAS-05); no {@code crit} (TAS-21);</li>
 * <li>{@code typ} absent, {@code JWT} or a configured type; never an access token, DPoP proof or
 * client assertion type (TAS-22, A-32);</li>
 * <li>{@code alg} on the allow-list;</li>
 * <li>{@code iss} a trusted originating issuer (TAS-09), verified with that issuer's keys only
 * (TAS-08, TAS-10);</li>
 * <li>{@code sub} present (TAS-11); {@code aud} holds this issuer and nothing but it and, when
 * configured, this server's token endpoint (TAS-12, TAS-13, A-09);</li>
 * <li>{@code exp} present and not passed (TAS-14), {@code nbf} (TAS-16), {@code iat} not too old
 * when configured (TAS-17), lifetime at most the maximum (TAS-15, default 300 s);</li>
 * <li>{@code jti} present (TAS-18); {@code client_id} equal to the authenticated client (TAS-20);</li>
 * <li>last, the ({@code iss}, {@code jti}) pair never used before (TAS-19, A-36) — or, with
 * {@link #validateAllButReplay}, when the caller says so through {@link #recordUse}.</li>
 * </ol>
 * Immutable and thread-safe.
 */
public final class AuthorizationGrantValidator {

    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofMinutes(5);
    public static final int DEFAULT_MAX_LENGTH = 16 * 1024;

    /** The types of the profile's other JWT kinds, which a grant can never have. */
    private static final List<String> FORBIDDEN_TYPES = List.of("at+jwt", "dpop+jwt", "client-authentication+jwt");
    private static final OAuthError ERROR = OAuthError.INVALID_GRANT;
    private static final int STATUS = 400;

    private final String issuer;
    private final String tokenEndpointAudience;
    private final Map<String, JwksSource> trustedIssuers;
    private final List<String> acceptedTypes;
    private final AlgorithmPolicy algorithms;
    private final TimeRules time;
    private final Duration maxLifetime;
    private final Duration maxAge;
    private final ReplayStore replayStore;
    private final int maxLength;

    private AuthorizationGrantValidator(Builder b) {
        this.issuer = b.issuer;
        this.tokenEndpointAudience = b.tokenEndpointAudience;
        this.trustedIssuers = Map.copyOf(b.trustedIssuers);
        this.acceptedTypes = List.copyOf(b.acceptedTypes);
        this.algorithms = b.algorithms;
        this.time = b.time;
        this.maxLifetime = b.maxLifetime;
        this.maxAge = b.maxAge;
        this.replayStore = b.replayStore;
        this.maxLength = b.maxLength;
    }

    /** @param issuer this (target-domain) authorization server's issuer identifier */
    public static Builder builder(String issuer) {
        return new Builder(issuer);
    }

    /**
     * @param assertion             the {@code assertion} parameter of the jwt-bearer request
     * @param authenticatedClientId the client this request authenticated as (at this server)
     */
    public ValidationResult<AuthorizationGrant> validate(String assertion, String authenticatedClientId) {
        ValidationResult<AuthorizationGrant> result = validateAllButReplay(assertion, authenticatedClientId);
        if (!result.isAccepted()) {
            return result;
        }
        return recordUse(result.value()).<ValidationResult<AuthorizationGrant>>map(ValidationResult::rejected)
                .orElse(result);
    }

    /**
     * Every check except the one-time use, for a token service that checks more (the DPoP proof, scope
     * and resource policy) before the grant is used up — so a request that fails for another reason,
     * such as {@code use_dpop_nonce}, can be retried with the same grant. It then calls {@link #recordUse}.
     */
    public ValidationResult<AuthorizationGrant> validateAllButReplay(String assertion, String authenticatedClientId) {
        try {
            return ValidationResult.accepted(check(assertion, authenticatedClientId));
        } catch (JwtRejectedException e) {
            return ValidationResult.rejected(Rejection.of(e.reason(), e.description(), ERROR, STATUS));
        }
    }

    /** Uses up the grant: its ({@code iss}, {@code jti}) is recorded until it expires; a second use is rejected (TAS-19). */
    public Optional<Rejection> recordUse(AuthorizationGrant grant) {
        try {
            JwtRejectedException.requireFirstUse(replayStore.useOnce(ReplayKey.of("grant", grant.issuer(), grant.jwtId()),
                    grant.expiresAt().plus(time.leeway())), "The grant has already been used");
            return Optional.empty();
        } catch (JwtRejectedException e) {
            return Optional.of(Rejection.of(e.reason(), e.description(), ERROR, STATUS));
        }
    }

    private AuthorizationGrant check(String assertion, String authenticatedClientId) throws JwtRejectedException {
        SignedJwt jwt = SignedJwt.parse(assertion, maxLength);
        jwt.requireNoCriticalHeader();
        if (jwt.type() != null && !jwt.typeIsOneOf(acceptedTypes)) {
            throw new JwtRejectedException(Reason.WRONG_TYPE, "The JWT's typ is not that of an authorization grant");
        }
        if (jwt.header("typ") != null && jwt.type() == null) {
            throw new JwtRejectedException(Reason.WRONG_TYPE, "The JWT's typ is not a string");
        }
        JwsAlgorithm algorithm = jwt.requireAlgorithm(algorithms);

        JwtClaims claims = jwt.claims();
        String iss = Claims.requiredString(claims, "iss");
        JwksSource keys = trustedIssuers.get(iss);
        if (keys == null) {
            throw new JwtRejectedException(Reason.UNTRUSTED_ISSUER, "The grant's issuer is not a trusted authorization server");
        }
        jwt.verify(keys, algorithm);

        String subject = Claims.requiredString(claims, "sub");
        List<String> audience = Claims.audience(claims);
        if (!audience.contains(issuer)) {
            throw new JwtRejectedException(Reason.WRONG_AUDIENCE, "The grant's aud does not name this authorization server");
        }
        for (String aud : audience) {
            if (!aud.equals(issuer) && !aud.equals(tokenEndpointAudience)) {
                throw new JwtRejectedException(Reason.WRONG_AUDIENCE, "The grant's aud names another party besides this server");
            }
        }

        Instant now = time.now();
        Instant exp = Claims.requiredTime(claims, "exp");
        time.requireNotExpired(exp, now);
        Instant nbf = Claims.optionalTime(claims, "nbf");
        time.requireNotBefore(nbf, now);
        Instant iat = Claims.optionalTime(claims, "iat");
        time.requireIssuedAtNotInFuture(iat, now);
        if (maxAge != null && iat != null && iat.plus(maxAge).plus(time.leeway()).isBefore(now)) {
            throw new JwtRejectedException(Reason.TOO_OLD, "The grant was issued too long ago");
        }
        time.requireLifetimeAtMost(maxLifetime, iat != null ? iat : nbf != null ? nbf : now, exp, "The grant");

        String jti = Claims.requiredString(claims, "jti");
        String clientId = Claims.requiredString(claims, "client_id");
        if (!clientId.equals(authenticatedClientId)) {
            throw new JwtRejectedException(Reason.CLIENT_MISMATCH, "The grant was issued for another client");
        }
        return new AuthorizationGrant(iss, subject, clientId, audience, Claims.scopes(claims),
                exp, iat, jti, AuthenticationContext.from(claims), ActorChain.fromClaim(claims.getClaimValue("act")),
                Claims.immutableCopy(claims));
    }

    public String issuer() {
        return issuer;
    }

    public static final class Builder extends JwtValidatorBuilder<Builder> {
        private final String issuer;
        private String tokenEndpointAudience;
        private final Map<String, JwksSource> trustedIssuers = new LinkedHashMap<>();
        private final List<String> acceptedTypes = new ArrayList<>(List.of("jwt"));
        private Duration maxLifetime = DEFAULT_MAX_LIFETIME;
        private Duration maxAge;
        private ReplayStore replayStore;

        private Builder(String issuer) {
            super(DEFAULT_MAX_LENGTH);
            if (issuer == null || issuer.isEmpty()) {
                throw new IllegalArgumentException("The grant validator needs this server's issuer");
            }
            this.issuer = issuer;
        }

        /** An originating-domain authorization server whose grants are accepted, with its keys only (TAS-02, TAS-10). */
        public Builder trustedIssuer(String originatingIssuer, JwksSource keys) {
            Objects.requireNonNull(keys, "keys");
            if (trustedIssuers.putIfAbsent(Objects.requireNonNull(originatingIssuer, "originatingIssuer"), keys) != null) {
                throw new IllegalArgumentException("The issuer " + originatingIssuer + " is configured twice");
            }
            return this;
        }

        /** Also accept this server's token endpoint URL as a second {@code aud} value. */
        public Builder acceptTokenEndpointAudience(String tokenEndpoint) {
            this.tokenEndpointAudience = Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
            return this;
        }

        /** A {@code typ} agreed with a peer, accepted besides an absent type and {@code JWT}. */
        public Builder acceptType(String typ) {
            String lower = SignedJwt.mediaSubtype(typ);
            if (FORBIDDEN_TYPES.contains(lower)) {
                throw new IllegalArgumentException("'" + typ + "' is the type of another JWT kind and can never mark a grant");
            }
            acceptedTypes.add(lower);
            return this;
        }

        /** The longest grant lifetime accepted (TAS-15; default 300 s, A-34). */
        public Builder maxLifetime(Duration lifetime) {
            this.maxLifetime = requirePositive(lifetime, "maximum grant lifetime");
            return this;
        }

        /** Reject grants whose {@code iat} is older than this (TAS-17); off by default. */
        public Builder maxAge(Duration age) {
            this.maxAge = requirePositive(age, "maximum grant age");
            return this;
        }

        /** The store of used ({@code iss}, {@code jti}) pairs, shared by all instances (TAS-19, A-36). Required. */
        public Builder replayStore(ReplayStore store) {
            this.replayStore = Objects.requireNonNull(store, "store");
            return this;
        }

        public AuthorizationGrantValidator build() {
            if (trustedIssuers.isEmpty()) {
                throw new IllegalStateException("The grant validator needs at least one trusted originating issuer");
            }
            if (replayStore == null) {
                throw new IllegalStateException("The grant validator needs a replay store: grants are one-time use (TAS-19)");
            }
            return new AuthorizationGrantValidator(this);
        }
    }
}
