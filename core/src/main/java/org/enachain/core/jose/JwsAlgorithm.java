package org.enachain.core.jose;

import java.security.Key;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.Optional;

/**
 * The JWS signature algorithms the Ena profile permits (Profile 8.2): RSASSA-PKCS1-v1_5, RSASSA-PSS
 * and ECDSA over the NIST curves. There is deliberately no constant for {@code none}, for any HMAC
 * algorithm, or for anything built on SHA-1 (GEN-09, GEN-11, GEN-12): an algorithm that cannot be
 * named cannot be allowed by mistake.
 */
public enum JwsAlgorithm {
    RS256(Family.RSA, null),
    RS384(Family.RSA, null),
    RS512(Family.RSA, null),
    PS256(Family.RSA, null),
    PS384(Family.RSA, null),
    PS512(Family.RSA, null),
    ES256(Family.EC, "P-256"),
    ES384(Family.EC, "P-384"),
    ES512(Family.EC, "P-521");

    /** The key family an algorithm signs with; the {@code alg} header can never move a key to another family. */
    public enum Family { RSA, EC }

    private final Family family;
    private final String curve;

    JwsAlgorithm(Family family, String curve) {
        this.family = family;
        this.curve = curve;
    }

    /** The algorithm's name as registered in the JWA registry, e.g. {@code ES256}. */
    public String jwaName() {
        return name();
    }

    public Family family() {
        return family;
    }

    /** The JWK curve name ({@code crv}) for ECDSA algorithms, empty for RSA ones. */
    public Optional<String> curve() {
        return Optional.ofNullable(curve);
    }

    /**
     * The algorithm with this JWA name, looked up exactly (JWA names are case-sensitive); empty for
     * {@code none}, HMAC and every other name this profile does not permit.
     */
    public static Optional<JwsAlgorithm> fromJwaName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (JwsAlgorithm algorithm : values()) {
            if (algorithm.name().equals(name)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    /** Whether a key of this type and curve can be used with this algorithm. */
    public boolean fits(Key key) {
        if (family == Family.RSA) {
            return key instanceof RSAKey;
        }
        return key instanceof ECKey ecKey && curve.equals(NamedCurve.nameOf(ecKey.getParams()).orElse(null));
    }
}
