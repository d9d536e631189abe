package org.enachain.sts.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.enachain.core.dpop.DpopProof;
import org.enachain.core.jose.JwkThumbprint;
import org.enachain.core.replay.ReplayKey;
import org.enachain.sts.policy.ClientPolicy;
import org.enachain.sts.policy.DemoUser;
import org.enachain.sts.policy.GrantType;
import org.enachain.sts.policy.Lifetimes;
import org.enachain.sts.policy.ResourcePolicy;

/**
 * The grants that start from a user: {@code authorization_code} with PKCE S256 (RFC 7636) and
 * {@code refresh_token} (rotated on every use), so that real user tokens exist to be exchanged.
 * A refresh token is never issued by an exchange (STS-59) or a jwt-bearer grant (TAS-41).
 */
final class UserGrants {

    private final String issuer;
    private final ExpiringStore<AuthorizationCode> codes;
    private final RefreshTokens refreshTokens;
    private final Authorizations authorizations;
    private final Targets targets;
    private final AccessTokens accessTokens;
    private final TokenMinter minter;
    private final Lifetimes lifetimes;
    private final boolean emitMayAct;

    UserGrants(String issuer, ExpiringStore<AuthorizationCode> codes, RefreshTokens refreshTokens,
               Authorizations authorizations, Targets targets, AccessTokens accessTokens, TokenMinter minter,
               Lifetimes lifetimes, boolean emitMayAct) {
        this.issuer = issuer;
        this.codes = codes;
        this.refreshTokens = refreshTokens;
        this.authorizations = authorizations;
        this.targets = targets;
        this.accessTokens = accessTokens;
        this.minter = minter;
        this.lifetimes = lifetimes;
        this.emitMayAct = emitMayAct;
    }

    /** Stores a code for a completed login; returns its value, or empty when the store is full. */
    Optional<String> newCode(AuthorizationCode code) {
        String value = Ids.random(32);
        return codes.put(codeKey(value), code, minter.now().plus(lifetimes.authorizationCode()))
                ? Optional.of(value) : Optional.empty();
    }

    Map<String, Object> redeemCode(FormParameters form, ClientPolicy client, Optional<DpopProof> proof)
            throws RequestRejected {
        String value = form.required("code");
        String redirectUri = form.required("redirect_uri");
        String verifier = form.required("code_verifier");
        AuthorizationCode code = codes.take(codeKey(value)).orElseThrow(() ->
                RequestRejected.invalidGrant("The authorization code is invalid, expired or already used"));
        if (!code.clientId().equals(client.clientId())) {
            throw RequestRejected.invalidGrant("The authorization code was issued to another client");
        }
        if (!code.redirectUri().equals(redirectUri)) {
            throw RequestRejected.invalidGrant("The redirect_uri differs from the authorization request's");
        }
        if (!Pkce.matches(verifier, code.codeChallenge())) {
            throw RequestRejected.invalidGrant("The code_verifier does not match the code_challenge");
        }
        requireResourcesWithin(form, code.audience().values());
        DemoUser user = code.user();
        Map<String, Object> userClaims = new LinkedHashMap<>(user.claims());
        userClaims.put("acr", user.acr());
        userClaims.put("amr", DemoUser.AMR);
        userClaims.put("auth_time", code.authTime().getEpochSecond());
        String authorizationId = Authorizations.newId();
        Optional<JwkThumbprint> boundTo = requireIssuable(user.subject(), code.audience(), proof);
        Map<String, Object> body = issue(GrantType.AUTHORIZATION_CODE, client, boundTo, user.subject(), code.audience(),
                code.scopes(), authorizationId, userClaims);
        if (client.mayUse(GrantType.REFRESH_TOKEN)) {
            UserAuthorization authorization = new UserAuthorization(authorizationId, client.clientId(),
                    user.subject(), code.audience().values(), code.audience().resourceIds(), code.scopes(), userClaims,
                    minter.now().plus(lifetimes.refreshToken()));
            body.put("refresh_token", refreshTokens.issue(authorization).orElseThrow(RequestRejected::storeFull));
        }
        return body;
    }

