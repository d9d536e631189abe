package org.enachain.sts.engine;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.enachain.core.Printable;

/**
 * The parameters of an {@code application/x-www-form-urlencoded} request body (RFC 6749 3.2).
 * An empty value counts as omitted (RFC 6749 3.1); a parameter may appear once, except the
 * multi-valued target indicators {@code resource} and {@code audience} (RFC 8707 2, RFC 8693 2.1).
 */
final class FormParameters {

    static final String MEDIA_TYPE = "application/x-www-form-urlencoded";

    private static final Set<String> MULTI_VALUED = Set.of("resource", "audience");
    private static final int MAX_PARAMETERS = 64;

    private final Map<String, List<String>> values;

    private FormParameters(Map<String, List<String>> values) {
        this.values = values;
    }

    static boolean isFormMediaType(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return MEDIA_TYPE.equals(type.toLowerCase(Locale.ROOT));
    }

    static FormParameters parse(String body) throws RequestRejected {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return new FormParameters(values);
        }
        String[] pairs = body.split("&", -1);
        if (pairs.length > MAX_PARAMETERS) {
            throw RequestRejected.invalidRequest("The request has too many parameters");
        }
        for (String pair : pairs) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (value.isEmpty()) {
                continue;
            }
            values.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
        }
        for (Map.Entry<String, List<String>> e : values.entrySet()) {
            if (e.getValue().size() > 1 && !MULTI_VALUED.contains(e.getKey())) {
                throw RequestRejected.invalidRequest("The parameter " + "'" + Printable.ascii(e.getKey(), 40) + "'"
                        + " appears more than once");
            }
        }
        return new FormParameters(values);
    }

    /** Parameters already decoded (one value each); empty values count as omitted. */
    static FormParameters of(Map<String, String> single) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        single.forEach((k, v) -> {
            if (v != null && !v.isEmpty()) {
                values.put(k, List.of(v));
            }
        });
        return new FormParameters(values);
    }

    private static String decode(String encoded) throws RequestRejected {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw RequestRejected.invalidRequest("The request body is not valid form encoding");
        }
    }

    Optional<String> optional(String name) {
        List<String> v = values.get(name);
        return v == null ? Optional.empty() : Optional.of(v.get(0));
    }

    String required(String name) throws RequestRejected {
        return optional(name).orElseThrow(() -> RequestRejected.invalidRequest("The parameter " + name + " is missing"));
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    @Override
    public String toString() {
        return "FormParameters" + values.keySet();
    }
}
