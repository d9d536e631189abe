package org.enachain.core.dpop;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The DPoP {@code htu} form of a request URI: scheme, host and path without query and fragment
 * (RFC 9449 4.2), normalised per RFC 3986 6.2.2 and 6.2.3 before comparison (GEN-30, GEN-31):
 * scheme and host lower-cased, the scheme's default port dropped, an empty path made {@code /},
 * percent-encoding of unreserved characters decoded and hex digits upper-cased, dot segments removed.
 */
public final class HttpTargetUri {

    private HttpTargetUri() {
    }

    /**
     * The value a client puts in {@code htu} for a request to {@code uri}: the URI without user
     * information (RFC 9110 4.2.4: a target URI carries none), query and fragment.
     */
    public static String htuFor(URI uri) {
        String authority = uri.getRawAuthority();
        if (authority != null && uri.getRawUserInfo() != null) {
            // Never copy credentials into a proof; the verifier refuses an htu with userinfo anyway.
            authority = authority.substring(authority.lastIndexOf('@') + 1);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(uri.getScheme()).append("://").append(authority);
        String path = uri.getRawPath();
        sb.append(path == null || path.isEmpty() ? "/" : path);
        return sb.toString();
    }

    /**
     * The normalised form used for comparison, or empty when {@code value} is not an absolute
     * {@code http(s)} URI with a host.
     */
    public static Optional<String> normalize(String value) {
        if (value == null || value.length() > 8192) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme();
        String host = uri.getHost();
        if (scheme == null || host == null || uri.getRawUserInfo() != null) {
            return Optional.empty();
        }
        scheme = scheme.toLowerCase(Locale.ROOT);
        int defaultPort;
        if (scheme.equals("https")) {
            defaultPort = 443;
        } else if (scheme.equals("http")) {
            defaultPort = 80;
        } else {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder(value.length());
        sb.append(scheme).append("://").append(host.toLowerCase(Locale.ROOT));
        int port = uri.getPort();
        if (port != -1 && port != defaultPort) {
            sb.append(':').append(port);
        }
        String path = normalizePercentEncoding(uri.getRawPath());
        if (path.isEmpty()) {
            path = "/";
        }
        try {
            path = new URI("http://h" + path).normalize().getRawPath();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        sb.append(path);
        return Optional.of(sb.toString());
    }

    /** Whether two {@code htu} values name the same target after normalisation. */
    public static boolean sameTarget(String htu, URI requestUri) {
        Optional<String> a = normalize(htu);
        Optional<String> b = normalize(requestUri.toString());
        return a.isPresent() && a.equals(b);
    }

    private static String normalizePercentEncoding(String path) {
        if (path == null) {
            return "";
        }
        if (path.indexOf('%') < 0) {
            return path;
        }
        StringBuilder sb = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' && i + 2 < path.length() && isHex(path.charAt(i + 1)) && isHex(path.charAt(i + 2))) {
                int decoded = Integer.parseInt(path.substring(i + 1, i + 3), 16);
                if (isUnreserved((char) decoded)) {
                    sb.append((char) decoded);
                } else {
                    sb.append('%').append(path.substring(i + 1, i + 3).toUpperCase(Locale.ROOT));
                }
                i += 2;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
