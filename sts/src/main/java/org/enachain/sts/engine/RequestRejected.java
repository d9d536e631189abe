package org.enachain.sts.engine;

import java.util.Map;
import java.util.Objects;

import org.enachain.core.OAuthError;
import org.enachain.core.Rejection;

/**
 * A token request refused with an RFC 6749 5.2 error: the code, the HTTP status and a one-line
 * description for the peer that never holds a token, a user identifier or key material (GEN-77).
 * Thrown inside the engine only, and carries no stack trace.
 */
final class RequestRejected extends Exception {

    private static final long serialVersionUID = 1L;

    private final OAuthError error;
    private final int status;
    private final Map<String, String> headers;

    private RequestRejected(OAuthError error, int status, String description, Map<String, String> headers) {
        super(Objects.requireNonNull(description, "description"), null, false, false);
        this.error = Objects.requireNonNull(error, "error");
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    static RequestRejected of(OAuthError error, String description) {
        return new RequestRejected(error, statusOf(error), description, Map.of());
    }

    static RequestRejected invalidRequest(String description) {
        return of(OAuthError.INVALID_REQUEST, description);
    }

    static RequestRejected invalidClient(String description) {
        return of(OAuthError.INVALID_CLIENT, description);
    }

    static RequestRejected invalidGrant(String description) {
        return of(OAuthError.INVALID_GRANT, description);
    }

    static RequestRejected invalidTarget(String description) {
        return of(OAuthError.INVALID_TARGET, description);
    }

    static RequestRejected invalidScope(String description) {
        return of(OAuthError.INVALID_SCOPE, description);
    }

    static RequestRejected unauthorizedClient(String description) {
        return of(OAuthError.UNAUTHORIZED_CLIENT, description);
    }

    static RequestRejected invalidDpopProof(String description) {
        return of(OAuthError.INVALID_DPOP_PROOF, description);
    }

    /** The server cannot keep what it would issue (a bounded store is full of live entries). */
    static RequestRejected storeFull() {
        return new RequestRejected(OAuthError.SERVER_ERROR, 503, "The authorization server is at capacity; retry later",
                Map.of());
    }

    /** A use_dpop_nonce answer carrying the nonce to use (RFC 9449 8, GEN-113). */
    static RequestRejected useDpopNonce(String nonce) {
        return new RequestRejected(OAuthError.USE_DPOP_NONCE, 400, "Authorization server requires nonce in DPoP proof",
                Map.of("DPoP-Nonce", nonce));
    }

    /**
     * A core validator's rejection, its error code replaced by {@code error} unless the rejection is
     * the server's own trouble (keys or replay store unavailable: 503 {@code server_error}).
     */
    static RequestRejected from(Rejection rejection, OAuthError error) {
        if (rejection.error() == OAuthError.SERVER_ERROR) {
            return new RequestRejected(OAuthError.SERVER_ERROR, 503, rejection.description(), Map.of());
        }
        return of(error, rejection.description());
    }

    /** A proof rejection: {@code invalid_dpop_proof}, or {@code use_dpop_nonce} as the verifier decided. */
    static RequestRejected fromProof(Rejection rejection, String freshNonce) {
        if (rejection.error() == OAuthError.USE_DPOP_NONCE && freshNonce != null) {
            return useDpopNonce(freshNonce);
        }
        return from(rejection, OAuthError.INVALID_DPOP_PROOF);
    }

    private static int statusOf(OAuthError error) {
        return switch (error) {
            case INVALID_CLIENT -> 401;
            case SERVER_ERROR -> 503;
            default -> 400;
        };
    }

    OAuthError error() {
        return error;
    }

    int status() {
        return status;
    }

    String description() {
        return getMessage();
    }

    Map<String, String> headers() {
        return headers;
    }

    @Override
    public String toString() {
        return "RequestRejected[" + error.code() + ": " + getMessage() + "]";
    }
}
