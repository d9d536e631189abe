package org.enachain.core.jose;

import java.math.BigInteger;
import java.security.Key;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Optional;

/**
 * The key rules of Profile 8.2 and RFC 8725 3.4, applied to every key enachain signs or verifies
 * with: RSA keys of at least 2048 bits (GEN-03) — and at most 8192, with a public exponent of at most
 * 32 bits, so a received key cannot make verification arbitrarily slow; EC keys on P-256, P-384 or
 * P-521 only (GEN-04, GEN-05); received EC public keys must be points on their curve (GEN-13).
 */
public final class KeyPolicy {

    /** The smallest RSA modulus the profile allows. */
    public static final int MIN_RSA_BITS = 2048;
    /**
     * The largest RSA modulus accepted: verification cost grows with the key, and a DPoP proof brings
     * its own key, so an unbounded size (or public exponent) would let anyone make a server work hard.
     */
    public static final int MAX_RSA_BITS = 8192;

    private KeyPolicy() {
    }

    /**
     * Why this key may not be used, or empty when it may. The text is safe to log and to show: it
     * names the rule, never key material.
     */
    public static Optional<String> problemWith(Key key) {
        if (key instanceof RSAKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < MIN_RSA_BITS) {
                return Optional.of("RSA key of " + bits + " bits; the profile requires at least " + MIN_RSA_BITS);
            }
            if (bits > MAX_RSA_BITS) {
                return Optional.of("RSA key of " + bits + " bits; keys over " + MAX_RSA_BITS + " bits are not accepted");
            }
            if (key instanceof RSAPublicKey pub) {
                BigInteger e = pub.getPublicExponent();
                if (e.bitLength() > 32 || !e.testBit(0) || e.compareTo(BigInteger.valueOf(3)) < 0) {
                    return Optional.of("RSA public exponent that is not an odd number from 3 to 2^32-1");
                }
            }
            return Optional.empty();
        }
        if (key instanceof ECKey ec) {
            if (NamedCurve.nameOf(ec.getParams()).isEmpty()) {
                return Optional.of("EC key on a curve other than P-256, P-384 or P-521");
            }
            if (key instanceof ECPublicKey pub && !NamedCurve.isOnCurve(pub.getW(), pub.getParams())) {
                return Optional.of("EC public key whose point is not on its curve");
            }
            return Optional.empty();
        }
        return Optional.of("key of type " + (key == null ? "null" : key.getAlgorithm())
                + "; the profile signs with RSA or EC keys only");
    }

    /**
     * Throws when {@link #problemWith(Key)} finds a problem.
     *
     * @param what names the key in the message, e.g. "the client signing key"
     */
    public static void require(Key key, String what) {
        problemWith(key).ifPresent(problem -> {
            throw new IllegalArgumentException(what + " cannot be used: " + problem);
        });
    }
}
