package org.enachain.core.dpop;

import java.security.PublicKey;
import java.time.Instant;
import org.enachain.core.jose.JwkThumbprint;

/**
 * A verified DPoP proof: the thumbprint of its key (what a bound token's {@code cnf.jkt} names),
 * its {@code jti}, its creation time and the nonce it carried, if any.
 */
public record DpopProof(JwkThumbprint thumbprint, PublicKey publicKey, String jwtId, Instant issuedAt, String nonce) {

    @Override
    public String toString() {
        return "DpopProof[jkt=" + thumbprint + ", jti=" + jwtId + ", iat=" + issuedAt + "]";
    }
}
