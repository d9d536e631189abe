package org.enachain.sts.policy;

import java.util.Arrays;
import java.util.Optional;

/** The grant types enachain-sts implements, by their RFC 6749 {@code grant_type} value. */
public enum GrantType {
    AUTHORIZATION_CODE("authorization_code"),
    REFRESH_TOKEN("refresh_token"),
    /** RFC 8693 token exchange (STS role, Chaining 2 and 3.3). */
    TOKEN_EXCHANGE("urn:ietf:params:oauth:grant-type:token-exchange"),
    /** RFC 7523 JWT authorization grant (TAS role, Chaining 3.4). */
    JWT_BEARER("urn:ietf:params:oauth:grant-type:jwt-bearer");

    private final String value;

    GrantType(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<GrantType> fromValue(String value) {
        return Arrays.stream(values()).filter(g -> g.value.equals(value)).findFirst();
    }

    @Override
    public String toString() {
        return value;
    }
}
