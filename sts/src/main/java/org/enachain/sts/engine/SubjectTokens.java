package org.enachain.sts.engine;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.enachain.core.OAuthError;
import org.enachain.core.ValidationResult;
import org.enachain.core.client.TokenTypeUri;
import org.enachain.core.token.AccessToken;
import org.enachain.core.token.AccessTokenValidator;
import org.enachain.sts.policy.ClientPolicy;
import org.enachain.sts.policy.TenantPolicy;

/**
 * The subject token rules of Chaining 4.2.2 (STS-21 to STS-34). Every failure is
 * {@code invalid_request} (RFC 8693 2.2.2) with a description that names neither the token nor its
 * user (GEN-77).
 */
final class SubjectTokens {

    private final String issuer;
    private final TenantPolicy policy;
    private final AccessTokenValidator ownAccessTokens;
    private final RefreshTokens refreshTokens;
    private final Authorizations authorizations;
    private final Clock clock;

    SubjectTokens(String issuer, TenantPolicy policy, AccessTokenValidator ownAccessTokens, RefreshTokens refreshTokens,
                  Authorizations authorizations, Clock clock) {
        this.issuer = issuer;
        this.policy = policy;
        this.ownAccessTokens = ownAccessTokens;
        this.refreshTokens = refreshTokens;
        this.authorizations = authorizations;
        this.clock = clock;
    }

    /**
     * Validates the {@code subject_token} of an exchange by {@code requester}.
     *
     * @param crossDomain whether the cross-domain rules apply: only they accept a refresh token
     */
    Subject validate(FormParameters form, ClientPolicy requester, boolean crossDomain) throws RequestRejected {
        String token = form.required("subject_token");
        String typeUri = form.required("subject_token_type");
        TokenTypeUri type = TokenTypeUri.fromUri(typeUri)
                .filter(t -> t == TokenTypeUri.ACCESS_TOKEN || t == TokenTypeUri.REFRESH_TOKEN)
                .orElseThrow(() -> RequestRejected.invalidRequest(
                        "The subject_token_type must be the access token or the refresh token type"));
        Subject subject = type == TokenTypeUri.ACCESS_TOKEN ? accessToken(token) : refreshToken(token, crossDomain);
        requireUsableBy(subject, requester);
        return subject;
    }

    private Subject accessToken(String token) throws RequestRejected {
        ValidationResult<AccessToken> result = ownAccessTokens.validate(token);
        if (!result.isAccepted()) {
            throw RequestRejected.from(result.rejection(), OAuthError.INVALID_REQUEST);
        }
        AccessToken at = result.value();
        // STS-24, A-34: the validator's leeway is for other parties' clocks. A token of this tenant has
        // expired when this tenant's clock says so (as its refresh tokens do); accepting it within the
        // leeway would issue a token or grant that expires before it is issued.
        if (!at.expiresAt().isAfter(clock.instant())) {
            throw RequestRejected.invalidRequest("The subject token has expired");
        }
        Object sid = at.claims().get("sid");
        // every token this tenant issues for a user names its authorization; a token without one,
        // or whose sub is its client (the client-credentials convention of Profile 6.1.2), has no user.
        if (!(sid instanceof String authorizationId) || at.subject().equals(at.clientId())) {
            throw RequestRejected.invalidRequest("The subject token was not issued for a user");
        }
        if (at.jwtId().filter(authorizations::isTokenRevoked).isPresent()) {
            throw RequestRejected.invalidRequest("The subject token has been revoked");
        }
        if (policy.selfAudience() && !at.audience().contains(issuer)) {
            throw RequestRejected.invalidRequest("The subject token is not intended for token exchange: its aud"
                    + " does not name this authorization server");
        }
        return new Subject(at.subject(), at.clientId(), at.audience(), at.scopes(), at.expiresAt(), authorizationId,
                at.claims(), false);
    }

    private Subject refreshToken(String token, boolean crossDomain) throws RequestRejected {
        if (!crossDomain) {
            throw RequestRejected.invalidRequest("A refresh token cannot be the subject of an intra-domain exchange;"
                    + " use an access token");
        }
        UserAuthorization authorization = refreshTokens.find(token).orElseThrow(() -> RequestRejected.invalidRequest(
                "The subject token is not a valid refresh token of this authorization server"));
        if (policy.selfAudience() && !authorization.audience().contains(issuer)) {
            throw RequestRejected.invalidRequest("The subject token is not intended for token exchange: its aud"
                    + " does not name this authorization server");
        }
        Map<String, Object> claims = new HashMap<>(authorization.userClaims());
        claims.put("sub", authorization.subject());
        claims.put("client_id", authorization.clientId());
        return new Subject(authorization.subject(), authorization.clientId(), authorization.audience(),
                authorization.scopes(), authorization.expiresAt(), authorization.authorizationId(), Map.copyOf(claims),
                true);
    }

    private void requireUsableBy(Subject subject, ClientPolicy requester) throws RequestRejected {
        if (authorizations.isRevoked(subject.authorizationId())) {
            throw RequestRejected.invalidRequest("The subject token has been revoked");
        }
        boolean ownToken = subject.clientId().equals(requester.clientId());
        boolean receivedToken = !policy.strictSubjectClient() && !subject.refreshToken()
                && subject.audience().stream().anyMatch(requester::isNamedBy);
        if (!ownToken && !receivedToken) {
            throw RequestRejected.invalidRequest("The subject token was neither issued to the requesting client nor"
                    + " intended for it (its aud does not name the client)");
        }
        Optional<Object> mayAct = Optional.ofNullable(subject.claims().get("may_act"));
        if (mayAct.isPresent()) {
            if (!(mayAct.get() instanceof Map<?, ?> m) || !requester.clientId().equals(m.get("sub"))) {
                throw RequestRejected.invalidRequest("The subject token's may_act does not name the requesting client");
            }
        }
    }
}
