package org.enachain.core.chain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.enachain.core.client.TokenTypeUri;
import org.enachain.core.token.AccessToken;

/**
 * The token a chain starts from: normally the access token the caller presented, as the inbound
 * check validated it; for a cross-domain exchange also a refresh token of the originating AS
 * (Chaining 3.3.1). What the chainer needs of it: the value (sent exactly as received, CL-15), its
 * type, issuer, expiry, scopes and whether a user stands behind it.
 *
 * @param value     the token exactly as received
 * @param type      access token or refresh token
 * @param issuer    the AS that issued it
 * @param expiresAt when it expires, if known
 * @param scopes    its scopes, empty when not readable
 * @param userBound false for a token without a user, such as a client-credentials token (CL-37)
 */
public record SubjectToken(String value, TokenTypeUri type, String issuer, Optional<Instant> expiresAt,
                           Set<String> scopes, boolean userBound) {

    public SubjectToken {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("A subject token needs its value");
        }
        if (type != TokenTypeUri.ACCESS_TOKEN && type != TokenTypeUri.REFRESH_TOKEN) {
            throw new IllegalArgumentException("A subject token is an access token or a refresh token, not " + type);
        }
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(expiresAt, "expiresAt");
        scopes = Set.copyOf(scopes);
    }

    /**
     * A validated access token as subject. It counts as not bound to a user when its {@code sub}
     * equals its {@code client_id}, the Profile 6.1.2 convention for client credentials.
     */
    public static SubjectToken of(AccessToken token) {
        return new SubjectToken(token.compactSerialization(), TokenTypeUri.ACCESS_TOKEN, token.issuer(),
                Optional.of(token.expiresAt()), token.scopes(), !token.subject().equals(token.clientId()));
    }

    /**
     * An access token validated by other means — MicroProfile JWT, say — from its parts: the value
     * exactly as received, and its {@code iss}, {@code exp}, {@code scope}, {@code sub} and
     * {@code client_id} (or {@code azp}). Not bound to a user when {@code sub} equals the client.
     */
    public static SubjectToken accessToken(String value, String issuer, Instant expiresAt, Set<String> scopes,
                                           String subject, String clientId) {
        return new SubjectToken(value, TokenTypeUri.ACCESS_TOKEN, issuer, Optional.ofNullable(expiresAt), scopes,
                subject != null && !subject.equals(clientId));
    }

    /** A refresh token of the originating AS, for a cross-domain exchange. */
    public static SubjectToken refreshToken(String value, String issuer, Instant expiresAt, Set<String> scopes) {
        return new SubjectToken(value, TokenTypeUri.REFRESH_TOKEN, issuer, Optional.ofNullable(expiresAt), scopes, true);
    }

    @Override
    public String toString() {
        return "SubjectToken[" + type + " of " + issuer + ", exp=" + expiresAt.map(Instant::toString).orElse("?") + "]";
    }
}
