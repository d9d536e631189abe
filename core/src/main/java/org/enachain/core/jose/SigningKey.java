package org.enachain.core.jose;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/**
 * A private key enachain signs with (client assertions, DPoP proofs, issued tokens), together with
 * its public half, its key id and the algorithm it signs with. Keys that break the profile's key
 * rules ({@link KeyPolicy}) cannot be built.
 *
 * <p>Load one from a JWK, a JWK Set, PEM or PKCS #12, or generate one. Immutable and thread-safe;
 * {@link #toString()} never shows key material.
 */
public final class SigningKey {

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;
    private final JwsAlgorithm algorithm;
    private final Map<String, Object> publicJwk;
    private final Map<String, Object> headerJwk;
    private final JwkThumbprint thumbprint;

    private SigningKey(PrivateKey privateKey, PublicKey publicKey, String keyId, JwsAlgorithm algorithm) {
        KeyPolicy.require(publicKey, "The signing key");
        if (!algorithm.fits(publicKey)) {
            throw new IllegalArgumentException("A " + publicKey.getAlgorithm() + " key cannot sign with " + algorithm
                    + (algorithm.curve().map(c -> " (it needs an EC key on " + c + ")").orElse("")));
        }
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.algorithm = algorithm;
        requireMatchingPair();
        PublicJsonWebKey jwk = newPublicJwk(publicKey);
        this.thumbprint = JwkThumbprint.of(jwk);
        this.keyId = keyId == null || keyId.isEmpty() ? thumbprint.value() : keyId;
        this.headerJwk = Collections.unmodifiableMap(jwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        Map<String, Object> published = new LinkedHashMap<>(headerJwk);
        published.put("kid", this.keyId);
        published.put("use", "sig");
        published.put("alg", algorithm.jwaName());
        this.publicJwk = Collections.unmodifiableMap(published);
    }

    // ---------------------------------------------------------------- factories

    /** A new key pair for {@code algorithm}: P-256/384/521 for ES*, 2048-bit RSA for RS* and PS*. */
    public static SigningKey generate(JwsAlgorithm algorithm) {
        try {
            PublicJsonWebKey jwk = switch (algorithm) {
                case ES256 -> EcJwkGenerator.generateJwk(EllipticCurves.P256);
                case ES384 -> EcJwkGenerator.generateJwk(EllipticCurves.P384);
                case ES512 -> EcJwkGenerator.generateJwk(EllipticCurves.P521);
                default -> RsaJwkGenerator.generateJwk(KeyPolicy.MIN_RSA_BITS);
            };
            return new SigningKey(jwk.getPrivateKey(), jwk.getPublicKey(), null, algorithm);
        } catch (JoseException e) {
            throw new IllegalStateException("This JVM cannot generate a key for " + algorithm, e);
        }
    }

    /** A new ES256 key on P-256, the profile's default for DPoP and client authentication. */
    public static SigningKey generateEs256() {
        return generate(JwsAlgorithm.ES256);
    }

    /**
     * Reads a private JWK (RFC 7517). The key id is the JWK's {@code kid}, or its RFC 7638 thumbprint;
     * the algorithm is the JWK's {@code alg}, or the default for the key (RS256, or ES256/384/512 by curve).
     */
    public static SigningKey fromJwk(String json) {
        try {
            return fromJwk(PublicJsonWebKey.Factory.newPublicJwk(json));
        } catch (JoseException | ClassCastException e) {
            throw new IllegalArgumentException("Not a private RSA or EC JWK: " + safeMessage(e));
        }
    }

    /**
     * Reads the private key with {@code keyId} from a JWK Set; {@code keyId} may be null when the set
     * holds exactly one key.
     */
    public static SigningKey fromJwks(String json, String keyId) {
        // Every entry counts, also those jose4j cannot read, so an unreadable key is never skipped silently.
        Object keys;
        try {
            keys = JsonUtil.parseJson(json).get("keys");
        } catch (JoseException | RuntimeException e) {
            throw new IllegalArgumentException("Not a JWK Set: " + safeMessage(e));
        }
        if (!(keys instanceof List<?> entries)) {
            throw new IllegalArgumentException("Not a JWK Set: it has no keys array");
        }
        List<Map<String, Object>> matching = new ArrayList<>();
        for (Object entry : entries) {
            if (entry instanceof Map<?, ?> map && (keyId == null || keyId.equals(map.get("kid")))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> params = (Map<String, Object>) map;
                matching.add(params);
            }
        }
        if (keyId == null && entries.size() != 1) {
            throw new IllegalArgumentException("The JWK Set holds " + entries.size() + " keys; name the one to sign"
                    + " with by its kid");
        }
        if (matching.size() != 1) {
            throw new IllegalArgumentException(matching.isEmpty() ? "The JWK Set holds no key with kid '" + keyId + "'"
                    : "The JWK Set holds " + matching.size() + " keys with kid '" + keyId + "'");
        }
        JsonWebKey jwk;
        try {
            jwk = JsonWebKey.Factory.newJwk(matching.get(0));
        } catch (JoseException | RuntimeException e) {
            throw new IllegalArgumentException("The JWK cannot be read as an RSA or EC key: " + safeMessage(e));
        }
        if (!(jwk instanceof PublicJsonWebKey publicJwk)) {
            throw new IllegalArgumentException("The JWK is not an RSA or EC key");
        }
        return fromJwk(publicJwk);
    }

    private static SigningKey fromJwk(PublicJsonWebKey jwk) {
        if (jwk.getPrivateKey() == null) {
            throw new IllegalArgumentException("The JWK holds only a public key; a signing key needs its private part ('d')");
        }
        JwsAlgorithm algorithm = jwk.getAlgorithm() == null
                ? defaultAlgorithm(jwk.getPublicKey())
                : JwsAlgorithm.fromJwaName(jwk.getAlgorithm()).orElseThrow(() -> new IllegalArgumentException(
                        "The JWK's alg '" + jwk.getAlgorithm() + "' is not an algorithm the profile permits"));
        return new SigningKey(jwk.getPrivateKey(), jwk.getPublicKey(), jwk.getKeyId(), algorithm);
    }

    /**
     * Reads a PEM text holding a {@code PRIVATE KEY} (PKCS #8) block. An RSA key's public half is
     * derived from it; an EC key needs its {@code PUBLIC KEY} or {@code CERTIFICATE} block in the same
     * text. The key id is the RFC 7638 thumbprint.
     */
    public static SigningKey fromPem(String pem) {
        PrivateKey privateKey = null;
        PublicKey publicKey = null;
        for (Pem.Block block : Pem.blocks(pem)) {
            if (Pem.isPrivate(block)) {
                if (privateKey != null) {
                    throw new IllegalArgumentException("The PEM text holds more than one private key");
                }
                privateKey = Pem.privateKey(block);
            } else if (publicKey == null) {
                publicKey = Pem.publicKey(block);
            }
        }
        if (privateKey == null) {
            throw new IllegalArgumentException("The PEM text holds no PRIVATE KEY block");
        }
        if (publicKey == null) {
            publicKey = derivePublicKey(privateKey).orElseThrow(() -> new IllegalArgumentException(
                    "An EC private key in PEM needs its public key beside it; append it with: openssl pkey -in key.pem -pubout"));
        }
        return fromKeyPair(privateKey, publicKey, null);
    }

    /**
     * Reads the private key entry {@code alias} from a PKCS #12 keystore; {@code alias} may be null
     * when the keystore holds exactly one private key.
     */
    public static SigningKey fromPkcs12(Path file, char[] password, String alias) {
        try (InputStream in = Files.newInputStream(file)) {
            return fromPkcs12(in, password, alias);
        } catch (IOException e) {
            // The JDK's messages here name the problem ("keystore password was incorrect"), never key material.
            throw new IllegalArgumentException("Cannot read the PKCS #12 keystore " + file + ": " + e.getMessage());
        }
    }

    /** As {@link #fromPkcs12(Path, char[], String)}, from a stream the caller closes. */
    public static SigningKey fromPkcs12(InputStream in, char[] password, String alias) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            String chosen = alias;
            if (chosen == null) {
                List<String> keyAliases = new ArrayList<>();
                for (String a : Collections.list(store.aliases())) {
                    if (store.isKeyEntry(a)) {
                        keyAliases.add(a);
                    }
                }
                if (keyAliases.size() != 1) {
                    throw new IllegalArgumentException("The keystore holds " + keyAliases.size()
                            + " private keys; name the one to sign with by its alias");
                }
                chosen = keyAliases.get(0);
            }
            Key key = store.getKey(chosen, password);
            Certificate certificate = store.getCertificate(chosen);
            if (!(key instanceof PrivateKey privateKey) || certificate == null) {
                throw new IllegalArgumentException("The keystore has no private key with a certificate under alias '" + chosen + "'");
            }
            return fromKeyPair(privateKey, certificate.getPublicKey(), null);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot read the PKCS #12 keystore: " + e.getClass().getSimpleName());
        }
    }

    /** A signing key from a JCA key pair; {@code keyId} null means the RFC 7638 thumbprint. */
    public static SigningKey fromKeyPair(PrivateKey privateKey, PublicKey publicKey, String keyId) {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(publicKey, "publicKey");
        if (!privateKey.getAlgorithm().equals(publicKey.getAlgorithm())) {
            throw new IllegalArgumentException("The private key (" + privateKey.getAlgorithm()
                    + ") and the public key (" + publicKey.getAlgorithm() + ") do not belong together");
        }
        return new SigningKey(privateKey, publicKey, keyId, defaultAlgorithm(publicKey));
    }

    /** The same key signing with another algorithm of its family, e.g. PS256 instead of RS256. */
    public SigningKey withAlgorithm(JwsAlgorithm newAlgorithm) {
        return new SigningKey(privateKey, publicKey, keyId, newAlgorithm);
    }

    /** The same key under another key id. */
    public SigningKey withKeyId(String newKeyId) {
        return new SigningKey(privateKey, publicKey, newKeyId, algorithm);
    }

    private static JwsAlgorithm defaultAlgorithm(PublicKey key) {
        if (key instanceof RSAPublicKey) {
            return JwsAlgorithm.RS256;
        }
        if (key instanceof ECPublicKey ec) {
            String curve = NamedCurve.nameOf(ec.getParams()).orElseThrow(() ->
                    new IllegalArgumentException("The signing key cannot be used: EC key on a curve other than P-256, P-384 or P-521"));
            return switch (curve) {
                case EllipticCurves.P_384 -> JwsAlgorithm.ES384;
                case EllipticCurves.P_521 -> JwsAlgorithm.ES512;
                default -> JwsAlgorithm.ES256;
            };
        }
        throw new IllegalArgumentException("The signing key cannot be used: the profile signs with RSA or EC keys only");
    }

    private static Optional<PublicKey> derivePublicKey(PrivateKey privateKey) {
        if (privateKey instanceof RSAPrivateCrtKey crt) {
            try {
                return Optional.of(KeyFactory.getInstance("RSA").generatePublic(
                        new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent())));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("RSA is not available in this JVM", e);
            }
        }
        if (privateKey instanceof ECPrivateKey) {
            return Optional.empty();
        }
        throw new IllegalArgumentException("The profile signs with RSA or EC keys only");
    }

    /**
     * A PEM or keystore can pair a private key with someone else's certificate; the key id and the
     * published JWK would then name the wrong key. One signature at load time tells.
     */
    private void requireMatchingPair() {
        JsonWebSignature probe = new JsonWebSignature();
        probe.setAlgorithmHeaderValue(algorithm.jwaName());
        probe.setPayload("enachain key pair check");
        probe.setKey(privateKey);
        try {
            JsonWebSignature check = new JsonWebSignature();
            check.setCompactSerialization(probe.getCompactSerialization());
            check.setKey(publicKey);
            if (!check.verifySignature()) {
                throw new IllegalArgumentException("The private key and the public key (or certificate) given with it"
                        + " do not belong together");
            }
        } catch (JoseException e) {
            throw new IllegalArgumentException("The signing key cannot sign with " + algorithm + ": "
                    + e.getClass().getSimpleName());
        }
    }

    private static PublicJsonWebKey newPublicJwk(PublicKey key) {
        try {
            return PublicJsonWebKey.Factory.newPublicJwk(key);
        } catch (JoseException e) {
            throw new IllegalArgumentException("Cannot represent a " + key.getAlgorithm() + " key as a JWK", e);
        }
    }

    private static String safeMessage(Exception e) {
        // jose4j's messages can quote the input; only its type is safe to show for key material.
        return e.getClass().getSimpleName();
    }

    // ---------------------------------------------------------------- use

    /**
     * Signs {@code payloadJson} as a compact JWS with header {@code alg}, {@code typ} and either
     * {@code kid} or, for DPoP proofs, the public {@code jwk} (RFC 9449 4.2).
     */
    public String sign(String typ, HeaderKey headerKey, String payloadJson) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(algorithm.jwaName());
        jws.setHeader("typ", typ);
        if (headerKey == HeaderKey.PUBLIC_JWK) {
            jws.getHeaders().setObjectHeaderValue("jwk", headerJwk);
        } else {
            jws.setKeyIdHeaderValue(keyId);
        }
        jws.setPayload(payloadJson);
        jws.setKey(privateKey);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("Signing with " + algorithm + " failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /** How the JWS header names the key: by {@code kid}, or by embedding the public {@code jwk}. */
    public enum HeaderKey { KEY_ID, PUBLIC_JWK }

    public String keyId() {
        return keyId;
    }

    public JwsAlgorithm algorithm() {
        return algorithm;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The public key as the JWK to publish in a JWK Set: key members plus {@code kid}, {@code use} and {@code alg}. */
    public Map<String, Object> publicJwk() {
        return publicJwk;
    }

    public JwkThumbprint thumbprint() {
        return thumbprint;
    }

    /** For handing to JCA and to jose4j; never log it. */
    public PrivateKey privateKey() {
        return privateKey;
    }

    @Override
    public String toString() {
        return "SigningKey[kid=" + keyId + ", alg=" + algorithm + ", jkt=" + thumbprint + "]";
    }
}
