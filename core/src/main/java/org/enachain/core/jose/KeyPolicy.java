package org.enachain.core.jose;

import java.security.Key;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAKey;
import java.util.Optional;

/**
 * The key rules of Profile 8.2 and RFC 8725 3.4, applied to every key enachain signs or verifies
 * with: RSA keys of at least 2048 bits (GEN-03); EC keys on P-256, P-384 or P-521 only (GEN-04,
 * GEN-05); received EC public keys must be points on their curve (GEN-13).
 */
public final class KeyPolicy {

    /** The smallest RSA modulus the profile allows. */
    public static final int MIN_RSA_BITS = 2048;

    private KeyPolicy() {
    }

    /**
     * Why this key may not be used, or empty when it may. The text is safe to log and to show: it
     * names the rule, never key material.
     */
    public static Optional<String> problemWith(Key key) {
        if (key instanceof RSAKey rsa) {
            int bits = rsa.getModulus().bitLength();
            return bits >= MIN_RSA_BITS
                    ? Optional.empty()
                    : Optional.of("RSA key of " + bits + " bits; the profile requires at least " + MIN_RSA_BITS);
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
