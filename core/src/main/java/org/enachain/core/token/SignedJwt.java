package org.enachain.core.token;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.enachain.core.Reason;
import org.enachain.core.jose.AlgorithmPolicy;
import org.enachain.core.jose.JwksSource;
import org.enachain.core.jose.JwksUnavailableException;
import org.enachain.core.jose.JwsAlgorithm;
import org.jose4j.jca.ProviderContext;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwa.AlgorithmFactoryFactory;
import org.jose4j.jws.JsonWebSignatureAlgorithm;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;


/**
 * A JWT in JWS compact serialization, read under the profile's rules and checked step by step by the
 * validators, in this order: size and structure ({@link #parse}), critical headers
 * ({@link #requireNoCriticalHeader}), {@code typ} ({@link #type()}), {@code alg}
 * ({@link #requireAlgorithm}), key and signature ({@link #verify}), then claims ({@link #claims()}).
 * Every step reports failure as a {@link JwtRejectedException} with its {@link Reason}; no parser
 * exception escapes.
 *
 * <p>The compact form is split and base64url-decoded here, once, with the JDK's strict decoder;
 * jose4j parses the JSON and performs the signature algorithm (key checks, ECDSA signature format,
 * RSASSA-PSS parameters).
 *
 * <p>One instance per received JWT, used by one thread; the validators that create them are the
 * shared, immutable part.
 */
public final class SignedJwt {

    /** jose4j's implementation of each algorithm the profile permits; stateless and shared. */
    private static final Map<JwsAlgorithm, JsonWebSignatureAlgorithm> JOSE4J = jose4jAlgorithms();
    private static final ProviderContext PROVIDERS = new ProviderContext();

    /**
     * Decoded headers by their encoded form. The headers of one issuer's tokens, or one client's
     * proofs, repeat exactly, so most JWTs skip decoding and parsing their header. Bounded: when
     * full it starts over, so random headers cost memory no longer than one round.
     */
    private static final int HEADER_CACHE_SIZE = 256;
    /** Real headers are short (a DPoP proof's, with an RSA-4096 {@code jwk}, is under 1 KiB); longer ones are not kept. */
    private static final int MAX_CACHED_HEADER_LENGTH = 2048;
    private static final Map<String, Map<String, Object>> HEADERS = new ConcurrentHashMap<>();

    private final String compact;
    private final int payloadStart;
    private final int signatureStart;
    private final Map<String, Object> header;
    private JwtClaims claims;

    private SignedJwt(String compact, int payloadStart, int signatureStart, Map<String, Object> header) {
        this.compact = compact;
        this.payloadStart = payloadStart;
        this.signatureStart = signatureStart;
        this.header = header;
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
        if (!canonicalBase64Url(compact, 0, first) || !canonicalBase64Url(compact, first + 1, second)
                || !canonicalBase64Url(compact, second + 1, compact.length())) {
            throw new JwtRejectedException(Reason.MALFORMED, "A JWT segment is not valid base64url");
        }
        Map<String, Object> header = decodeHeader(compact.substring(0, first));
        if (header.containsKey("b64")) {
            throw new JwtRejectedException(Reason.MALFORMED, "Unencoded JWS payloads (b64) are not accepted");
        }
        return new SignedJwt(compact, first + 1, second + 1, header);
    }

    private static Map<String, Object> decodeHeader(String encoded) throws JwtRejectedException {
        Map<String, Object> header = HEADERS.get(encoded);
        if (header != null) {
            return header;
        }
        try {
            header = Claims.deepImmutableCopy(JsonUtil.parseJson(utf8(encoded, 0, encoded.length())));
        } catch (JoseException | RuntimeException e) {
            // jose4j's message may quote the input: it is dropped.
            throw new JwtRejectedException(Reason.MALFORMED, "The JWT header is not a valid JSON object");
        }
        if (encoded.length() <= MAX_CACHED_HEADER_LENGTH) {
            if (HEADERS.size() >= HEADER_CACHE_SIZE) {
                HEADERS.clear();
            }
            HEADERS.put(encoded, header);
        }
        return header;
    }

    /** Five segments are a JWE when the first decodes to a header with {@code enc}; else two JWTs run together, say. */
    private static boolean isJweHeader(String segment) {
        try {
            return JsonUtil.parseJson(utf8(segment, 0, segment.length())).containsKey("enc");
        } catch (JoseException | RuntimeException e) {
            return false;
        }
    }

    private static String utf8(String compact, int from, int to) {
        return new String(decode(compact, from, to), StandardCharsets.UTF_8);
    }

    private static byte[] decode(String compact, int from, int to) {
        return Base64.getUrlDecoder().decode(compact.substring(from, to));
    }

