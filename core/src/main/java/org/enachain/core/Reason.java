package org.enachain.core;

/**
 * Why enachain rejected a JWT, a DPoP proof or a request. Each reason carries the one-line
 * description sent to the peer (fixed text: never a token, a claim value or a key). The OAuth error
 * code and HTTP status come from the receiving check, except for the reasons that fix their own
 * (see {@link Rejection#of}).
 */
public enum Reason {
    // Structure
    TOO_LARGE("The JWT is larger than this server accepts"),
    MALFORMED("The JWT is not a well-formed compact JWS"),
    ENCRYPTED("Encrypted JWTs are not accepted here"),
    CRITICAL_HEADER("The JWT marks a header parameter as critical that this server does not understand"),
    WRONG_TYPE("The JWT's typ header is not the type expected here"),
    ALGORITHM_NOT_ALLOWED("The JWT's signature algorithm is not allowed here"),

    // Keys and signature
    UNKNOWN_KEY("No trusted key matches the JWT's key id and algorithm"),
    KEYS_UNAVAILABLE("The issuer's keys cannot be fetched right now"),
    INVALID_KEY("The JWT's key is not acceptable"),
    BAD_SIGNATURE("The JWT's signature is invalid"),

    // Claims
    MISSING_CLAIM("A required claim is missing"),
    INVALID_CLAIM("A claim has a value of the wrong form"),
    UNTRUSTED_ISSUER("The JWT's issuer is not trusted here"),
    WRONG_AUDIENCE("The JWT is not intended for this recipient"),
    EXPIRED("The JWT has expired"),
    NOT_YET_VALID("The JWT is not valid yet"),
    ISSUED_IN_FUTURE("The JWT's issue time is in the future"),
    TOO_OLD("The JWT was issued too long ago"),
    LIFETIME_TOO_LONG("The JWT's lifetime exceeds the maximum allowed"),
    CLIENT_MISMATCH("The JWT's client does not match"),
    UNKNOWN_CLIENT("The client is not registered here"),
    INSUFFICIENT_SCOPE("The access token does not carry the required scope"),
    REPLAYED("The JWT has already been used"),
    REPLAY_CHECK_UNAVAILABLE("The server cannot check for replay right now"),

    // DPoP (RFC 9449)
    PROOF_MISSING("A DPoP proof is required"),
    MULTIPLE_PROOFS("More than one DPoP header"),
    METHOD_MISMATCH("The DPoP proof's htm does not match the request method"),
    URI_MISMATCH("The DPoP proof's htu does not match the request URI"),
    ACCESS_TOKEN_HASH_MISMATCH("The DPoP proof's ath does not match the access token"),
    KEY_BINDING_MISMATCH("The access token is not bound to the DPoP proof's key"),
    NONCE_REQUIRED("A DPoP nonce from this server is required"),
    NONCE_INVALID("The DPoP nonce is not a current nonce from this server"),

    // Presentation at a protected resource (RFC 6750, RFC 9449 7)
    NO_CREDENTIALS("No access token was presented"),
    MULTIPLE_CREDENTIALS("The request presents more than one access token"),
    BOUND_TOKEN_AS_BEARER("A DPoP-bound access token must be presented with the DPoP scheme"),
    UNBOUND_TOKEN_AS_DPOP("The access token is not DPoP-bound and cannot be presented with the DPoP scheme"),
    BEARER_NOT_ACCEPTED("This resource accepts DPoP-bound access tokens only"),
    DPOP_NOT_ACCEPTED("This resource does not accept DPoP-bound access tokens");

    private final String description;

    Reason(String description) {
        this.description = description;
    }

    /** The fixed one-line description for the peer. */
    public String description() {
        return description;
    }
}
