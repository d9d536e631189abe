package org.enachain.core.client;

import java.util.List;
import java.util.Map;

/**
 * A grant-specific token request: what goes in the form besides client authentication. The two
 * kinds the profile's clients send are {@link TokenExchangeRequest} (RFC 8693) and
 * {@link JwtBearerRequest} (RFC 7523); both check their rules when built, so a request that reaches
 * the network is one the profile allows.
 */
public sealed interface TokenRequest permits TokenExchangeRequest, JwtBearerRequest {

    /** The {@code grant_type} value. */
    String grantType();

    /** The grant's form parameters in order, {@code grant_type} first; a name may repeat (CL-21). */
    List<Map.Entry<String, String>> parameters();

    /** The token type the response must carry (CL-39). */
    TokenTypeUri expectedTokenType();

    /** A description for logs and error messages: names the grant and the target, never a token. */
    String describe();

    /**
     * Whether the same request may be sent again, as the DPoP nonce retry does (CL-69). A jwt-bearer
     * request is not: its grant is for one use (CL-41), so a nonce challenge is answered with a new grant.
     */
    boolean isRepeatable();
}