    private static boolean isBase64UrlChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    /**
     * Unpadded base64url never leaves a single character over, and the unused low bits of a final
     * partial group are zero (RFC 4648 3.5). The JDK decoder ignores those bits; without this check one
     * JWT would have several spellings — a signature could be altered without breaking it.
     */
    private static boolean canonicalBase64Url(String s, int from, int to) {
        int length = to - from;
        if (length % 4 == 1) {
            return false;
        }
        if (length % 4 == 0) {
            return true;
        }
        int unusedBitsMask = length % 4 == 2 ? 0x0F : 0x03;
        return (sextet(s.charAt(to - 1)) & unusedBitsMask) == 0;
    }

    private static int sextet(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '-' ? 62 : 63;
    }

    /** The {@code crit} header lists extensions the receiver must understand; enachain uses none. */
    public void requireNoCriticalHeader() throws JwtRejectedException {
        if (header.get("crit") != null) {
            throw new JwtRejectedException(Reason.CRITICAL_HEADER);
        }
    }

    /** The {@code typ} header, or null when absent or not a string. */
    public String type() {
        return header.get("typ") instanceof String s ? s : null;
    }

    /**
     * Whether {@code typ} is one of {@code accepted} (given in lower case, without {@code application/}).
     * Per RFC 7515 4.1.9, media type names compare case-insensitively and a value without a '/' means
     * the same as with {@code application/} before it: {@code at+jwt} equals {@code application/at+jwt}.
     */
    public boolean typeIsOneOf(List<String> accepted) {
        String typ = type();
        return typ != null && accepted.contains(mediaSubtype(typ));
    }

    /** The {@code typ} value in lower case without an {@code application/} prefix. */
    public static String mediaSubtype(String typ) {
        String lower = typ.toLowerCase(Locale.ROOT);
        return lower.startsWith("application/") ? lower.substring("application/".length()) : lower;
    }

    /** The allowed algorithm the {@code alg} header names; {@code none}, HMAC and unlisted ones fail. */
    public JwsAlgorithm requireAlgorithm(AlgorithmPolicy policy) throws JwtRejectedException {
        if (!(header.get("alg") instanceof String name)) {
            throw new JwtRejectedException(Reason.MALFORMED, "The JWT header has no alg");
        }
        return policy.permitted(name).orElseThrow(() -> new JwtRejectedException(Reason.ALGORITHM_NOT_ALLOWED));
    }

    /** The {@code kid} header, or null. */
    public String keyId() {
        return header.get("kid") instanceof String s ? s : null;
    }

    /** A header parameter as decoded JSON (String, Number, Boolean, List, Map), or null. */
    public Object header(String name) {
        return header.get(name);
    }

    /**
     * Verifies the signature with the trusted keys for the JWT's {@code kid} and algorithm. The
     * algorithm must already have passed {@link #requireAlgorithm}.
     */
    public void verify(JwksSource keys, JwsAlgorithm algorithm) throws JwtRejectedException {
        if (header.containsKey("kid") && keyId() == null) {
            throw new JwtRejectedException(Reason.MALFORMED, "The JWT's kid header is not a string");
        }
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
            if (verifies(key, algorithm)) {
                return;
            }
        }
        throw new JwtRejectedException(Reason.BAD_SIGNATURE);
    }

    /**
     * Whether {@code key} verifies the signature with {@code algorithm}, which must already have
     * passed {@link #requireAlgorithm}. A key that does not fit the algorithm, or is too weak for it,
     * verifies nothing.
     */
    public boolean verifies(PublicKey key, JwsAlgorithm algorithm) {
        JsonWebSignatureAlgorithm jose4j = JOSE4J.get(algorithm);
        try {
            jose4j.validateVerificationKey(key);
            byte[] signingInput = compact.substring(0, signatureStart - 1).getBytes(StandardCharsets.US_ASCII);
            return jose4j.verifySignature(decode(compact, signatureStart, compact.length()), key, signingInput, PROVIDERS);
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
                claims = JwtClaims.parse(utf8(compact, payloadStart, signatureStart - 1));
            } catch (Exception e) {
                // Includes jose4j's InvalidJwtException, whose message quotes the payload: dropped.
                throw new JwtRejectedException(Reason.MALFORMED, "The JWT payload is not a valid JSON object");
            }
        }
        return claims;
    }

    private static Map<JwsAlgorithm, JsonWebSignatureAlgorithm> jose4jAlgorithms() {
        Map<JwsAlgorithm, JsonWebSignatureAlgorithm> map = new EnumMap<>(JwsAlgorithm.class);
        for (JwsAlgorithm algorithm : JwsAlgorithm.values()) {
            try {
                map.put(algorithm, AlgorithmFactoryFactory.getInstance().getJwsAlgorithmFactory()
                        .getAlgorithm(algorithm.jwaName()));
            } catch (JoseException e) {
                throw new IllegalStateException("jose4j cannot provide " + algorithm + " on this JVM", e);
            }
        }
        return map;
    }
}
