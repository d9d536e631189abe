package org.enachain.core.http;

import java.net.URI;
import java.util.Locale;

/**
 * GEN-01: all protocol traffic runs over TLS. Every endpoint URL enachain is configured with
 * (token endpoints, metadata, JWKS) passes {@link #check} before anything is sent.
 *
 * <p>{@link #allowPlainHttpOnLoopback()} is the one, loudly named, development exception: plain
 * {@code http} to a loopback address ({@code localhost}, {@code 127.0.0.0/8}, {@code ::1}) and
 * nowhere else. It is off unless chosen.
 */
public final class TransportSecurity {

    private static final TransportSecurity REQUIRE_TLS = new TransportSecurity(false);
    private static final TransportSecurity LOOPBACK_HTTP = new TransportSecurity(true);

    private final boolean plainHttpOnLoopback;

    private TransportSecurity(boolean plainHttpOnLoopback) {
        this.plainHttpOnLoopback = plainHttpOnLoopback;
    }

    /** The default: {@code https} only. */
    public static TransportSecurity requireTls() {
        return REQUIRE_TLS;
    }

    /** Development only: also permits {@code http://} URLs whose host is a loopback address. */
    public static TransportSecurity allowPlainHttpOnLoopback() {
        return LOOPBACK_HTTP;
    }

    public boolean allowsPlainHttpOnLoopback() {
        return plainHttpOnLoopback;
    }

    /**
     * Returns {@code uri} when it may be used for protocol traffic.
     *
     * @param what names the endpoint in the error, e.g. "the JWKS URL of https://as.example"
     * @throws IllegalArgumentException naming the rule and the fix
     */
    public URI check(URI uri, String what) {
        if (uri == null || !uri.isAbsolute() || uri.getHost() == null) {
            throw new IllegalArgumentException(what + " must be an absolute https URL with a host, but is '" + uri + "'");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException(what + " must not have a fragment: " + uri);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return uri;
        }
        if (scheme.equals("http")) {
            if (plainHttpOnLoopback && isLoopback(uri.getHost())) {
                return uri;
            }
            throw new IllegalArgumentException(what + " uses plain http (" + uri + "); the profile requires TLS (GEN-01)."
                    + (plainHttpOnLoopback ? " Plain http is allowed only to a loopback address."
                            : " Use an https URL; for local development against a loopback address only,"
                                    + " enable the insecure-development switch."));
        }
        throw new IllegalArgumentException(what + " must be an https URL, but its scheme is '" + scheme + "'");
    }

    /** Loopback by its literal form only: no name resolution happens. */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
                || h.matches("127(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
    }

    @Override
    public String toString() {
        return plainHttpOnLoopback ? "TransportSecurity[https, or http on loopback]" : "TransportSecurity[https only]";
    }
}
