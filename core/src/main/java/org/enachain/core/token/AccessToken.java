package org.enachain.core.token;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jose4j.jwt.JwtClaims;

/**
 * A validated JWT access token (RFC 9068): its issuer, user, client, audience, scopes, lifetime,
 * DPoP binding ({@code cnf.jkt}), authentication context and actor chain.
 *
 * <p>Immutable. It keeps the compact token for the one use the profile makes of it — the
 * {@code subject_token} of a token exchange (CL-15) — and never shows it in {@link #toString()}.
 */
public final class AccessToken {

    private final String compact;
    private final String issuer;
    private final String subject;
    private final String clientId;
    private final List<String> audience;
    private final Set<String> scopes;
    private final Instant expiresAt;
    private final Instant issuedAt;
    private final String jwtId;
    private final String confirmationThumbprint;
    private final AuthenticationContext authentication;
    private final ActorChain actors;
    /** The parsed claims, referenced by this token alone and never handed out; copied on first {@link #claims()}. */
    private final JwtClaims parsedClaims;
    private volatile Map<String, Object> claims;

    AccessToken(String compact, String issuer, String subject, String clientId, List<String> audience,
                Set<String> scopes, Instant expiresAt, Instant issuedAt, String jwtId, String confirmationThumbprint,
                AuthenticationContext authentication, ActorChain actors, JwtClaims parsedClaims) {
        this.compact = compact;
        this.issuer = issuer;
        this.subject = subject;
        this.clientId = clientId;
        this.audience = List.copyOf(audience);
        this.scopes = scopes;
        this.expiresAt = expiresAt;
        this.issuedAt = issuedAt;
        this.jwtId = jwtId;
        this.confirmationThumbprint = confirmationThumbprint;
        this.authentication = authentication;
        this.actors = actors;
        this.parsedClaims = parsedClaims;
    }

    /** The token exactly as received; hand it only to a token endpoint as {@code subject_token}, never log it. */
    public String compactSerialization() {
        return compact;
    }

    public String issuer() {
        return issuer;
    }

    /** {@code sub}: the user. */
    public String subject() {
        return subject;
    }

    /** {@code client_id} (or {@code azp} under the A-06 legacy option): the client the token was issued to. */
    public String clientId() {
        return clientId;
    }

    public List<String> audience() {
        return audience;
    }

    public Set<String> scopes() {
        return scopes;
    }

    public boolean hasScopes(Collection<String> required) {
        return scopes.containsAll(required);
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Optional<Instant> issuedAt() {
        return Optional.ofNullable(issuedAt);
    }

    public Optional<String> jwtId() {
        return Optional.ofNullable(jwtId);
    }

    /** {@code cnf.jkt}: present exactly when the token is DPoP-bound (RS-30). */
    public Optional<String> confirmationThumbprint() {
        return Optional.ofNullable(confirmationThumbprint);
    }

    public boolean isDpopBound() {
        return confirmationThumbprint != null;
    }

    public AuthenticationContext authentication() {
        return authentication;
    }

    /** The {@code act} chain, for audit only (GEN-18). */
    public ActorChain actors() {
        return actors;
    }

    /** Every claim, as an unmodifiable deep copy of the decoded JSON (made on first use). */
    public Map<String, Object> claims() {
        Map<String, Object> c = claims;
        if (c == null) {
            c = Claims.deepImmutableCopy(parsedClaims.getClaimsMap()); // depth checked at validation
            claims = c;
        }
        return c;
    }

    @Override
    public String toString() {
        return "AccessToken[iss=" + issuer + ", client_id=" + clientId + ", jti=" + jwtId + ", exp=" + expiresAt
                + (confirmationThumbprint == null ? "" : ", jkt=" + confirmationThumbprint) + "]";
    }
}
