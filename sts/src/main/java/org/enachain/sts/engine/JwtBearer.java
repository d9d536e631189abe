package org.enachain.sts.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.enachain.core.OAuthError;
import org.enachain.core.Rejection;
import org.enachain.core.ValidationResult;
import org.enachain.core.dpop.DpopProof;
import org.enachain.core.jose.JwkThumbprint;
import org.enachain.core.token.AuthorizationGrant;
import org.enachain.core.token.AuthorizationGrantValidator;
import org.enachain.sts.policy.ClientPolicy;
import org.enachain.sts.policy.GrantType;
import org.enachain.sts.policy.ResourcePolicy;
import org.enachain.sts.policy.TrustedIssuerPolicy;

/**
 * The TAS role: redeems an RFC 7523 JWT authorization grant from a trusted originating domain for an
 * access token of this domain (Chaining 3.4, TAS-01 to TAS-42). The grant is checked by core's
 * {@link AuthorizationGrantValidator} (signature with the issuer's own keys, audience, lifetime,
 * one-time {@code jti}, {@code client_id} = the authenticated client); scopes go through the
 * issuer's deterministic map.
 */
final class JwtBearer {

    private final Optional<AuthorizationGrantValidator> grants;
    private final Map<String, TrustedIssuerPolicy> trustedIssuers;
    private final Targets targets;
    private final AccessTokens accessTokens;
    private final TokenMinter minter;

    JwtBearer(Optional<AuthorizationGrantValidator> grants, Map<String, TrustedIssuerPolicy> trustedIssuers,
              Targets targets, AccessTokens accessTokens, TokenMinter minter) {
        this.grants = grants;
        this.trustedIssuers = trustedIssuers;
        this.targets = targets;
        this.accessTokens = accessTokens;
        this.minter = minter;
    }

    Map<String, Object> redeem(FormParameters form, ClientPolicy client, Optional<DpopProof> proof)
            throws RequestRejected {
        if (form.has("audience")) {
            throw RequestRejected.invalidRequest("A jwt-bearer request takes no audience parameter; name the resource"
                    + " with resource");
        }
        String assertion = form.required("assertion");
        Set<String> requested = ScopeRules.requested(form);
        if (grants.isEmpty()) {
            throw RequestRejected.invalidGrant("This authorization server trusts no originating issuer");
        }
        // The grant is spent only when everything else holds too: a refused request leaves it usable.
        ValidationResult<AuthorizationGrant> result = grants.get().validateAllButReplay(assertion, client.clientId());
        if (!result.isAccepted()) {
            throw RequestRejected.from(result.rejection(), OAuthError.INVALID_GRANT);
        }
        AuthorizationGrant grant = result.value();
        TrustedIssuerPolicy issuer = trustedIssuers.get(grant.issuer());
        Set<String> implied = ScopeRules.map(grant.scopes(), issuer.scopeMap());

        List<String> resource = form.all("resource");
        Audience target;
        if (!resource.isEmpty()) {
            target = targets.resolve(resource, client, "resource");
        } else {
            ResourcePolicy deduced = targets.deduce(requested.isEmpty() ? implied : requested, client)
                    .orElseThrow(() -> RequestRejected.invalidRequest("Name the target with resource: it cannot be"
                            + " deduced from the scope"));
            target = targets.audienceOf(List.of(deduced));
        }

        Set<String> granted = new TreeSet<>();
        if (requested.isEmpty()) {
            for (String scope : implied) {
                if (target.scopes().contains(scope) && client.mayObtainScope(scope)) {
                    granted.add(scope);
                }
            }
            if (granted.isEmpty()) {
                throw RequestRejected.invalidScope("The grant implies no scope of the target that the client may obtain");
            }
        } else {
            for (String scope : requested) {
                if (!implied.contains(scope)) {
                    throw RequestRejected.invalidScope("The scope " + Targets.quoted(scope) + " is not implied by the grant");
                }
                if (!target.scopes().contains(scope) || !client.mayObtainScope(scope)) {
                    throw RequestRejected.invalidScope("The scope " + Targets.quoted(scope)
                            + " cannot be issued for the target to this client");
                }
                granted.add(scope);
            }
        }

        String subject = issuer.subjectMap().getOrDefault(grant.subject(), grant.subject());
        accessTokens.requireSubjectReleasable(subject, target);
        Optional<JwkThumbprint> boundTo = accessTokens.binding(target, proof);

        Object grantAct = grant.claims().get("act");
        if (grantAct != null && !ActorClaim.isWellFormed(grantAct)) {
            throw RequestRejected.invalidGrant("The grant's act claim is not a chain of actors, each with a sub");
        }
        Object act = grantAct;
        if (grantAct != null && !client.clientId().equals(ActorClaim.currentActor(grantAct))) {
            act = ActorClaim.nest(client.clientId(), grantAct);
            if (!ActorClaim.isWellFormed(act)) {
                // TAS-32: the whole chain is kept, so with this client above it, it must stay a readable chain.
                throw RequestRejected.invalidGrant("The grant's actor chain is too long to add the client to it");
            }
        }
        Optional<Rejection> replay = grants.get().recordUse(grant);
        if (replay.isPresent()) {
            throw RequestRejected.from(replay.get(), OAuthError.INVALID_GRANT);
        }
        Map<String, Object> source = new HashMap<>(grant.claims());
        IssuedToken token = accessTokens.issue(GrantType.JWT_BEARER.value(), new AccessTokens.Content(subject,
                client.clientId(), target, granted, Authorizations.newId(), source, act, null, boundTo, null));
        return AccessTokens.response(token, boundTo.isPresent(), granted, minter.now(), null);
    }
}
