package org.enachain.core.testing;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.enachain.core.jose.SigningKey;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * Builds test JWTs: start from a valid fixture of one kind and change one thing. Any header and any
 * claim can be set, including the ones enachain must refuse ({@code alg none}, HMAC, {@code jku}).
 */
public final class JwtFixture {

    public static final String ISSUER = "https://as.example.com";
    public static final String RESOURCE = "https://api-b.example.com";
    public static final String CLIENT = "https://app.example.com";
    public static final String TARGET_ISSUER = "https://as.domain-b.example";

    private final Map<String, Object> header = new LinkedHashMap<>();
    private final Map<String, Object> claims = new LinkedHashMap<>();
    private Key signingKey;
    private boolean noDefaultKeyId;

    private JwtFixture() {
    }

    /** A valid RFC 9068 access token for {@link #RESOURCE} from {@link #ISSUER}, signed by {@code key}. */
    public static JwtFixture accessToken(SigningKey key, Instant now) {
        JwtFixture f = new JwtFixture().signedBy(key);
        f.header.put("typ", "at+jwt");
        f.claims.put("iss", ISSUER);
        f.claims.put("sub", "user-4711");
        f.claims.put("aud", RESOURCE);
        f.claims.put("client_id", CLIENT);
        f.claims.put("scope", "orders-read profile");
        f.claims.put("iat", now.getEpochSecond());
        f.claims.put("exp", now.plusSeconds(300).getEpochSecond());
        f.claims.put("jti", UUID.randomUUID().toString());
        return f;
    }

    /** A valid client assertion by {@link #CLIENT} for {@link #ISSUER}, signed by {@code key}. */
    public static JwtFixture clientAssertion(SigningKey key, Instant now) {
        JwtFixture f = new JwtFixture().signedBy(key);
        f.header.put("typ", "client-authentication+jwt");
        f.claims.put("iss", CLIENT);
        f.claims.put("sub", CLIENT);
        f.claims.put("aud", ISSUER);
        f.claims.put("iat", now.getEpochSecond());
        f.claims.put("exp", now.plusSeconds(60).getEpochSecond());
        f.claims.put("jti", UUID.randomUUID().toString());
        return f;
    }

    /** A valid JWT authorization grant from {@link #ISSUER} to {@link #TARGET_ISSUER} for {@link #CLIENT}. */
    public static JwtFixture authorizationGrant(SigningKey key, Instant now) {
        JwtFixture f = new JwtFixture().signedBy(key);
        f.header.put("typ", "JWT");
        f.claims.put("iss", ISSUER);
        f.claims.put("sub", "user-4711");
        f.claims.put("aud", TARGET_ISSUER);
        f.claims.put("client_id", CLIENT);
        f.claims.put("scope", "b-read");
        f.claims.put("iat", now.getEpochSecond());
        f.claims.put("nbf", now.getEpochSecond());
        f.claims.put("exp", now.plusSeconds(120).getEpochSecond());
        f.claims.put("jti", UUID.randomUUID().toString());
        f.claims.put("act", Map.of("sub", "https://api-a.example.com", "act", Map.of("sub", CLIENT)));
        return f;
    }

    public JwtFixture signedBy(SigningKey key) {
        this.signingKey = key.privateKey();
        header.put("alg", key.algorithm().jwaName());
        if (!noDefaultKeyId) {
            header.put("kid", key.keyId());
        }
        return this;
    }

    public JwtFixture header(String name, Object value) {
        header.put(name, value);
        return this;
    }

    public JwtFixture withoutHeader(String name) {
        header.remove(name);
        if (name.equals("kid")) {
            noDefaultKeyId = true;
        }
        return this;
    }

    public JwtFixture claim(String name, Object value) {
        claims.put(name, value);
        return this;
    }

    public JwtFixture without(String name) {
        claims.remove(name);
        return this;
    }

    public Map<String, Object> claims() {
        return claims;
    }

    /** Signs with the fixture's key under its {@code alg} header. */
    public String compact() {
        return sign(signingKey, AlgorithmConstraints.NO_CONSTRAINTS);
    }

    /** {@code alg none}, no signature (GEN-11). */
    public String unsecured() {
        header.put("alg", "none");
        header.remove("kid");
        return sign(null, AlgorithmConstraints.NO_CONSTRAINTS);
    }

    /** HMAC with the given secret, e.g. the verifier's RSA public key bytes (GEN-10, GEN-12). */
    public String hmacSigned(String alg, byte[] secret) {
        header.put("alg", alg);
        return sign(new HmacKey(secret), AlgorithmConstraints.NO_CONSTRAINTS);
    }

    /** The header and payload exactly as given, with a signature segment of {@code signature}. */
    public String rawWithSignature(String signature) {
        return b64(JsonUtil.toJson(header)) + "." + b64(JsonUtil.toJson(claims)) + "." + signature;
    }

    private String sign(Key key, AlgorithmConstraints constraints) {
        JsonWebSignature jws = new JsonWebSignature();
        header.forEach((k, v) -> jws.getHeaders().setObjectHeaderValue(k, v));
        jws.setPayload(JsonUtil.toJson(claims));
        jws.setAlgorithmConstraints(constraints);
        jws.setDoKeyValidation(false);
        if (key != null) {
            jws.setKey(key);
        }
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    public static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Replaces one segment (0 header, 1 payload, 2 signature) of a compact JWS. */
    public static String replaceSegment(String compact, int index, String segment) {
        String[] parts = compact.split("\\.", -1);
        parts[index] = segment;
        return String.join(".", List.of(parts));
    }
}
