package org.enachain.core.dpop;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.enachain.core.jose.SigningKey;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * Builds DPoP proofs for tests: starts from a valid proof (header {@code typ dpop+jwt}, the key's
 * {@code alg}, its public {@code jwk}; claims {@code jti}, {@code htm}, {@code htu}, {@code iat} and,
 * for a resource, {@code ath}) and lets a test change one thing. Signs with jose4j without key or
 * algorithm checks, so proofs the verifier must refuse can be built too.
 *
 * <p>The {@code htu} and {@code ath} values are written out here, not computed with the code under
 * test.
 */
final class ProofFixture {

    /** The protected resource requests go to. */
    static final URI RESOURCE_URI = URI.create("https://api.example.com/orders");
    /** {@link #RESOURCE_URI} as a client writes it in {@code htu}. */
    static final String RESOURCE_HTU = "https://api.example.com/orders";
    /** The token endpoint token requests go to. */
    static final URI TOKEN_ENDPOINT = URI.create("https://as.example.com/token");
    static final String TOKEN_ENDPOINT_HTU = "https://as.example.com/token";

    private final Map<String, Object> header = new LinkedHashMap<>();
    private final Map<String, Object> claims = new LinkedHashMap<>();
    private Key signingKey;

    private ProofFixture() {
    }

    /** A valid proof by {@code key} for {@code method} on {@code htu}, created at {@code now}, without {@code ath}. */
    static ProofFixture proof(SigningKey key, String method, String htu, Instant now) {
        ProofFixture f = new ProofFixture();
        f.signingKey = key.privateKey();
        f.header.put("typ", "dpop+jwt");
        f.header.put("alg", key.algorithm().jwaName());
        f.header.put("jwk", new LinkedHashMap<>(key.publicJwk()));
        f.claims.put("jti", UUID.randomUUID().toString());
        f.claims.put("htm", method);
        f.claims.put("htu", htu);
        f.claims.put("iat", now.getEpochSecond());
        return f;
    }

    /** A valid proof for {@code GET} {@link #RESOURCE_URI} presenting {@code accessToken} (with its {@code ath}). */
    static ProofFixture forResource(SigningKey key, Instant now, String accessToken) {
        return proof(key, "GET", RESOURCE_HTU, now).claim("ath", sha256Base64Url(accessToken));
    }

    /** A valid proof for {@code POST} {@link #TOKEN_ENDPOINT}: no {@code ath}. */
    static ProofFixture forTokenEndpoint(SigningKey key, Instant now) {
        return proof(key, "POST", TOKEN_ENDPOINT_HTU, now);
    }

    ProofFixture header(String name, Object value) {
        header.put(name, value);
        return this;
    }

    ProofFixture withoutHeader(String name) {
        header.remove(name);
        return this;
    }

    ProofFixture claim(String name, Object value) {
        claims.put(name, value);
        return this;
    }

    ProofFixture without(String name) {
        claims.remove(name);
        return this;
    }

    /** Signs with this key instead, leaving the {@code jwk} and {@code alg} headers as they are. */
    ProofFixture signWith(Key key) {
        this.signingKey = key;
        return this;
    }

    /** A modifiable copy of the {@code jwk} header's members. */
    @SuppressWarnings("unchecked")
    Map<String, Object> jwk() {
        return new LinkedHashMap<>((Map<String, Object>) header.get("jwk"));
    }

    Object claimValue(String name) {
        return claims.get(name);
    }

    /** The proof in compact form, signed with the fixture's key under its {@code alg} header. */
    String compact() {
        return sign(signingKey);
    }

    /** {@code alg none} and an empty signature. */
    String unsecured() {
        header.put("alg", "none");
        return sign(null);
    }

    /** An HMAC signature with {@code secret} under {@code alg}, e.g. HS256. */
    String hmacSigned(String alg, byte[] secret) {
        header.put("alg", alg);
        return sign(new HmacKey(secret));
    }

    private String sign(Key key) {
        JsonWebSignature jws = new JsonWebSignature();
        header.forEach((k, v) -> jws.getHeaders().setObjectHeaderValue(k, v));
        jws.setPayload(JsonUtil.toJson(claims));
        return serialize(jws, key);
    }

    /**
     * A JWS over exactly these header and payload texts, signed with {@code key} under the header's
     * {@code alg}. Nothing re-serialises the JSON, so it may be nested deeper than a recursive
     * serialiser could handle.
     */
    static String signRaw(String headerJson, String payloadJson, Key key) {
        JsonWebSignature jws = new JsonWebSignature();
        try {
            jws.getHeaders().setFullHeaderAsJsonString(headerJson);
        } catch (JoseException e) {
            throw new IllegalArgumentException(e);
        }
        jws.setPayload(payloadJson);
        return serialize(jws, key);
    }

    private static String serialize(JsonWebSignature jws, Key key) {
        jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
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

    /** The header as JSON, e.g. to embed in a hand-made proof. */
    String headerJson() {
        return JsonUtil.toJson(header);
    }

    /** base64url(SHA-256(ASCII(token))), computed here independently of {@link AccessTokenHash}. */
    static String sha256Base64Url(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
