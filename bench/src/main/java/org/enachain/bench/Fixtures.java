package org.enachain.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import org.enachain.core.ValidationResult;
import org.enachain.core.dpop.DpopProofVerifier;
import org.enachain.core.jose.JwsAlgorithm;
import org.enachain.core.jose.SigningKey;
import org.enachain.core.jose.VerificationKeys;
import org.enachain.core.replay.ReplayStore;
import org.enachain.core.token.AccessTokenValidator;
import org.enachain.core.token.TrustedIssuer;
import org.jose4j.jws.EcdsaUsingShaAlgorithm;
import org.jose4j.jwt.JwtClaims;

/**
 * What every benchmark shares: a fixed clock, the parties' identifiers, access tokens signed with
 * {@link SigningKey#sign}, verifiers wired the way a protected resource wires them (but with a
 * replay store that never fills), and the raw JCA operations that make up the floors.
 */
final class Fixtures {

    /** Every token and proof is issued at this instant, and every verifier's clock stands still here. */
    static final Instant NOW = Instant.ofEpochSecond(1_767_225_600L); // 2026-01-01T00:00:00Z
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static final String ISSUER = "https://as.example.com";
    static final String RESOURCE = "https://api-b.example.com";
    static final String CLIENT = "https://app.example.com";
    static final URI TOKEN_ENDPOINT = URI.create("https://as.example.com/token");
    static final URI RESOURCE_URI = URI.create("https://api-b.example.com/orders/4711");

    /**
     * How many distinct DPoP proofs a verification benchmark cycles through: enough that no proof is
     * verified twice in a row, a power of two for cheap indexing.
     */
    static final int PROOFS = 4096;

    /** Answers FIRST to everything: the verifiers still compute their replay keys, but no store grows or fills. */
    static final ReplayStore NO_OP_REPLAY_STORE = (key, expiresAt) -> ReplayStore.Use.FIRST;

    /**
     * jose4j logs through SLF4J, and the benchmarks bring no SLF4J provider: its no-op logger is the
     * cheapest, and this keeps SLF4J from announcing that fallback in every fork.
     */
    static final String QUIET_SLF4J = "-Dslf4j.internal.verbosity=ERROR";

    static final String ECDSA = "SHA256withECDSA";
    static final String RSA = "SHA256withRSA";

    private Fixtures() {
    }

    /** The JCA signature algorithm behind a JWS algorithm; only the two the benchmarks use. */
    static String jcaName(JwsAlgorithm algorithm) {
        return switch (algorithm) {
            case RS256 -> RSA;
            case ES256 -> ECDSA;
            default -> throw new IllegalArgumentException("The benchmarks use RS256 and ES256 only, not " + algorithm);
        };
    }

    /**
     * An RFC 9068 access token from {@link #ISSUER} for {@link #RESOURCE}, valid for five minutes
     * from {@link #NOW}, bound to {@code jkt} (its {@code cnf.jkt}) when that is not null.
     */
    static String accessToken(SigningKey issuerKey, String jkt) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject("user-4711");
        claims.setAudience(RESOURCE);
        claims.setStringClaim("client_id", CLIENT);
        claims.setStringClaim("scope", "orders-read profile");
        claims.setClaim("iat", NOW.getEpochSecond());
        claims.setClaim("exp", NOW.plusSeconds(300).getEpochSecond());
        claims.setJwtId("at-0f1e2d3c4b5a69788796a5b4c3d2e1f0");
        if (jkt != null) {
            claims.setClaim("cnf", Map.of("jkt", jkt));
        }
        return issuerKey.sign("at+jwt", SigningKey.HeaderKey.KEY_ID, claims.toJson());
    }

    /** A resource's access token validator trusting only {@code issuerKey}, without single-use mode. */
    static AccessTokenValidator accessTokenValidator(SigningKey issuerKey) {
        return AccessTokenValidator.builder()
                .trustedIssuer(TrustedIssuer.of(ISSUER, VerificationKeys.of(issuerKey)))
                .audience(RESOURCE)
                .clock(CLOCK)
                .build();
    }

    static DpopProofVerifier proofVerifier(DpopProofVerifier.Receiver receiver) {
        return DpopProofVerifier.builder(receiver)
                .clock(CLOCK)
                .replayStore(NO_OP_REPLAY_STORE)
                .build();
    }

    /** A benchmark that measures a rejection measures the wrong thing: fail loudly instead. */
    static <T> T accepted(ValidationResult<T> result) {
        if (!result.isAccepted()) {
            throw new IllegalStateException("The benchmark fixture was rejected: " + result.rejection());
        }
        return result.value();
    }

    // ------------------------------------------------------------------ the floor's inputs

    /** The JWS signing input, {@code header.payload}, as the bytes a signature covers. */
    static byte[] signingInput(String compactJws) {
        return compactJws.substring(0, compactJws.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The JWS signature as JCA takes it: RSA signatures as they are, ECDSA ones converted from the
     * JWS form (R || S, RFC 7518 3.4) to DER. Done once in setup, so the conversion is not in the floor.
     */
    static byte[] jcaSignature(String compactJws, JwsAlgorithm algorithm) {
        byte[] jws = Base64.getUrlDecoder().decode(compactJws.substring(compactJws.lastIndexOf('.') + 1));
        if (algorithm.family() == JwsAlgorithm.Family.RSA) {
            return jws;
        }
        try {
            return EcdsaUsingShaAlgorithm.convertConcatenatedToDer(jws);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Not an ECDSA JWS signature", e);
        }
    }

    // ------------------------------------------------------------------ the floor itself

    /*
     * The floors get a fresh Signature from Signature.getInstance for every operation, as jose4j
     * (and every JWS library that keeps no per-thread Signature objects) does for every JWS.
     */

    static byte[] sign(String jcaAlgorithm, PrivateKey key, byte[] input) {
        try {
            Signature signature = Signature.getInstance(jcaAlgorithm);
            signature.initSign(key);
            signature.update(input);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean verify(String jcaAlgorithm, PublicKey key, byte[] input, byte[] jcaSignature) {
        try {
            Signature signature = Signature.getInstance(jcaAlgorithm);
            signature.initVerify(key);
            signature.update(input);
            return signature.verify(jcaSignature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** As {@link #verify}, but a floor that does not verify is no floor. */
    static boolean verified(String jcaAlgorithm, PublicKey key, byte[] input, byte[] jcaSignature) {
        if (!verify(jcaAlgorithm, key, input, jcaSignature)) {
            throw new IllegalStateException("The floor's signature does not verify");
        }
        return true;
    }
}
