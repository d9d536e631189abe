package org.enachain.core.dpop;

import java.lang.System.Logger.Level;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.enachain.core.OAuthError;
import org.enachain.core.Reason;
import org.enachain.core.Rejection;
import org.enachain.core.ValidationResult;
import org.enachain.core.jose.AlgorithmPolicy;
import org.enachain.core.jose.JwkThumbprint;
import org.enachain.core.jose.JwsAlgorithm;
import org.enachain.core.jose.KeyPolicy;
import org.enachain.core.replay.ReplayKey;
import org.enachain.core.replay.ReplayStore;
import org.enachain.core.token.Claims;
import org.enachain.core.token.JwtRejectedException;
import org.enachain.core.token.SignedJwt;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwt.JwtClaims;

/**
 * Verifies DPoP proofs (RFC 9449 4.3; REQUIREMENTS 3.2 and 5.4) at a protected resource or a token
 * endpoint, in a fixed order that stops at the first failure and writes the replay store last, so a
 * proof that fails any check never burns its {@code jti}:
 * <ol>
 * <li>exactly one {@code DPoP} header (GEN-22), one compact JWS within the size limit (GEN-23), no {@code crit};</li>
 * <li>{@code typ} {@code dpop+jwt} (GEN-25); {@code alg} on the allow-list — asymmetric only (GEN-26);</li>
 * <li>the {@code jwk} header: present, public members only (GEN-28), an acceptable key whose EC point is
 * on its curve (GEN-13), fitting the algorithm; the signature verifies with it (GEN-27);</li>
 * <li>{@code jti}, {@code htm}, {@code htu}, {@code iat} present (GEN-24), {@code jti} not oversized (GEN-37);</li>
 * <li>{@code htm} equals the method (GEN-29); {@code htu} equals the target URI after normalisation (GEN-30, GEN-31);</li>
 * <li>{@code iat} within the acceptance window (GEN-32, GEN-33);</li>
 * <li>when nonces are on, a current server nonce (GEN-34, GEN-35) — else {@code use_dpop_nonce};</li>
 * <li>at a resource, {@code ath} equals the token's hash (RS-34) and the key's thumbprint equals
 * the token's {@code cnf.jkt} (RS-35, {@code invalid_token} );</li>
 * <li>last, the ({@code jkt}, {@code jti}) pair was not seen within the window (GEN-36, RS-38, A-38).</li>
 * </ol>
 * Immutable and thread-safe.
 */
public final class DpopProofVerifier {

    private static final System.Logger LOG = System.getLogger(DpopProofVerifier.class.getName());

    public static final String TYPE = "dpop+jwt";
    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(60);
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_LENGTH = 8 * 1024;
    public static final int MAX_JTI_LENGTH = 256;

    /** JWK members that carry private or symmetric key material (RFC 7517, RFC 7518 6). */
    private static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");
    private static final java.util.List<String> PROOF_TYPE = java.util.List.of(TYPE);

    /** Where proofs are received; sets the HTTP status of a rejection. */
    public enum Receiver {
        /** A protected resource: failures are 401 with a DPoP challenge (RFC 9449 7.1). */
        PROTECTED_RESOURCE(401),
        /** A token endpoint: failures are 400 (RFC 9449 5, GEN-110). */
        TOKEN_ENDPOINT(400);

        private final int status;

