package org.enachain.core.client;

import java.util.Optional;

/**
 * A token request that did not produce a token, with what kind of failure it was, the authorization
 * server concerned and, when the server answered with an OAuth error, its code and description
 * (RFC 6749 5.2, RFC 8693 2.2.2). The message names the server and the cause; it never carries a
 * token, an assertion or key material.
 */
public final class TokenEndpointException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** Refused before anything was sent: the request breaks a profile rule or the configuration does not fit the AS. */
        LOCAL_REQUEST,
        /** The AS metadata could not be obtained, or its {@code issuer} is not the expected one (CL-74). */
        DISCOVERY,
        /** No complete answer: connection refused or closed, TLS failure, timeout. */
        TRANSPORT,
        /** The AS answered with an OAuth error response. */
        OAUTH_ERROR,
        /** The AS answered something that is not a usable token response: not JSON, too large, incomplete, wrong type. */
        INVALID_RESPONSE
    }

    private final Kind kind;
    private final String authorizationServer;
    private final String errorCode;
    private final String errorDescription;
    private final int httpStatus;

    public TokenEndpointException(Kind kind, String authorizationServer, String message, String errorCode,
                                  String errorDescription, int httpStatus, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.authorizationServer = authorizationServer;
        this.errorCode = errorCode;
        this.errorDescription = errorDescription;
        this.httpStatus = httpStatus;
    }

    /** A request refused before anything was sent. */
    public static TokenEndpointException local(String authorizationServer, String message) {
        return new TokenEndpointException(Kind.LOCAL_REQUEST, authorizationServer, message, null, null, -1, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The issuer (or token endpoint) of the authorization server concerned. */
    public String authorizationServer() {
        return authorizationServer;
    }

    /** The AS's {@code error} code, for {@link Kind#OAUTH_ERROR}. */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    /** The AS's {@code error_description}, printable ASCII and at most 200 characters. */
    public Optional<String> errorDescription() {
        return Optional.ofNullable(errorDescription);
    }

    /** The HTTP status of the AS's answer, or -1 when there was none. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Whether another attempt later may succeed: the AS was unreachable or failed on its side. */
    public boolean isTransient() {
        return kind == Kind.TRANSPORT || httpStatus >= 500 || (kind == Kind.DISCOVERY && getCause() != null);
    }
}
