package org.enachain.core;

import java.util.Objects;

/**
 * A refusal: the OAuth error code and HTTP status to answer with, the {@link Reason}, and a one-line
 * description safe to send to the peer. Never carries a token, claim value or key.
 *
 * @param error       the OAuth {@code error} code, or null for a request that presented no
 *                    credentials at all (RFC 6750 3.1: such a challenge carries no error)
 * @param status      the HTTP status
 * @param reason      why
 * @param description the {@code error_description}
 */
public record Rejection(OAuthError error, int status, Reason reason, String description) {

    public Rejection {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(description, "description");
    }

    /**
     * The rejection a check answers with: the check's own error and status (for instance
     * {@code invalid_token}/401 at a protected resource, {@code invalid_grant}/400 at a token
     * endpoint), except for the reasons whose error is fixed by the specifications:
     * <ul>
     * <li>{@link Reason#INSUFFICIENT_SCOPE}: {@code insufficient_scope}, 403 (RFC 6750 3.1);</li>
     * <li>{@link Reason#NONCE_REQUIRED}, {@link Reason#NONCE_INVALID}: {@code use_dpop_nonce} (RFC 9449 8, 9);</li>
     * <li>{@link Reason#KEY_BINDING_MISMATCH}: {@code invalid_token} (RFC 9449 7.1, A-22);</li>
     * <li>{@link Reason#MULTIPLE_CREDENTIALS}: {@code invalid_request}, 400 (RFC 6750 3.1);</li>
     * <li>{@link Reason#NO_CREDENTIALS}: no error code, 401 (RFC 6750 3.1);</li>
     * <li>{@link Reason#KEYS_UNAVAILABLE}, {@link Reason#REPLAY_CHECK_UNAVAILABLE}: a server-side
     * condition, {@code server_error} with 503 (STS-67) — never blamed on the client.</li>
     * </ul>
     */
    public static Rejection of(Reason reason, String description, OAuthError checkError, int checkStatus) {
        return switch (reason) {
            case INSUFFICIENT_SCOPE -> new Rejection(OAuthError.INSUFFICIENT_SCOPE, 403, reason, description);
            case NONCE_REQUIRED, NONCE_INVALID -> new Rejection(OAuthError.USE_DPOP_NONCE, checkStatus, reason, description);
            case KEY_BINDING_MISMATCH -> new Rejection(OAuthError.INVALID_TOKEN, checkStatus, reason, description);
            case MULTIPLE_CREDENTIALS -> new Rejection(OAuthError.INVALID_REQUEST, 400, reason, description);
            case NO_CREDENTIALS -> new Rejection(null, 401, reason, description);
            case KEYS_UNAVAILABLE, REPLAY_CHECK_UNAVAILABLE ->
                    new Rejection(OAuthError.SERVER_ERROR, 503, reason, description);
            default -> new Rejection(checkError, checkStatus, reason, description);
        };
    }

    /** The OAuth error code, or null when the request presented no credentials. */
    public String errorCode() {
        return error == null ? null : error.code();
    }

    @Override
    public String toString() {
        return "Rejection[" + (error == null ? "-" : error.code()) + " " + status + " " + reason + ": " + description + "]";
    }
}