        Receiver(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final AlgorithmPolicy algorithms;
    private final Receiver receiver;
    private final Clock clock;
    private final Duration maxAge;
    private final Duration clockSkew;
    private final ReplayStore replayStore;
    private final DpopNonces nonces;
    private final int maxLength;

    private DpopProofVerifier(Builder b) {
        this.algorithms = b.algorithms;
        this.receiver = b.receiver;
        this.clock = b.clock;
        this.maxAge = b.maxAge;
        this.clockSkew = b.clockSkew;
        this.replayStore = b.replayStore;
        this.nonces = b.nonces;
        this.maxLength = b.maxLength;
    }

    public static Builder builder(Receiver receiver) {
        return new Builder(receiver);
    }

    /** Every check, the replay check last. */
    public ValidationResult<DpopProof> verify(ProofContext context) {
        ValidationResult<DpopProof> result = verifyAllButReplay(context);
        if (!result.isAccepted()) {
            return result;
        }
        return recordUse(result.value()).<ValidationResult<DpopProof>>map(ValidationResult::rejected).orElse(result);
    }

    /**
     * Every check except the replay check, for callers that check more before anything is
     * recorded; they then call {@link #recordUse}.
     */
    public ValidationResult<DpopProof> verifyAllButReplay(ProofContext context) {
        try {
            return ValidationResult.accepted(check(context));
        } catch (JwtRejectedException e) {
            return ValidationResult.rejected(reject(e.reason(), e.description()));
        }
    }

    /** Records the proof's ({@code jkt}, {@code jti}) until it would be too old anyway; a second use is a replay. */
    public Optional<Rejection> recordUse(DpopProof proof) {
        if (replayStore == null) {
            return Optional.empty();
        }
        // check() still accepts the proof at iat + maxAge + clockSkew itself, while a store forgets an
        // entry at its expiry instant: keep it one second (the NumericDate step) longer, or a replay at
        // that last instant would find nothing recorded.
        Instant keepUntil = proof.issuedAt().plus(maxAge).plus(clockSkew).plusSeconds(1);
        try {
            JwtRejectedException.requireFirstUse(replayStore.useOnce(
                    ReplayKey.of("dpop", proof.thumbprint().value(), proof.jwtId()), keepUntil),
                    "The DPoP proof has already been used");
            return Optional.empty();
        } catch (JwtRejectedException e) {
            return Optional.of(reject(e.reason(), e.description()));
        }
    }

    private Rejection reject(Reason reason, String description) {
        return Rejection.of(reason, description, OAuthError.INVALID_DPOP_PROOF, receiver.status());
    }

    private DpopProof check(ProofContext context) throws JwtRejectedException {
        if (context.dpopHeaders().isEmpty()) {
            throw new JwtRejectedException(Reason.PROOF_MISSING);
        }
        if (context.dpopHeaders().size() > 1) {
            throw new JwtRejectedException(Reason.MULTIPLE_PROOFS);
        }
        SignedJwt jwt = SignedJwt.parse(context.dpopHeaders().get(0), maxLength);
        jwt.requireNoCriticalHeader();
        if (!jwt.typeIsOneOf(PROOF_TYPE)) {
            throw new JwtRejectedException(Reason.WRONG_TYPE, "The DPoP proof's typ is not " + TYPE);
        }
        JwsAlgorithm algorithm = jwt.requireAlgorithm(algorithms);
        PublicJsonWebKey jwk = embeddedKey(jwt, algorithm);
        if (!jwt.verifies(jwk.getPublicKey(), algorithm)) {
            throw new JwtRejectedException(Reason.BAD_SIGNATURE, "The DPoP proof's signature does not verify with its jwk");
        }

        JwtClaims claims = jwt.claims();
        String jti = Claims.requiredString(claims, "jti");
        String htm = Claims.requiredString(claims, "htm");
        String htu = Claims.requiredString(claims, "htu");
        Instant iat = Claims.requiredTime(claims, "iat");
        if (jti.isEmpty() || jti.length() > MAX_JTI_LENGTH) {
            throw new JwtRejectedException(Reason.INVALID_CLAIM, "The DPoP proof's jti is empty or longer than "
                    + MAX_JTI_LENGTH + " characters");
        }
        if (!htm.equals(context.method())) {
            throw new JwtRejectedException(Reason.METHOD_MISMATCH);
        }
        if (!HttpTargetUri.sameTarget(htu, context.targetUri())) {
            throw new JwtRejectedException(Reason.URI_MISMATCH);
        }
        Instant now = clock.instant();
        if (iat.isAfter(now.plus(clockSkew))) {
            throw new JwtRejectedException(Reason.ISSUED_IN_FUTURE, "The DPoP proof's iat is in the future");
        }
        if (iat.plus(maxAge).plus(clockSkew).isBefore(now)) {
            throw new JwtRejectedException(Reason.TOO_OLD, "The DPoP proof is too old");
        }
        String nonce = Claims.optionalString(claims, "nonce");
        if (nonces != null) {
            if (nonce == null) {
                throw new JwtRejectedException(Reason.NONCE_REQUIRED);
            }
            if (!nonces.isValid(nonce)) {
                throw new JwtRejectedException(Reason.NONCE_INVALID);
            }
        }
        JwkThumbprint thumbprint = JwkThumbprint.of(jwk);
        if (context.accessToken() != null) {
            String ath = Claims.optionalString(claims, "ath");
            if (ath == null) {
                throw new JwtRejectedException(Reason.MISSING_CLAIM, "The DPoP proof has no ath claim");
            }
            if (!AccessTokenHash.matches(ath, context.accessToken())) {
                throw new JwtRejectedException(Reason.ACCESS_TOKEN_HASH_MISMATCH);
            }
        }
        if (context.boundTo() != null && !thumbprint.matches(context.boundTo())) {
            throw new JwtRejectedException(Reason.KEY_BINDING_MISMATCH);
        }
        return new DpopProof(thumbprint, jwk.getPublicKey(), jti, iat, nonce);
    }

    /** The proof's own public key from its {@code jwk} header: the one place a key may come from a JWT (GEN-15). */
    private static PublicJsonWebKey embeddedKey(SignedJwt jwt, JwsAlgorithm algorithm) throws JwtRejectedException {
        if (!(jwt.header("jwk") instanceof Map<?, ?> members)) {
            throw new JwtRejectedException(Reason.INVALID_KEY, "The DPoP proof has no jwk header");
        }
        for (Object name : members.keySet()) {
            if (PRIVATE_MEMBERS.contains(name)) {
                throw new JwtRejectedException(Reason.INVALID_KEY, "The DPoP proof's jwk contains private key material");
            }
        }
        Map<String, Object> params = new LinkedHashMap<>();
        members.forEach((k, v) -> params.put(String.valueOf(k), v));
        PublicJsonWebKey jwk;
        try {
            jwk = PublicJsonWebKey.Factory.newPublicJwk(params);
        } catch (Exception e) {
            throw new JwtRejectedException(Reason.INVALID_KEY, "The DPoP proof's jwk is not a valid RSA or EC public key");
        }
        PublicKey key = jwk.getPublicKey();
        String problem = key == null ? "no public key" : KeyPolicy.problemWith(key).orElse(null);
        if (problem != null) {
            throw new JwtRejectedException(Reason.INVALID_KEY, "The DPoP proof's jwk is not acceptable: " + problem);
        }
        if (!algorithm.fits(key)) {
            throw new JwtRejectedException(Reason.INVALID_KEY, "The DPoP proof's jwk does not fit its alg");
        }
        return jwk;
    }

    /** The accepted proof algorithms: the DPoP challenge's {@code algs} and {@code dpop_signing_alg_values_supported}. */
    public AlgorithmPolicy algorithms() {
        return algorithms;
    }

    public Receiver receiver() {
        return receiver;
    }

    /** The server nonces proofs must carry, when nonces are required. */
    public Optional<DpopNonces> nonces() {
        return Optional.ofNullable(nonces);
    }

    public static final class Builder {
        private final Receiver receiver;
        private AlgorithmPolicy algorithms = AlgorithmPolicy.PROFILE;
        private Clock clock = Clock.systemUTC();
        private Duration maxAge = DEFAULT_MAX_AGE;
        private Duration clockSkew = DEFAULT_CLOCK_SKEW;
        private ReplayStore replayStore;
        private boolean replayCheckDisabled;
        private DpopNonces nonces;
        private int maxLength = DEFAULT_MAX_LENGTH;

        private Builder(Receiver receiver) {
            this.receiver = Objects.requireNonNull(receiver, "receiver");
        }

        /** The accepted proof algorithms (asymmetric by construction); default: all the profile allows. */
        public Builder algorithms(AlgorithmPolicy policy) {
            this.algorithms = Objects.requireNonNull(policy, "policy");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How old a proof's {@code iat} may be (GEN-32; default 60 s, at most 10 minutes). */
        public Builder maxAge(Duration age) {
            if (age == null || age.isNegative() || age.isZero() || age.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("The DPoP proof maximum age must be between 0 and 10 minutes, but is " + age);
            }
            this.maxAge = age;
            return this;
        }

        /** How far a proof's {@code iat} may lie in the future, and extra tolerance for its age (GEN-33; default 60 s). */
        public Builder clockSkew(Duration skew) {
            if (skew == null || skew.isNegative() || skew.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalArgumentException("The DPoP clock skew must be between 0 and 5 minutes, but is " + skew);
            }
            this.clockSkew = skew;
            return this;
        }

        /** Where proof {@code jti}s are recorded (GEN-36, A-38); required unless disabled. */
        public Builder replayStore(ReplayStore store) {
            this.replayStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /** Turns off proof replay detection (on by default, A-38). Not recommended. */
        public Builder withoutReplayCheck() {
            this.replayCheckDisabled = true;
            return this;
        }

        /** Require server nonces (RFC 9449 8, 9; GEN-34, GEN-35). */
        public Builder requireNonces(DpopNonces serverNonces) {
            this.nonces = Objects.requireNonNull(serverNonces, "serverNonces");
            return this;
        }

        /** The longest proof accepted, checked before anything is decoded (default 8 KiB). */
        public Builder maxLength(int characters) {
            if (characters < 256) {
                throw new IllegalArgumentException("A DPoP proof size limit under 256 characters admits no real proof");
            }
            this.maxLength = characters;
            return this;
        }

        public DpopProofVerifier build() {
            if (replayStore == null && !replayCheckDisabled) {
                throw new IllegalStateException("The DPoP proof verifier needs a replay store (GEN-36, A-38),"
                        + " or withoutReplayCheck() as an explicit choice");
            }
            if (replayCheckDisabled) {
                LOG.log(Level.WARNING, "ENAC2004W: DPoP proof replay detection is off; a captured proof can be"
                        + " replayed within {0} s", maxAge.plus(clockSkew).toSeconds());
            }
            return new DpopProofVerifier(this);
        }
    }
}
