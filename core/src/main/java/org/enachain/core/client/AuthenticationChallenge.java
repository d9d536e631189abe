package org.enachain.core.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One challenge of a {@code WWW-Authenticate} header as a client reads it (RFC 9110 11.6.1,
 * RFC 6750 3, RFC 9449 7.1; CL-51): its scheme and parameters ({@code error}, {@code scope},
 * {@code algs}, ...). {@link #parse} reads every challenge of every header value, also several in
 * one value, quoted strings with escapes, and a scheme's {@code token68}. Parameter names compare
 * case-insensitively; unknown parameters are kept and can simply be ignored (CL-52). Malformed parts
 * end the parse of that value; what was read before stays.
 */
public record AuthenticationChallenge(String scheme, Map<String, String> parameters, String token68) {

    public AuthenticationChallenge {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** Whether this is a challenge of {@code scheme} (compared case-insensitively). */
    public boolean isScheme(String name) {
        return scheme.equalsIgnoreCase(name);
    }

    /** A parameter by name, case-insensitively. */
    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name.toLowerCase(Locale.ROOT)));
    }

    public Optional<String> error() {
        return parameter("error");
    }

    /** Every challenge in these {@code WWW-Authenticate} values, in order. */
    public static List<AuthenticationChallenge> parse(List<String> headerValues) {
        List<AuthenticationChallenge> out = new ArrayList<>();
        for (String value : headerValues) {
            if (value != null) {
                new Parser(value).parseInto(out);
            }
        }
        return out;
    }

    /** The first challenge of {@code scheme}, if any. */
    public static Optional<AuthenticationChallenge> find(List<String> headerValues, String scheme) {
        return parse(headerValues).stream().filter(c -> c.isScheme(scheme)).findFirst();
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        void parseInto(List<AuthenticationChallenge> out) {
            while (true) {
                skipWhitespaceAndCommas();
                String scheme = token();
                if (scheme.isEmpty()) {
                    return; // end, or something that is not a challenge: stop here
                }
                Map<String, String> params = new LinkedHashMap<>();
                String token68 = null;
                skipSpaces();
                int start = pos;
                String first = token68Candidate();
                if (!first.isEmpty() && atChallengeEnd()) {
                    token68 = first; // e.g. "Basic dXNlcjpwYXNz", "Negotiate abc=="
                } else {
                    pos = start;
                    if (!readParams(params)) {
                        out.add(new AuthenticationChallenge(scheme, params, null));
                        return;
                    }
                }
                out.add(new AuthenticationChallenge(scheme, params, token68));
            }
        }

        /** Reads auth-params until the next challenge or the end; false on a syntax error. */
        private boolean readParams(Map<String, String> params) {
            while (true) {
                skipWhitespace();
                int start = pos;
                String name = token();
                if (name.isEmpty()) {
                    return pos >= s.length() || s.charAt(pos) == ',';
                }
                skipWhitespace();
                if (pos >= s.length() || s.charAt(pos) != '=') {
                    pos = start; // a token without '=': the next challenge's scheme
                    return true;
                }
                pos++;
                skipWhitespace();
                String value;
                if (pos < s.length() && s.charAt(pos) == '"') {
                    value = quoted();
                    if (value == null) {
                        return false;
                    }
                } else {
                    value = token();
                }
                params.putIfAbsent(name.toLowerCase(Locale.ROOT), value);
                skipWhitespace();
                if (pos >= s.length()) {
                    return true;
                }
                if (s.charAt(pos) != ',') {
                    return false;
                }
                pos++;
            }
        }

        private boolean atChallengeEnd() {
            int p = pos;
            while (p < s.length() && (s.charAt(p) == ' ' || s.charAt(p) == '\t')) {
                p++;
            }
            return p >= s.length() || s.charAt(p) == ',';
        }

        private String token68Candidate() {
            int start = pos;
            while (pos < s.length() && isToken68Char(s.charAt(pos))) {
                pos++;
            }
            while (pos < s.length() && s.charAt(pos) == '=') {
                pos++;
            }
            return s.substring(start, pos);
        }

        private String token() {
            int start = pos;
            while (pos < s.length() && isTokenChar(s.charAt(pos))) {
                pos++;
            }
            return s.substring(start, pos);
        }

        private String quoted() {
            StringBuilder sb = new StringBuilder();
            pos++; // opening quote
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c == '\\' && pos < s.length()) {
                    c = s.charAt(pos++);
                }
                sb.append(c);
            }
            return null; // unterminated
        }

        private void skipSpaces() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
                pos++;
            }
        }

        private void skipWhitespace() {
            skipSpaces();
        }

        private void skipWhitespaceAndCommas() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t' || s.charAt(pos) == ',')) {
                pos++;
            }
        }

        private static boolean isTokenChar(char c) {
            return c > 0x20 && c < 0x7F && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
        }

        private static boolean isToken68Char(char c) {
            return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
        }
    }
}
