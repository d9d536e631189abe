package org.enachain.sts.policy;

/** Whether a protected resource requires DPoP-bound access tokens (Profile 8.4.2, GEN-106). */
public enum DpopRequirement {
    /** Tokens for this resource are always DPoP-bound; a token request without a valid proof fails (GEN-107). */
    REQUIRED,
    /** A token is bound when the request carries a proof, and a Bearer token otherwise. */
    OPTIONAL,
    /** The resource does not understand DPoP: tokens are never bound, a proof is ignored. */
    UNSUPPORTED
}
