package org.enachain.core.token;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.enachain.core.Reason;
import org.enachain.core.jose.AlgorithmPolicy;
import org.enachain.core.jose.JwksSource;
import org.enachain.core.jose.JwksUnavailableException;
import org.enachain.core.jose.JwsAlgorithm;
import org.jose4j.json.JsonUtil;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * A JWT in JWS compact serialization, read under the profile's rules and checked step by step by
 * the validators, in this order: {@link #parse size and structure}, {@link #requireNoCriticalHeader
 * critical headers}, {@link #type() typ}, {@link #requireAlgorithm alg}, {@link #verify key and
 * signature}, then claims. Every step reports failure as a {@link JwtRejectedException} with its
 * {@link Reason}; no parser exception escapes.
 *
 * <p>One instance per received JWT, used by one thread; the validators that create them are the
 * shared, immutable part.
 */
public final class SignedJwt {

    private final JsonWebSignature jws;
    private JwtClaims claims;

    private SignedJwt(JsonWebSignature jws) {
        this.jws = jws;
    }

    /**
     * Checks the size and compact structure and decodes the header. Before any decoding, the text
     * must be at most {@code maxLength} characters of three base64url segments (the payload and
     * header non-empty), so oversized input, JWE (five segments), two JWTs run together and
     * non-base64url characters fail fast.
     */
    public static SignedJwt parse(String compact, int maxLength) throws JwtRejectedException {
        if (compact == null || compact.isEmpty()) {
            throw new JwtRejectedException(Reason.MALFORMED, "No JWT was given");
        }
        if (compact.length() > maxLength) {
            throw new JwtRejectedException(Reason.TOO_LARGE);
        }
        int dots = 0;
        for (int i = 0; i < compact.length(); i++) {
            char c = compact.charAt(i);
            if (c == '.') {
                dots++;
            } else if (!isBase64UrlChar(c)) {
                throw new JwtRejectedException(Reason.MALFORMED,
                        "The JWT contains a character outside the base64url alphabet");
            }
        }
        if (dots == 4 && isJweHeader(compact.substring(0, compact.indexOf('.')))) {
            throw new JwtRejectedException(Reason.ENCRYPTED);
        }
        if (dots != 2) {
            throw new JwtRejectedException(Reason.MALFORMED, "The JWT is not one compact JWS of three segments");
        }
        int first = compact.indexOf('.');
        int second = compact.indexOf('.', first + 1);
        if (first == 0 || second == first + 1) {
            throw new JwtRejectedException(Reason.MALFORMED, "The JWT has an empty header or payload");
        }
        if (!validBase64UrlLength(first) || !validBase64UrlLength(second - first - 1)
                || !validBase64UrlLength(compact.length() - second - 1)) {
            throw new JwtRejectedException(Reason.MALFORMED, "A JWT segment is not valid base64url");
        }
        JsonWebSignature jws = new JsonWebSignature();
        try {
            jws.setCompactSerialization(compact);
        } catch (JoseException | RuntimeException e) {
            // jose4j's message may quote the input: it is dropped.
            throw new JwtRejectedException(Reason.MALFORMED, "The JWT header is not a valid JSON object");
        }
        if (jws.getHeaders().getObjectHeaderValue("b64") != null) {
            throw new JwtRejectedException(Reason.MALFORMED, "Unencoded JWS payloads (b64) are not accepted");
        }
        return new SignedJwt(jws);
    }

    /** Five segments are a JWE when the first decodes to a header with {@code enc}; else two JWTs run together, say. */
    private static boolean isJweHeader(String segment) {
        try {
            return JsonUtil.parseJson(new String(Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8))
                    .containsKey("enc");
        } catch (JoseException | RuntimeException e) {
            return false;
        }
    }

    private static boolean isBase64UrlChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    /** Unpadded base64url never leaves a single character over. */
    private static boolean validBase64UrlLength(int length) {
        return length % 4 != 1;
    }

    /** The {@code crit} header lists extensions the receiver must understand; enachain uses none. */
    public void requireNoCriticalHeader() throws JwtRejectedException {
        if (jws.getHeaders().getObjectHeaderValue("crit") != null) {
            throw new JwtRejectedException(Reason.CRITICAL_HEADER);
        }
    }

    /** The {@code typ} header, or null when absent or not a string. */
    public String type() {
        Object typ = jws.getHeaders().getObjectHeaderValue("typ");
        return typ instanceof String s ? s : null;
    }

    /**
     * Whether {@code typ} is one of {@code accepted}; media type names compare case-insensitively
     * (RFC 7515 4.1.9).
     */
    public boolean typeIsOneOf(List<String> accepted) {
        String typ = type();
        if (typ == null) {
            return false;
        }
        String lower = typ.toLowerCase(Locale.ROOT);
        for (String a : accepted) {
            if (a.equals(lower)) {
                return true;
            }
        }
        return false;
    }

    /** The allowed algorithm the {@code alg} header names; {@code none}, HMAC and unlisted ones fail. */
    public JwsAlgorithm requireAlgorithm(AlgorithmPolicy policy) throws JwtRejectedException {
        Object alg = jws.getHeaders().getObjectHeaderValue("alg");
        if (!(alg instanceof String name)) {
            throw new JwtRejectedException(Reason.MALFORMED, "The JWT header has no alg");
        }
        return policy.permitted(name).orElseThrow(() -> new JwtRejectedException(Reason.ALGORITHM_NOT_ALLOWED));
    }

    /** The {@code kid} header, or null. */
    public String keyId() {
        Object kid = jws.getHeaders().getObjectHeaderValue("kid");
        return kid instanceof String s ? s : null;
    }

    /** A header parameter as decoded JSON (String, Number, Boolean, List, Map), or null. */
    public Object header(String name) {
        return jws.getHeaders().getObjectHeaderValue(name);
    }

    /**
     * Verifies the signature with the trusted keys for the JWT's {@code kid} and algorithm. The
     * algorithm must already have passed {@link #requireAlgorithm}.
     */
    public void verify(JwksSource keys, JwsAlgorithm algorithm, AlgorithmPolicy policy) throws JwtRejectedException {
        List<PublicKey> candidates;
        try {
            candidates = keys.keysFor(keyId(), algorithm);
        } catch (JwksUnavailableException e) {
            throw new JwtRejectedException(Reason.KEYS_UNAVAILABLE);
        }
        if (candidates.isEmpty()) {
            throw new JwtRejectedException(Reason.UNKNOWN_KEY);
        }
        for (PublicKey key : candidates) {
            if (verifies(key, policy)) {
                return;
            }
        }
        throw new JwtRejectedException(Reason.BAD_SIGNATURE);
    }

    /** Whether {@code key} verifies the signature under the policy's algorithms. */
    public boolean verifies(PublicKey key, AlgorithmPolicy policy) {
        jws.setAlgorithmConstraints(policy.toJose4j());
        jws.setKey(key);
        try {
            return jws.verifySignature();
        } catch (JoseException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The claims set, parsed once. Called after the signature check by the validators, except to read
     * {@code iss} when the issuer selects the keys.
     */
    public JwtClaims claims() throws JwtRejectedException {
        if (claims == null) {
            try {
                claims = JwtClaims.parse(jws.getUnverifiedPayload());
            } catch (Exception e) {
                // Includes jose4j's InvalidJwtException, whose message quotes the payload: dropped.
                throw new JwtRejectedException(Reason.MALFORMED, "The JWT payload is not a valid JSON object");
            }
        }
        return claims;
    }
}
