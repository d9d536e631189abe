package org.enachain.sts.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.enachain.core.ScopeValues;
import org.enachain.core.dpop.DpopProof;
import org.enachain.core.jose.JwkThumbprint;
import org.enachain.sts.policy.DpopRequirement;

/**
 * Issues access tokens under Profile 6.1 for every grant (GEN-80 to GEN-96): {@code typ at+jwt};
 * {@code iss}, {@code sub}, {@code aud}, {@code client_id}, {@code iat}, {@code exp}, {@code jti};
 * {@code scope} equal to the response's; the authentication context always and identity claims only
 * as far as the audience may receive them; {@code cnf.jkt} when bound (GEN-111).
 */
final class AccessTokens {

    /** Authentication-context claims, preserved whenever present (A-15, STS-52). */
    static final List<String> AUTHENTICATION_CLAIMS = List.of("acr", "amr", "auth_time");

    private final TokenMinter minter;
    private final Audit audit;
    private final Duration lifetime;
    private final Optional<Pattern> sensitiveSubjects;

    AccessTokens(TokenMinter minter, Audit audit, Duration lifetime, Optional<Pattern> sensitiveSubjects) {
        this.minter = minter;
        this.audit = audit;
        this.lifetime = lifetime;
        this.sensitiveSubjects = sensitiveSubjects;
    }

    /**
     * What the token will be bound to: the proof's key when a proof came and the audience understands
     * DPoP; a DPoP-required audience without a proof is refused (GEN-107, TAS-40, STS-54).
     */
    Optional<JwkThumbprint> binding(Audience audience, Optional<DpopProof> proof) throws RequestRejected {
        if (proof.isEmpty()) {
            if (audience.dpop() == DpopRequirement.REQUIRED) {
                throw RequestRejected.invalidDpopProof("The target requires DPoP-bound tokens: send a DPoP proof");
            }
            return Optional.empty();
        }
        return audience.dpop() == DpopRequirement.UNSUPPORTED ? Optional.empty() : Optional.of(proof.get().thumbprint());
    }

    /** Refuses to name a sensitive subject to an audience not authorised to receive it (A-16, GEN-90). */
    void requireSubjectReleasable(String subject, Audience audience) throws RequestRejected {
        if (!audience.receivesSensitiveSubjects() && isSensitive(subject)) {
            throw RequestRejected.invalidTarget("The target is not authorised to receive the user's identifier");
        }
    }

    /** Whether {@code subject} matches the tenant's pattern of sensitive identifiers. */
    boolean isSensitive(String subject) {
        return sensitiveSubjects.filter(p -> p.matcher(subject).matches()).isPresent();
    }

    /**
     * The content of one access token.
     *
     * @param subject         {@code sub}
     * @param clientId        {@code client_id}
     * @param audience        the resources
     * @param scopes          {@code scope}
     * @param authorizationId {@code sid}
     * @param sourceClaims    claims of the user's authentication (subject token, grant or login) from
     *                        which the authentication context and releasable identity claims are taken
     * @param act             the {@code act} claim, or null
     * @param mayAct          the {@code may_act} claim, or null
     * @param boundTo         the DPoP key thumbprint
     * @param notAfter        a cap on {@code exp} (the subject token's expiry, A-34), or null
     */
    record Content(String subject, String clientId, Audience audience, Set<String> scopes, String authorizationId,
                   Map<String, Object> sourceClaims, Object act, Object mayAct, Optional<JwkThumbprint> boundTo,
                   Instant notAfter) {
    }

    IssuedToken issue(String grantType, Content c) {
        Instant now = minter.now();
        Instant exp = now.plus(lifetime);
        if (c.notAfter() != null && c.notAfter().isBefore(exp)) {
            exp = c.notAfter();
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", c.subject());
        claims.put("aud", TokenMinter.audienceClaim(c.audience().values()));
        claims.put("client_id", c.clientId());
        claims.put("scope", scopeString(c.scopes()));
        claims.put("sid", c.authorizationId());
        for (String name : AUTHENTICATION_CLAIMS) {
            Object value = c.sourceClaims().get(name);
            if (value != null) {
                claims.put(name, value);
            }
        }
        for (String name : c.audience().identityClaims()) {
            Object value = c.sourceClaims().get(name);
            if (value != null && !claims.containsKey(name)) {
                claims.put(name, value);
            }
        }
        if (c.act() != null) {
            claims.put("act", c.act());
        }
        if (c.mayAct() != null) {
            claims.put("may_act", c.mayAct());
        }
        c.boundTo().ifPresent(jkt -> claims.put("cnf", Map.of("jkt", jkt.value())));
        IssuedToken token = minter.sign(TokenMinter.ACCESS_TOKEN_TYPE, claims, now, exp,
                c.audience().signingAlgorithm());
        audit.issued(grantType, c.clientId(), token, null);
        return token;
    }

    /** The RFC 6749 5.1 / RFC 8693 2.2.1 response members for an issued access token. */
    static Map<String, Object> response(IssuedToken token, boolean bound, Set<String> scopes, Instant now,
                                        String issuedTokenType) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token.value());
        if (issuedTokenType != null) {
            body.put("issued_token_type", issuedTokenType);
        }
        body.put("token_type", bound ? "DPoP" : "Bearer");
        body.put("expires_in", Math.max(0, token.expiresAt().getEpochSecond() - now.getEpochSecond()));
        body.put("scope", scopeString(scopes));
        return body;
    }

    /** Scope values in one deterministic order, so the claim and the response are identical (GEN-93). */
    static String scopeString(Set<String> scopes) {
        return ScopeValues.join(new java.util.TreeSet<>(scopes));
    }
}