    Map<String, Object> refresh(FormParameters form, ClientPolicy client, Optional<DpopProof> proof)
            throws RequestRejected {
        String value = form.required("refresh_token");
        Set<String> requested = ScopeRules.requested(form);
        // Read, not taken: a refused refresh leaves the client its refresh token (as a refused redemption
        // leaves a grant usable); the token is used up only once everything holds.
        UserAuthorization authorization = refreshTokens.find(value).orElseThrow(UserGrants::unusableRefreshToken);
        if (!authorization.clientId().equals(client.clientId())) {
            throw RequestRejected.invalidGrant("The refresh token was issued to another client");
        }
        if (authorizations.isRevoked(authorization.authorizationId())) {
            throw RequestRejected.invalidGrant("The refresh token has been revoked");
        }
        requireResourcesWithin(form, authorization.audience());
        Set<String> scopes = new TreeSet<>(authorization.scopes());
        if (!requested.isEmpty()) {
            if (!authorization.scopes().containsAll(requested)) {
                throw RequestRejected.invalidScope("A refresh cannot add scopes to the authorization");
            }
            scopes = new TreeSet<>(requested);
        }
        Audience audience = audienceOf(authorization);
        Optional<JwkThumbprint> boundTo = requireIssuable(authorization.subject(), audience, proof);
        if (refreshTokens.redeem(value).isEmpty()) {
            throw unusableRefreshToken();
        }
        Map<String, Object> body = issue(GrantType.REFRESH_TOKEN, client, boundTo, authorization.subject(), audience,
                scopes, authorization.authorizationId(), authorization.userClaims());
        body.put("refresh_token", refreshTokens.issue(authorization).orElseThrow(RequestRejected::storeFull));
        return body;
    }

    /**
     * RFC 8707 at the token endpoint of a user grant (GEN-102 to GEN-104): each {@code resource} must
     * name what the user authorized, whose audience the token keeps; anything else is
     * {@code invalid_target} rather than silently ignored.
     */
    private static void requireResourcesWithin(FormParameters form, List<String> authorized) throws RequestRejected {
        for (String value : form.all("resource")) {
            Targets.requireAbsoluteWithoutFragment(value, "resource");
            if (!authorized.contains(value)) {
                throw RequestRejected.invalidTarget("The resource " + Targets.quoted(value)
                        + " is not one the user authorized for this grant");
            }
        }
    }

    private Audience audienceOf(UserAuthorization authorization) throws RequestRejected {
        if (authorization.resources().isEmpty()) {
            return Audience.exchangeOnly(issuer, authorization.scopes());
        }
        List<ResourcePolicy> resources = new ArrayList<>();
        for (String id : authorization.resources()) {
            resources.add(targets.find(id).orElseThrow(() ->
                    RequestRejected.invalidGrant("A resource of this authorization is no longer registered")));
        }
        return targets.audienceOf(resources);
    }

    private static RequestRejected unusableRefreshToken() {
        return RequestRejected.invalidGrant("The refresh token is invalid, expired or already used");
    }

    /** Whether a token for {@code subject} and {@code audience} may be issued (A-16, GEN-107); its DPoP binding. */
    private Optional<JwkThumbprint> requireIssuable(String subject, Audience audience, Optional<DpopProof> proof)
            throws RequestRejected {
        accessTokens.requireSubjectReleasable(subject, audience);
        return accessTokens.binding(audience, proof);
    }

    private Map<String, Object> issue(GrantType grantType, ClientPolicy client, Optional<JwkThumbprint> boundTo,
                                      String subject, Audience audience, Set<String> scopes, String authorizationId,
                                      Map<String, Object> userClaims) {
        Object mayAct = emitMayAct && audience.isExchangeOnly() ? Map.of("sub", client.clientId()) : null;
        IssuedToken token = accessTokens.issue(grantType.value(), new AccessTokens.Content(subject, client.clientId(),
                audience, scopes, authorizationId, userClaims, null, mayAct, boundTo, null));
        return new LinkedHashMap<>(AccessTokens.response(token, boundTo.isPresent(), scopes, minter.now(), null));
    }

    private static String codeKey(String code) {
        return ReplayKey.of("authorization-code", code);
    }

    /** RFC 7636 PKCE with S256, the only method offered. */
    static final class Pkce {
        private Pkce() {
        }

        static boolean isValidVerifier(String verifier) {
            return verifier.length() >= 43 && verifier.length() <= 128
                    && verifier.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 0x80
                    || c == '-' || c == '.' || c == '_' || c == '~');
        }

        static boolean isValidChallenge(String challenge) {
            return challenge.length() == 43 && challenge.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 0x80
                    || c == '-' || c == '_');
        }

        static String challengeOf(String verifier) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
                return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is unavailable", e);
            }
        }

        static boolean matches(String verifier, String challenge) {
            return isValidVerifier(verifier) && MessageDigest.isEqual(
                    challengeOf(verifier).getBytes(StandardCharsets.US_ASCII),
                    challenge.getBytes(StandardCharsets.US_ASCII));
        }
    }
}
