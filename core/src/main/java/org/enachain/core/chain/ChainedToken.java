package org.enachain.core.chain;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.enachain.core.client.TokenScheme;
import org.enachain.core.dpop.DpopProofFactory;

/**
 * A token for the next hop, ready to present: the value, its scheme (CL-48), when it expires, its
 * scopes, and — for a DPoP-bound token — the proof factory of the key it is bound to, which makes a
 * fresh proof for every request (CL-56, CL-57) and remembers the resource's nonces (CL-68, CL-70).
 * Immutable; {@link #toString()} never shows the token.
 */
public final class ChainedToken {

    private final String value;
    private final TokenScheme scheme;
    private final Instant expiresAt;
    private final Set<String> scopes;
    private final String issuer;
    private final DpopProofFactory dpop;

    ChainedToken(String value, TokenScheme scheme, Instant expiresAt, Set<String> scopes, String issuer,
                 DpopProofFactory dpop) {
        this.value = Objects.requireNonNull(value, "value");
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        this.expiresAt = expiresAt;
        this.scopes = Set.copyOf(scopes);
        this.issuer = issuer;
        this.dpop = scheme == TokenScheme.DPOP ? Objects.requireNonNull(dpop, "a DPoP token needs its key") : null;
    }

    /** The {@code Authorization} header value: {@code Bearer <token>} or {@code DPoP <token>} (CL-53, CL-56). */
    public String authorizationHeader() {
        return scheme.value() + " " + value;
    }

    /**
     * A new DPoP proof for one request to {@code uri}, with {@code ath} (CL-66) and the resource's
     * latest nonce; empty for a Bearer token.
     */
    public Optional<String> dpopProof(String method, URI uri) {
        return dpop == null ? Optional.empty() : Optional.of(dpop.forResourceRequest(method, uri, value));
    }

    /** Remembers a {@code DPoP-Nonce} the resource at {@code uri} sent, for the next proof (and one retry, CL-69). */
    public void rememberNonce(URI uri, String nonce) {
        if (dpop != null) {
            dpop.rememberResourceNonce(uri, nonce);
        }
    }

    public TokenScheme scheme() {
        return scheme;
    }

    /** When the token expires, if the AS said (absent for tokens that are not cached). */
    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    public Set<String> scopes() {
        return scopes;
    }

    /** The authorization server that issued it. */
    public String issuer() {
        return issuer;
    }

    /** The token itself, for an {@code Authorization} header built by other means; never log it. */
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return "ChainedToken[" + scheme + " from " + issuer + ", exp=" + expiresAt + ", scope=" + scopes + "]";
    }
}
