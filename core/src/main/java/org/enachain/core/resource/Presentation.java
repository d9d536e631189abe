package org.enachain.core.resource;

/** How a request presented its access token (RFC 6750 2, RFC 9449 7). */
public enum Presentation {
    /** No access token at all (or only credentials of a scheme this resource does not use). */
    NONE,
    /** {@code Authorization: Bearer <token>} (RFC 6750 2.1). */
    BEARER_HEADER,
    /** The form-encoded body parameter {@code access_token} (RFC 6750 2.2); Bearer semantics. */
    FORM_BODY,
    /** {@code Authorization: DPoP <token>} with a {@code DPoP} proof header (RFC 9449 7.1). */
    DPOP_HEADER;

    /** Whether the DPoP scheme was used; everything else is read under the Bearer scheme. */
    public boolean isDpop() {
        return this == DPOP_HEADER;
    }
}
