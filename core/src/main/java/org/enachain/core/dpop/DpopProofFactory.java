package org.enachain.core.dpop;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.enachain.core.jose.JwkThumbprint;
import org.enachain.core.jose.SigningKey;
import org.jose4j.jwt.JwtClaims;

/**
 * Creates DPoP proofs with one key (RFC 9449 4.2): header {@code typ dpop+jwt}, the key's
 * {@code alg} and its public {@code jwk}; claims {@code jti} (128 random bits), {@code htm},
 * {@code htu} (the URI without query and fragment), {@code iat}, and when given {@code ath} and
 * {@code nonce}. A new proof for every request (CL-57).
 *
 * <p>It also remembers the latest {@code DPoP-Nonce} each server (by origin) handed out, so that
 * later proofs to that server carry it (CL-68) and no nonce travels to another server (CL-70).
 *
 * <p>Thread-safe.
 */
public final class DpopProofFactory {

    /** Origins remembered at most; beyond this the memory starts over (nonces are re-obtained by one retry). */
    static final int MAX_REMEMBERED_ORIGINS = 1024;
    static final int MAX_NONCE_LENGTH = 512;

    private final SigningKey key;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /**
     * Nonces by server origin, kept apart for token endpoints and protected resources: a gateway serving
     * both at one origin still gets each one's own nonce (CL-70).
     */
    private final Map<String, String> tokenEndpointNonces = new ConcurrentHashMap<>();
    private final Map<String, String> resourceNonces = new ConcurrentHashMap<>();

    public DpopProofFactory(SigningKey key, Clock clock) {
        this.key = Objects.requireNonNull(key, "key");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A proof for a token request (no {@code ath}, A-26), with the server's remembered nonce if any. */
    public String forTokenRequest(String method, URI tokenEndpoint) {
        return create(method, tokenEndpoint, null, rememberedTokenEndpointNonce(tokenEndpoint).orElse(null));
    }

    /** A proof for presenting {@code accessToken} to a protected resource, with its {@code ath}. */
    public String forResourceRequest(String method, URI requestUri, String accessToken) {
        return create(method, requestUri, Objects.requireNonNull(accessToken, "accessToken"),
                rememberedResourceNonce(requestUri).orElse(null));
    }

    /**
     * A proof with exactly these values.
     *
     * @param accessToken the token whose hash goes in {@code ath}, or null
     * @param nonce       the server nonce, or null
     */
    public String create(String method, URI uri, String accessToken, String nonce) {
        requireHttpUri(uri);
        JwtClaims claims = new JwtClaims();
        claims.setJwtId(newJti());
        claims.setStringClaim("htm", Objects.requireNonNull(method, "method"));
        claims.setStringClaim("htu", HttpTargetUri.htuFor(uri));
        claims.setClaim("iat", clock.instant().getEpochSecond());
        if (accessToken != null) {
            claims.setStringClaim("ath", AccessTokenHash.of(accessToken));
        }
        if (nonce != null) {
            claims.setStringClaim("nonce", nonce);
        }
        return key.sign(DpopProofVerifier.TYPE, SigningKey.HeaderKey.PUBLIC_JWK, claims.toJson());
    }

    /** Remembers the {@code DPoP-Nonce} the token endpoint at {@code tokenEndpoint}'s origin sent (in an error or a success). */
    public void rememberTokenEndpointNonce(URI tokenEndpoint, String nonce) {
        remember(tokenEndpointNonces, tokenEndpoint, nonce);
    }

    /** Remembers the {@code DPoP-Nonce} the protected resource at {@code resourceUri}'s origin sent. */
    public void rememberResourceNonce(URI resourceUri, String nonce) {
        remember(resourceNonces, resourceUri, nonce);
    }

    /** The latest nonce from the token endpoint at this origin. */
    public Optional<String> rememberedTokenEndpointNonce(URI tokenEndpoint) {
        return Optional.ofNullable(tokenEndpointNonces.get(origin(tokenEndpoint)));
    }

    /** The latest nonce from the protected resource at this origin. */
    public Optional<String> rememberedResourceNonce(URI resourceUri) {
        return Optional.ofNullable(resourceNonces.get(origin(resourceUri)));
    }

    /**
     * Keeps a nonce that is well-formed (RFC 9449 8: 1*NQCHAR, here at most 512 characters); anything
     * else is ignored rather than echoed into the next proof.
     */
    private static void remember(Map<String, String> nonces, URI uri, String nonce) {
        if (nonce == null || nonce.isEmpty() || nonce.length() > MAX_NONCE_LENGTH || !isNqchars(nonce)) {
            return;
        }
        if (nonces.size() >= MAX_REMEMBERED_ORIGINS) {
            nonces.clear();
        }
        nonces.put(origin(uri), nonce);
    }

    private static boolean isNqchars(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E))) {
                return false;
            }
        }
        return true;
    }

    /** The thumbprint a token bound to this factory's key carries in {@code cnf.jkt}. */
    public JwkThumbprint thumbprint() {
        return key.thumbprint();
    }

    public SigningKey key() {
        return key;
    }

    private String newJti() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Only a URI a verifier could match (HttpTargetUri's rules) makes a useful proof. */
    private static void requireHttpUri(URI uri) {
        if (uri.getScheme() == null || uri.getRawAuthority() == null
                || HttpTargetUri.normalize(HttpTargetUri.htuFor(uri)).isEmpty()) {
            throw new IllegalArgumentException("A DPoP proof needs the absolute http(s) URI of the request, with a host;"
                    + " this one has scheme '" + uri.getScheme() + "' and host '" + uri.getHost() + "'");
        }
    }

    private static String origin(URI uri) {
        requireHttpUri(uri);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }
}
