package org.enachain.core.jose;

import java.math.BigInteger;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.EllipticCurve;
import java.util.Optional;
import org.jose4j.keys.EllipticCurves;

/** The NIST curves of Profile 8.2, by their JWK names, and the on-curve test of RFC 8725 3.4. */
final class NamedCurve {

    private NamedCurve() {
    }

    /** The JWK {@code crv} name of these domain parameters, when they are exactly P-256, P-384 or P-521. */
    static Optional<String> nameOf(ECParameterSpec params) {
        if (sameCurve(params, EllipticCurves.P256)) {
            return Optional.of(EllipticCurves.P_256);
        }
        if (sameCurve(params, EllipticCurves.P384)) {
            return Optional.of(EllipticCurves.P_384);
        }
        if (sameCurve(params, EllipticCurves.P521)) {
            return Optional.of(EllipticCurves.P_521);
        }
        return Optional.empty();
    }

    private static boolean sameCurve(ECParameterSpec a, ECParameterSpec b) {
        return a.getCurve().equals(b.getCurve())
                && a.getGenerator().equals(b.getGenerator())
                && a.getOrder().equals(b.getOrder())
                && a.getCofactor() == b.getCofactor();
    }

    /**
     * Whether {@code w} is an affine point of the curve: both coordinates in [0, p) and
     * y² ≡ x³ + ax + b (mod p). The NIST curves have cofactor 1, so every such point is in the group.
     */
    static boolean isOnCurve(ECPoint w, ECParameterSpec params) {
        if (w == null || ECPoint.POINT_INFINITY.equals(w)) {
            return false;
        }
        EllipticCurve curve = params.getCurve();
        if (!(curve.getField() instanceof ECFieldFp field)) {
            return false;
        }
        BigInteger p = field.getP();
        BigInteger x = w.getAffineX();
        BigInteger y = w.getAffineY();
        if (x.signum() < 0 || x.compareTo(p) >= 0 || y.signum() < 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger left = y.multiply(y).mod(p);
        BigInteger right = x.multiply(x).add(curve.getA()).multiply(x).add(curve.getB()).mod(p);
        return left.equals(right);
    }
}
