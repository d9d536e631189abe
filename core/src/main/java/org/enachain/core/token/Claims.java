package org.enachain.core.token;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.enachain.core.Reason;
import org.enachain.core.ScopeValues;
import org.jose4j.jwt.JwtClaims;

/**
 * Typed reads of a verified claims set: a missing required claim is {@link Reason#MISSING_CLAIM}, a
 * value of the wrong JSON type is {@link Reason#INVALID_CLAIM}. Descriptions name the claim, never
 * its value.
 */
public final class Claims {

    private Claims() {
    }

    public static String requiredString(JwtClaims claims, String name) throws JwtRejectedException {
        String value = optionalString(claims, name);
        if (value == null) {
            throw missing(name);
        }
        return value;
    }

    public static String optionalString(JwtClaims claims, String name) throws JwtRejectedException {
        Object value = claims.getClaimValue(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw invalid(name, "a string");
        }
        return s;
    }

    public static Instant requiredTime(JwtClaims claims, String name) throws JwtRejectedException {
        Instant value = optionalTime(claims, name);
        if (value == null) {
            throw missing(name);
        }
        return value;
    }

    /** A NumericDate (RFC 7519 2): seconds since the epoch, fractions dropped. */
    public static Instant optionalTime(JwtClaims claims, String name) throws JwtRejectedException {
        Object value = claims.getClaimValue(name);
        if (value == null) {
            return null;
        }
        boolean integral = value instanceof Long || value instanceof Integer;
        boolean finiteDouble = value instanceof Double d && !d.isNaN() && !d.isInfinite();
        if (!integral && !finiteDouble) {
            // Also BigInteger and BigDecimal: their longValue() would silently wrap around.
            throw invalid(name, "a NumericDate");
        }
        Number n = (Number) value;
        long seconds = n.longValue();
        if (seconds < 0 || seconds > 253402300799L) { // up to year 9999
            throw invalid(name, "a NumericDate");
        }
        return Instant.ofEpochSecond(seconds);
    }

    /** {@code aud}: one string or an array of strings (RFC 7519 4.1.3); empty when absent. */
    public static List<String> audience(JwtClaims claims) throws JwtRejectedException {
        return stringOrStringArray(claims, "aud");
    }

    /** Whether {@code aud} was sent as a JSON array (even of one value). */
    public static boolean audienceIsArray(JwtClaims claims) {
        return claims.getClaimValue("aud") instanceof List;
    }

    /**
     * {@code scope}: a space-delimited string (RFC 9068 2.2.3, RFC 8693 4.2); an array of strings is
     * read too. Empty when absent.
     */
    public static Set<String> scopes(JwtClaims claims) throws JwtRejectedException {
        Object value = claims.getClaimValue("scope");
        if (value == null) {
            return Set.of();
        }
        if (value instanceof String s) {
            return ScopeValues.parse(s);
        }
        return Collections.unmodifiableSet(new LinkedHashSet<>(stringOrStringArray(claims, "scope")));
    }

    public static List<String> stringOrStringArray(JwtClaims claims, String name) throws JwtRejectedException {
        Object value = claims.getClaimValue(name);
        if (value == null) {
            return List.of();
        }
        if (value instanceof String s) {
            return List.of(s);
        }
        if (value instanceof List<?> list) {
            List<String> strings = new ArrayList<>(list.size());
            for (Object o : list) {
                if (!(o instanceof String s)) {
                    throw invalid(name, "a string or an array of strings");
                }
                strings.add(s);
            }
            return Collections.unmodifiableList(strings);
        }
        throw invalid(name, "a string or an array of strings");
    }

    /** A JSON object claim such as {@code cnf}, or null when absent. */
    public static Map<String, Object> optionalObject(JwtClaims claims, String name) throws JwtRejectedException {
        Object value = claims.getClaimValue(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw invalid(name, "a JSON object");
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }

    /** JSON nested deeper than this is refused: no JWT of this profile comes near it. */
    static final int MAX_DEPTH = 32;

    /** Refuses a claims set nested deeper than {@link #MAX_DEPTH}, without copying it. */
    public static void requireDepthAtMost(JwtClaims claims) throws JwtRejectedException {
        for (String name : claims.getClaimNames()) {
            if (depthOver(claims.getClaimValue(name), 1)) {
                throw new JwtRejectedException(Reason.INVALID_CLAIM, "The JWT's claims are nested too deeply");
            }
        }
    }

    private static boolean depthOver(Object v, int depth) {
        if (v instanceof Map<?, ?> m) {
            if (depth > MAX_DEPTH) {
                return true;
            }
            for (Object o : m.values()) {
                if (depthOver(o, depth + 1)) {
                    return true;
                }
            }
        } else if (v instanceof List<?> l) {
            if (depth > MAX_DEPTH) {
                return true;
            }
            for (Object o : l) {
                if (depthOver(o, depth + 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The whole claims set as an unmodifiable deep copy (nested objects and arrays too). */
    public static Map<String, Object> immutableCopy(JwtClaims claims) throws JwtRejectedException {
        try {
            return deepImmutableCopy(claims.getClaimsMap());
        } catch (IllegalArgumentException e) {
            throw new JwtRejectedException(Reason.INVALID_CLAIM, "The JWT's claims are nested too deeply");
        }
    }

    /**
     * An unmodifiable deep copy of decoded JSON: nested objects and arrays are copied too.
     *
     * @throws IllegalArgumentException when nested deeper than {@link #MAX_DEPTH}
     */
    static Map<String, Object> deepImmutableCopy(Map<String, Object> map) {
        return copyObject(map, 0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copyObject(Map<String, Object> map, int depth) {
        Map<String, Object> copy = new LinkedHashMap<>(map.size() * 2);
        map.forEach((k, v) -> copy.put(k, copyValue(v, depth + 1)));
        return Collections.unmodifiableMap(copy);
    }

    @SuppressWarnings("unchecked")
    private static Object copyValue(Object v, int depth) {
        if (depth > MAX_DEPTH && (v instanceof Map || v instanceof List)) {
            throw new IllegalArgumentException("JSON nested deeper than " + MAX_DEPTH + " levels");
        }
        if (v instanceof Map<?, ?> m) {
            return copyObject((Map<String, Object>) m, depth);
        }
        if (v instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            for (Object o : l) {
                copy.add(copyValue(o, depth + 1));
            }
            return Collections.unmodifiableList(copy);
        }
        return v;
    }

    static JwtRejectedException missing(String name) {
        return new JwtRejectedException(Reason.MISSING_CLAIM, "The JWT has no " + name + " claim");
    }

    static JwtRejectedException invalid(String name, String expected) {
        return new JwtRejectedException(Reason.INVALID_CLAIM, "The JWT's " + name + " claim is not " + expected);
    }
}
