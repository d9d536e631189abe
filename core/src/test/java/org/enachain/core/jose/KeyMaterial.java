package org.enachain.core.jose;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EllipticCurve;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/** Key material for the jose tests: JWK and JWK Set JSON, PEM text, and keys the profile forbids. */
final class KeyMaterial {

    /** secp256k1's generator as a public JWK: a valid point on a curve the profile does not allow. */
    static final String SECP256K1_X = "eb5mfvncu6xVoGKVzocLBwKb_NstzijZWfKBWxb4F5g";
    static final String SECP256K1_Y = "SDradyajxGVdpPv8DhEIqP0XtEimhVQZnEfQj_sQ1Lg";
    /** P-192's generator, base64url: a valid point on a curve smaller than the profile allows. */
    static final String P192_GX = "GI2oDrAwkPZ8vyDrQ6GIAPT_Cv2C_xAS";
    static final String P192_GY = "Bxkrlf_I2nhjEBHtayTN1XP5d6EeeUgR";
    /** The private scalar 1, whose public point is the generator. */
    static final String D_ONE = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE";

    private KeyMaterial() {
    }

    /** The public members of {@code key} as a JWK, plus {@code extra} members such as kid, use, alg. */
    static Map<String, Object> publicJwk(PublicKey key, Map<String, Object> extra) {
        try {
            Map<String, Object> jwk = new LinkedHashMap<>(PublicJsonWebKey.Factory.newPublicJwk(key)
                    .toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
            jwk.putAll(extra);
            return jwk;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> publicJwk(PublicKey key, String kid) {
        return publicJwk(key, Map.of("kid", kid));
    }

    /** All members of a signing key's JWK, private ones included, plus {@code extra}. */
    static Map<String, Object> privateJwk(SigningKey key, Map<String, Object> extra) {
        try {
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(key.publicKey());
            jwk.setPrivateKey(key.privateKey());
            Map<String, Object> params = new LinkedHashMap<>(jwk.toParams(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
            params.putAll(extra);
            return params;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    static String json(Map<String, ?> members) {
        return JsonUtil.toJson(members);
    }

    @SafeVarargs
    @SuppressWarnings("varargs") // the array only feeds a read-only list
    static String jwks(Map<String, Object>... keys) {
        return JsonUtil.toJson(Map.of("keys", List.of(keys)));
    }

    /** The JWK of a valid P-256 public key with one byte of {@code y} changed: a point off the curve. */
    static Map<String, Object> offCurveP256Jwk(String kid) {
        Map<String, Object> jwk = publicJwk(SigningKey.generateEs256().publicKey(), kid);
        byte[] y = Base64.getUrlDecoder().decode((String) jwk.get("y"));
        y[y.length / 2] ^= 0x01;
        jwk.put("y", Base64.getUrlEncoder().withoutPadding().encodeToString(y));
        return jwk;
    }

    /** A public key on NIST P-192, a curve smaller than the profile allows, built from explicit parameters. */
    static ECPublicKey p192PublicKey() {
        BigInteger p = new BigInteger("fffffffffffffffffffffffffffffffeffffffffffffffff", 16);
        BigInteger b = new BigInteger("64210519e59c80e70fa7e9ab72243049feb8deecc146b9b1", 16);
        BigInteger gx = new BigInteger("188da80eb03090f67cbf20eb43a18800f4ff0afd82ff1012", 16);
        BigInteger gy = new BigInteger("07192b95ffc8da78631011ed6b24cdd573f977a11e794811", 16);
        BigInteger n = new BigInteger("ffffffffffffffffffffffff99def836146bc9b1b4d22831", 16);
        ECParameterSpec spec = new ECParameterSpec(
                new EllipticCurve(new ECFieldFp(p), p.subtract(BigInteger.valueOf(3)), b), new ECPoint(gx, gy), n, 1);
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(gx, gy), spec));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A P-256 public key whose point is {@code w}, which need not be on the curve. */
    static ECPublicKey p256PublicKeyAt(ECPoint w) {
        ECParameterSpec params = ((ECPublicKey) SigningKey.generateEs256().publicKey()).getParams();
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, params));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair ecKeyPair(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair rsaKeyPair(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An RFC 7468 PEM block of {@code key}'s encoding (PKCS #8 for private keys, SPKI for public ones). */
    static String pem(String label, Key key) {
        return pem(label, key.getEncoded());
    }

    static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }
}
