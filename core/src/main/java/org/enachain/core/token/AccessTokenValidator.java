package org.enachain.core.token;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
 * Validates JWT access tokens the way a protected resource must (Profile 4.1, RFC 9068 4,
 * RFC 8725 3; REQUIREMENTS 5.2), in a fixed order that stops at the first failure:
 * <ol>
 * <li>size and compact JWS structure; no {@code crit};</li>
 * <li>{@code typ} {@code at+jwt} or {@code application/at+jwt} (RS-05; {@code JWT} only under an
 * issuer's A-05 legacy option);</li>
 * <li>{@code alg} on the allow-list (GEN-10, GEN-11, GEN-12);</li>
 * <li>{@code iss} one of the trusted issuers, compared exactly (RS-06);</li>
 * <li>a key of that issuer — never from the token's headers (GEN-15) — and the signature (RS-07);</li>
 * <li>{@code exp}, {@code nbf}, {@code iat} with leeway (RS-09, RS-10, GEN-17);</li>
 * <li>{@code aud} holds one of the resource's identifiers (RS-11, RS-12);</li>
 * <li>{@code sub} and {@code client_id} present, {@code azp} equal when both (RS-13, RS-14);</li>
 * <li>{@code scope} present when the resource's rules use scopes (RS-16); {@code cnf} well-formed;</li>
 * <li>last, in single-use mode, the {@code jti} through the replay store (RS-18).</li>
 * </ol>
 * Build one per protected resource and share it: immutable and thread-safe.
 */
public final class AccessTokenValidator {

    private static final System.Logger LOG = System.getLogger(AccessTokenValidator.class.getName());

    /** The default size limit; real access tokens are a few kilobytes. */
    public static final int DEFAULT_MAX_LENGTH = 32 * 1024;

    private static final List<String> RFC9068_TYPES = List.of("at+jwt");
    private static final List<String> LEGACY_TYPES = List.of("jwt");

    private final Map<String, TrustedIssuer> issuers;
    private final boolean anyLegacyType;
    private final Set<String> resourceIdentifiers;
    private final AlgorithmPolicy algorithms;
    private final TimeRules time;
    private final boolean requireScope;
    private final ReplayStore singleUse;
    private final int maxLength;
    private final OAuthError error;
    private final int status;

    private AccessTokenValidator(Builder b) {
        this.issuers = Map.copyOf(b.issuers);
        this.anyLegacyType = b.issuers.values().stream().anyMatch(TrustedIssuer::acceptsLegacyJwtType);
        this.resourceIdentifiers = Set.copyOf(b.resourceIdentifiers);
        this.algorithms = b.algorithms;
        this.time = b.time;
        this.requireScope = b.requireScope;
        this.singleUse = b.singleUse;
        this.maxLength = b.maxLength;
        this.error = b.error;
        this.status = b.status;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every check, including the single-use {@code jti} check when configured. */
    public ValidationResult<AccessToken> validate(String token) {
        ValidationResult<AccessToken> result = validateAllButReplay(token);
        if (!result.isAccepted()) {
            return result;
        }
        return recordUse(result.value()).<ValidationResult<AccessToken>>map(ValidationResult::rejected).orElse(result);
    }

    /**
     * Every check except the single-use {@code jti} check, for callers that check more (a DPoP proof)
     * before anything is recorded; they then call {@link #recordUse}.
     */
    public ValidationResult<AccessToken> validateAllButReplay(String token) {
        try {
            return ValidationResult.accepted(check(token));
        } catch (JwtRejectedException e) {
            return ValidationResult.rejected(Rejection.of(e.reason(), e.description(), error, status));
        }
    }

    /**
     * In single-use mode (RS-18), records the token's {@code jti} until its expiry; a second use is
     * rejected. Does nothing otherwise.
     */
    public Optional<Rejection> recordUse(AccessToken token) {
        if (singleUse == null) {
            return Optional.empty();
        }
        String jti = token.jwtId().orElse(null);
        if (jti == null) {
            return Optional.of(Rejection.of(Reason.MISSING_CLAIM, "The access token has no jti claim", error, status));
        }
        try {
            JwtRejectedException.requireFirstUse(singleUse.useOnce(ReplayKey.of("at", token.issuer(), jti),
                    token.expiresAt().plus(time.leeway())), "The access token has already been used");
            return Optional.empty();
        } catch (JwtRejectedException e) {
            return Optional.of(Rejection.of(e.reason(), e.description(), error, status));
        }
    }

    private AccessToken check(String token) throws JwtRejectedException {
        SignedJwt jwt = SignedJwt.parse(token, maxLength);
        jwt.requireNoCriticalHeader();
        boolean rfc9068Type = jwt.typeIsOneOf(RFC9068_TYPES);
        boolean legacyType = !rfc9068Type && anyLegacyType && jwt.typeIsOneOf(LEGACY_TYPES);
        if (!rfc9068Type && !legacyType) {
            throw new JwtRejectedException(Reason.WRONG_TYPE, "The token's typ is not at+jwt");
        }

        JwsAlgorithm algorithm = jwt.requireAlgorithm(algorithms);

        JwtClaims claims = jwt.claims();
        String iss = Claims.requiredString(claims, "iss");
        TrustedIssuer issuer = issuers.get(iss);
        if (issuer == null) {
            throw new JwtRejectedException(Reason.UNTRUSTED_ISSUER);
        }
        if (legacyType && !issuer.acceptsLegacyJwtType()) {
            throw new JwtRejectedException(Reason.WRONG_TYPE, "The token's typ is not at+jwt");
        }

        jwt.verify(issuer.keys(), algorithm);

        Instant now = time.now();
        Instant exp = Claims.requiredTime(claims, "exp");
        time.requireNotExpired(exp, now);
        time.requireNotBefore(Claims.optionalTime(claims, "nbf"), now);
        Instant iat = Claims.optionalTime(claims, "iat");
        time.requireIssuedAtNotInFuture(iat, now);

        List<String> audience = Claims.audience(claims);
        if (audience.stream().noneMatch(resourceIdentifiers::contains)) {
            throw new JwtRejectedException(Reason.WRONG_AUDIENCE, "The access token is not intended for this resource");
        }

        String subject = Claims.requiredString(claims, "sub");
        String clientId = Claims.optionalString(claims, "client_id");
        String azp = Claims.optionalString(claims, "azp");
        if (clientId == null) {
            if (azp == null || !issuer.takesClientIdFromAzp()) {
                throw Claims.missing("client_id");
            }
            clientId = azp;
        } else if (azp != null && !azp.equals(clientId)) {
            throw new JwtRejectedException(Reason.CLIENT_MISMATCH, "The token's azp differs from its client_id");
        }

        Set<String> scopes = Claims.scopes(claims);
        if (requireScope && scopes.isEmpty()) {
            throw new JwtRejectedException(Reason.INSUFFICIENT_SCOPE, "The access token carries no scope");
        }

        Claims.requireDepthAtMost(claims);
        String jkt = confirmationThumbprint(claims);
        String jti = Claims.optionalString(claims, "jti");
        if (singleUse != null && jti == null) {
            throw Claims.missing("jti");
        }
        return new AccessToken(token, iss, subject, clientId, audience, scopes, exp, iat, jti, jkt,
                AuthenticationContext.from(claims), ActorChain.fromClaim(claims.getClaimValue("act")), claims);
    }

    /** {@code cnf.jkt} (RFC 9449 6.1), or null for an unbound token. */
    private static String confirmationThumbprint(JwtClaims claims) throws JwtRejectedException {
        Map<String, Object> cnf = Claims.optionalObject(claims, "cnf");
        if (cnf == null || cnf.isEmpty()) {
            return null;
        }
        if (!cnf.containsKey("jkt")) {
            // Bound to something else (an mTLS certificate, say): taking it as a bearer token would drop the binding.
            throw new JwtRejectedException(Reason.INVALID_CLAIM,
                    "The access token is bound by a confirmation method this resource does not support");
        }
        if (!(cnf.get("jkt") instanceof String jkt) || jkt.isEmpty()) {
            throw Claims.invalid("cnf.jkt", "a string");
        }
        return jkt;
    }

    public Set<String> resourceIdentifiers() {
        return resourceIdentifiers;
    }

    public AlgorithmPolicy algorithms() {
        return algorithms;
    }

    public static final class Builder extends JwtValidatorBuilder<Builder> {
        private final Map<String, TrustedIssuer> issuers = new LinkedHashMap<>();
        private final Set<String> resourceIdentifiers = new LinkedHashSet<>();
        private boolean requireScope;
        private ReplayStore singleUse;
        private OAuthError error = OAuthError.INVALID_TOKEN;
        private int status = 401;

        private Builder() {
            super(DEFAULT_MAX_LENGTH);
        }

        /** An authorization server whose tokens are accepted; at least one is required. */
        public Builder trustedIssuer(TrustedIssuer issuer) {
            if (issuers.putIfAbsent(issuer.issuer(), issuer) != null) {
                throw new IllegalArgumentException("The issuer " + issuer.issuer() + " is configured twice");
            }
            return this;
        }

        /**
         * The resource's identifier (Profile 4.3) and any alternative identifiers it answers to
         * (RS-12, A-40); a token's {@code aud} must contain one of them. At least one is required.
         */
        public Builder audience(String resourceIdentifier, String... alternatives) {
            resourceIdentifiers.add(Objects.requireNonNull(resourceIdentifier, "resourceIdentifier"));
            resourceIdentifiers.addAll(List.of(alternatives));
            return this;
        }

        /** The resource's access rules are scope-based: a token without {@code scope} is refused (RS-16). */
        public Builder requireScope(boolean require) {
            this.requireScope = require;
            return this;
        }

        /** Single-use mode (RS-18): each {@code jti} is accepted once, through this (shared, RS-19) store. */
        public Builder singleUse(ReplayStore store) {
            this.singleUse = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * The error a rejection carries: {@code invalid_token}/401 at a protected resource (the default);
         * a token service validating subject tokens answers {@code invalid_request}/400 (RFC 8693 2.2.2).
         */
        public Builder rejectWith(OAuthError error, int status) {
            if (status < 400 || status > 499) {
                throw new IllegalArgumentException("A rejection is a client error: its status must be 4xx, not " + status);
            }
            this.error = Objects.requireNonNull(error, "error");
            this.status = status;
            return this;
        }

        /** @throws IllegalStateException when no trusted issuer or no resource identifier is configured */
        public AccessTokenValidator build() {
            if (issuers.isEmpty()) {
                throw new IllegalStateException("An access token validator needs at least one trusted issuer");
            }
            if (resourceIdentifiers.isEmpty()) {
                throw new IllegalStateException("An access token validator needs the resource identifier(s) that"
                        + " the tokens' aud must contain");
            }
            for (TrustedIssuer issuer : issuers.values()) {
                if (issuer.acceptsLegacyJwtType()) {
                    LOG.log(Level.WARNING, "ENAC2001W: Weakened access token validation: accepting access tokens typed"
                            + " JWT from {0} (A-05 legacy option)", issuer.issuer());
                }
                if (issuer.takesClientIdFromAzp()) {
                    LOG.log(Level.WARNING, "ENAC2001W: Weakened access token validation: taking the client from azp"
                            + " for {0} (A-06 legacy option)", issuer.issuer());
                }
            }
            return new AccessTokenValidator(this);
        }
    }
}
