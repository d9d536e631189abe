package org.enachain.core.token;

import java.time.Instant;

/**
 * A verified {@code private_key_jwt} client assertion (RFC 7523 2.2, Profile 8.3.1): the
 * authenticated client and the assertion's identifier and expiry.
 */
public record ClientAssertion(String clientId, String jwtId, Instant expiresAt) {
}
