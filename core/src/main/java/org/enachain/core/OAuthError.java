package org.enachain.core;

/**
 * The OAuth {@code error} codes enachain sends and understands: RFC 6749 5.2, RFC 6750 3.1,
 * RFC 8693 2.2.2, RFC 8707 and RFC 9449.
 */
public enum OAuthError {
    INVALID_REQUEST("invalid_request"),
    INVALID_CLIENT("invalid_client"),
    INVALID_GRANT("invalid_grant"),
    UNAUTHORIZED_CLIENT("unauthorized_client"),
    UNSUPPORTED_GRANT_TYPE("unsupported_grant_type"),
    INVALID_SCOPE("invalid_scope"),
    INVALID_TARGET("invalid_target"),
    INVALID_TOKEN("invalid_token"),
    INSUFFICIENT_SCOPE("insufficient_scope"),
    INVALID_DPOP_PROOF("invalid_dpop_proof"),
    USE_DPOP_NONCE("use_dpop_nonce"),
    SERVER_ERROR("server_error"),
    TEMPORARILY_UNAVAILABLE("temporarily_unavailable");

    private final String code;

    OAuthError(String code) {
        this.code = code;
    }

    /** The value of the {@code error} parameter, e.g. {@code invalid_token}. */
    public String code() {
        return code;
    }

    /** The error with this code, or null for a code enachain does not know. */
    public static OAuthError fromCode(String code) {
        for (OAuthError e : values()) {
            if (e.code.equals(code)) {
                return e;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return code;
    }
}
