package org.enachain.core.resource;

import java.util.Map;
import java.util.Optional;
import org.enachain.core.dpop.DpopProof;
import org.enachain.core.token.AccessToken;

/**
 * A request whose access token (and DPoP proof, when bound) passed every check.
 *
 * @param token        the validated access token
 * @param presentation how it was presented
 * @param proof        the verified proof, for DPoP-bound tokens
 * @param freshNonce   a new server nonce to send in {@code DPoP-Nonce} with the response, when the
 *                     client's nonce is due for rotation (RFC 9449 9)
 */
public record AuthenticatedRequest(AccessToken token, Presentation presentation, Optional<DpopProof> proof,
                                   Optional<String> freshNonce) {

    /**
     * Headers for the successful response: a fresh {@code DPoP-Nonce} when one is due, exactly once and
     * with {@code Cache-Control: no-store} (GEN-39, GEN-40); empty otherwise.
     */
    public Map<String, String> responseHeaders() {
        return freshNonce.map(n -> Map.of("DPoP-Nonce", n, "Cache-Control", "no-store")).orElse(Map.of());
    }
}
