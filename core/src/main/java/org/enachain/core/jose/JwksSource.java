package org.enachain.core.jose;

import java.security.PublicKey;
import java.util.List;

/**
 * Where a verifier gets the public keys of a JWT's signer: configured keys
 * ({@link VerificationKeys}) or a JWK Set fetched from a URL ({@link RemoteJwksSource}). Keys come
 * only from here, never from a JWT's {@code jku}, {@code x5u}, {@code x5c} or {@code jwk} header
 * (GEN-15).
 */
public interface JwksSource {

    /**
     * The keys that may have signed a JWS with this key id and algorithm: of the algorithm's key
     * family (and curve), meant for signatures, and with this {@code kid} when one is given. An empty
     * list means no trusted key matches.
     *
     * @param kid       the JWS {@code kid} header, or null
     * @param algorithm the JWS {@code alg}, already checked against the verifier's allow-list
     * @throws JwksUnavailableException when the keys cannot be obtained at all (never fetched successfully)
     */
    List<PublicKey> keysFor(String kid, JwsAlgorithm algorithm) throws JwksUnavailableException;
}
