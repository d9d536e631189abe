package org.enachain.core;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The forms the profile requires of entity identifiers, checked where configuration is read:
 * <ul>
 * <li>client identifiers: globally unique URLs are recommended (GEN-19); one in URL form must be
 * {@code https}, with a host and without query or fragment (GEN-20, Profile 2.2.1);</li>
 * <li>issuer identifiers: {@code https} with a host, no query, no fragment (GEN-42, Profile 3.1.1.1);</li>
 * <li>resource identifiers: {@code https} with a host, no fragment (RS-47); a query is discouraged (RS-48).</li>
 * </ul>
 * Each check throws {@link IllegalArgumentException} naming the rule for a MUST, and returns a
 * warning for a SHOULD, so the configuration layer can stop or warn with the key's name.
 */
public final class Identifiers {

    private Identifiers() {
    }

    /** @return a warning when the identifier is not a URL (GEN-19) */
    public static Optional<String> checkClientId(String clientId) {
        requireNonBlank(clientId, "A client identifier");
        URI uri = parse(clientId);
        if (uri == null || uri.getScheme() == null) {
            return Optional.of("The client identifier '" + clientId + "' is not a URL; the profile recommends"
                    + " globally unique https URLs (Profile 2.2.1)");
        }
        requireHttpsUrl(uri, "The client identifier", true);
        return Optional.empty();
    }

    public static void checkIssuer(String issuer) {
        requireNonBlank(issuer, "An issuer identifier");
        URI uri = parse(issuer);
        if (uri == null) {
            throw new IllegalArgumentException("The issuer identifier '" + issuer + "' is not a valid URL");
        }
        requireHttpsUrl(uri, "The issuer identifier", true);
    }

    /** @return a warning when the identifier has a query (RS-48) */
    public static Optional<String> checkResourceIdentifier(String resource) {
        requireNonBlank(resource, "A resource identifier");
        URI uri = parse(resource);
        if (uri == null) {
            throw new IllegalArgumentException("The resource identifier '" + resource + "' is not a valid URL");
        }
        requireHttpsUrl(uri, "The resource identifier", false);
        return uri.getRawQuery() == null ? Optional.empty()
                : Optional.of("The resource identifier '" + resource + "' has a query; the profile advises against it"
                        + " (Profile 4.3)");
    }

    private static void requireHttpsUrl(URI uri, String what, boolean noQuery) {
        if (uri.getScheme() == null || !"https".equals(uri.getScheme().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(what + " '" + uri + "' must use https");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(what + " '" + uri + "' must have a host");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException(what + " '" + uri + "' must not have a fragment");
        }
        if (noQuery && uri.getRawQuery() != null) {
            throw new IllegalArgumentException(what + " '" + uri + "' must not have a query");
        }
    }

    private static URI parse(String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static void requireNonBlank(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
    }
}
