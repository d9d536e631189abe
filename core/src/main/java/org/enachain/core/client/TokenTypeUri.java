package org.enachain.core.client;

import java.util.Optional;

/** The token type identifiers of RFC 8693 3 that the profile uses. */
public enum TokenTypeUri {
    ACCESS_TOKEN("urn:ietf:params:oauth:token-type:access_token"),
    REFRESH_TOKEN("urn:ietf:params:oauth:token-type:refresh_token"),
    /** A JWT; in this profile the JWT authorization grant of a cross-domain exchange (Chaining 3.3). */
    JWT("urn:ietf:params:oauth:token-type:jwt");

    private final String uri;

    TokenTypeUri(String uri) {
        this.uri = uri;
    }

    public String uri() {
        return uri;
    }

    public static Optional<TokenTypeUri> fromUri(String uri) {
        for (TokenTypeUri t : values()) {
            if (t.uri.equals(uri)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return uri;
    }
}
