package org.enachain.jakarta.outbound;

import java.util.Objects;
import java.util.Optional;

/**
 * A call through a {@link ChainedToken} client could not get a token for its target. {@link #kind()}
 * says why; {@link ChainedTokenExceptionMapper} turns it into 502 or 403 (or 500 for the kinds that are
 * this application's own fault). Never carries a token, an assertion or key material.
 */
public class ChainedTokenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why no token could be had. */
    public enum Kind {
        /**
         * There is no caller token to exchange: the call was not made while serving a request that the
         * inbound filter (or MicroProfile JWT) authenticated. Nothing was sent.
         */
        NO_CALLER_TOKEN,
        /** The authorization server could not be reached, timed out, failed (5xx) or answered unusably. */
        AUTHORIZATION_SERVER_UNAVAILABLE,
        /** The authorization server refused (an OAuth error, 4xx), or the request breaks a profile rule and was not sent. */
        REFUSED,
        /** This application's enachain configuration does not allow the call. */
        CONFIGURATION
    }

    private final Kind kind;
    private final String target;
    private final String authorizationServer;
    private final String errorCode;

    /**
     * @param kind                why
     * @param target              the audience, resource or target issuer of the call
     * @param authorizationServer the authorization server concerned, or null
     * @param errorCode           the OAuth {@code error} code the server answered with, or null
     * @param message             what happened and how to fix it; never a token
     * @param cause               the underlying failure, or null
     */
    public ChainedTokenException(Kind kind, String target, String authorizationServer, String errorCode,
                                 String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.target = target;
        this.authorizationServer = authorizationServer;
        this.errorCode = errorCode;
    }

    public Kind kind() {
        return kind;
    }

    /** The audience, resource or target issuer the token was for. */
    public String target() {
        return target;
    }

    /** The authorization server concerned (issuer or token endpoint), or null when none was involved. */
    public String authorizationServer() {
        return authorizationServer;
    }

    /** The OAuth {@code error} code the authorization server answered with, for {@link Kind#REFUSED}. */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }
}
