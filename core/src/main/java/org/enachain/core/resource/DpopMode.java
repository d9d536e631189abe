package org.enachain.core.resource;

/**
 * Whether a protected resource takes DPoP-bound access tokens (Profile 8.4.2, RFC 9728
 * {@code dpop_bound_access_tokens_required}).
 */
public enum DpopMode {
    /** Only DPoP-bound tokens with a valid proof; Bearer tokens are refused with a DPoP challenge (RS-39). */
    REQUIRED,
    /** Both: unbound tokens as Bearer, bound tokens with the DPoP scheme and a proof. */
    OPTIONAL,
    /** Only unbound Bearer tokens. */
    DISABLED
}
