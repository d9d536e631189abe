package org.enachain.sts.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.enachain.core.client.TokenTypeUri;
import org.enachain.core.dpop.DpopProof;
import org.enachain.core.jose.JwkThumbprint;
import org.enachain.sts.policy.ClientPolicy;
import org.enachain.sts.policy.GrantType;
import org.enachain.sts.policy.Lifetimes;
import org.enachain.sts.policy.ResourcePolicy;
import org.enachain.sts.policy.TargetPeerPolicy;

/**
 * RFC 8693 token exchange as the Ena chaining profile shapes it: intra-domain (Chaining 2 → an
 * access token for a resource of this tenant) and cross-domain (Chaining 3.3 → a JWT authorization
 * grant for a peer authorization server), told apart by {@code requested_token_type}
 * (STS-15 to STS-19).
 */
final class TokenExchange {

    private final Map<String, TargetPeerPolicy> peers;
    private final Targets targets;
    private final SubjectTokens subjectTokens;
    private final ScopeRules scopes;
    private final AccessTokens accessTokens;
    private final TokenMinter minter;
    private final Pseudonyms pseudonyms;
    private final Audit audit;
    private final Lifetimes lifetimes;

    TokenExchange(Map<String, TargetPeerPolicy> peers, Targets targets, SubjectTokens subjectTokens, ScopeRules scopes,
                  AccessTokens accessTokens, TokenMinter minter, Pseudonyms pseudonyms, Audit audit,
                  Lifetimes lifetimes) {
        this.peers = peers;
        this.targets = targets;
        this.subjectTokens = subjectTokens;
        this.scopes = scopes;
        this.accessTokens = accessTokens;
        this.minter = minter;
        this.pseudonyms = pseudonyms;
        this.audit = audit;
        this.lifetimes = lifetimes;
    }

    Map<String, Object> exchange(FormParameters form, ClientPolicy client, Optional<DpopProof> proof)
            throws RequestRejected {
        if (form.has("actor_token") || form.has("actor_token_type")) {
            throw RequestRejected.invalidRequest("This authorization server does not accept actor tokens: the"
                    + " authenticated client is the actor");
        }
        List<String> resource = form.all("resource");
        List<String> audience = form.all("audience");
        if (!resource.isEmpty() && !audience.isEmpty()) {
            throw RequestRejected.invalidRequest("Send either resource or audience, not both");
        }
        boolean crossDomain = crossDomain(form.optional("requested_token_type"), resource, audience);
        Set<String> requestedScopes = ScopeRules.requested(form);
        return crossDomain
                ? grant(form, client, requestedScopes, resource.isEmpty() ? audience : resource)
                : accessToken(form, client, proof, requestedScopes, resource, audience);
    }

    /** STS-15 to STS-19, A-27: the requested type decides; without one, only an unambiguous target does. */
    private boolean crossDomain(Optional<String> requestedType, List<String> resource, List<String> audience)
            throws RequestRejected {
        if (requestedType.isPresent()) {
            Optional<TokenTypeUri> type = TokenTypeUri.fromUri(requestedType.get());
            if (type.isPresent() && type.get() == TokenTypeUri.ACCESS_TOKEN) {
                return false;
            }
            if (type.isPresent() && type.get() == TokenTypeUri.JWT) {
                return true;
            }
            throw RequestRejected.invalidRequest("The requested_token_type must be the access token type (a token"
                    + " for a resource here) or the JWT type (a grant for another domain)");
        }
        List<String> all = new ArrayList<>(resource);
        all.addAll(audience);
        if (!all.isEmpty() && all.stream().allMatch(peers::containsKey) && all.size() == 1) {
            return true;
        }
        if (!all.isEmpty() && all.stream().allMatch(targets::isResource)) {
            return false;
        }
        throw RequestRejected.invalidRequest("Cannot tell whether an access token or a cross-domain grant is wanted;"
                + " send requested_token_type");
    }

    private Map<String, Object> accessToken(FormParameters form, ClientPolicy client, Optional<DpopProof> proof,
                                            Set<String> requestedScopes, List<String> resource, List<String> audience)
            throws RequestRejected {
        Subject subject = subjectTokens.validate(form, client, false);
        Audience target;
        if (!resource.isEmpty()) {
            target = targets.resolve(resource, client, "resource");
        } else if (!audience.isEmpty()) {
            target = targets.resolve(audience, client, "audience");
        } else {
            ResourcePolicy deduced = targets.deduce(requestedScopes, client).orElseThrow(() ->
                    RequestRejected.invalidRequest("Name the target with resource or audience: it cannot be deduced"
                            + " from the scope"));
            target = targets.audienceOf(List.of(deduced));
        }
        accessTokens.requireSubjectReleasable(subject.subject(), target);
        Set<String> granted = scopes.forAudience(requestedScopes, subject, target, client);
        Optional<JwkThumbprint> boundTo = accessTokens.binding(target, proof);
        IssuedToken token = accessTokens.issue(GrantType.TOKEN_EXCHANGE.value(), new AccessTokens.Content(
                subject.subject(), client.clientId(), target, granted, subject.authorizationId(), subject.claims(),
                actorsFor(client, subject), null, boundTo, subject.expiresAt()));
        return AccessTokens.response(token, boundTo.isPresent(), granted, minter.now(),
                TokenTypeUri.ACCESS_TOKEN.uri());
    }

    /**
     * The {@code act} of what {@code client} obtains for {@code subject} (STS-63): the subject's chain
     * below the client, refused when it would be nested deeper than any verifier reads.
     */
    private static Map<String, Object> actorsFor(ClientPolicy client, Subject subject) throws RequestRejected {
        Map<String, Object> act = ActorClaim.forExchange(client.clientId(), subject);
        if (!ActorClaim.isWellFormed(act)) {
            throw RequestRejected.invalidRequest("The subject token's actor chain is too long to add the client to it");
        }
        return act;
    }

    private Map<String, Object> grant(FormParameters form, ClientPolicy client, Set<String> requestedScopes,
                                      List<String> target) throws RequestRejected {
        if (target.size() != 1) {
            throw RequestRejected.invalidRequest("A cross-domain exchange names exactly one target authorization server");
        }
        TargetPeerPolicy peer = peers.get(target.get(0));
        if (peer == null) {
            Targets.requireAbsoluteWithoutFragment(target.get(0), "target");
            throw RequestRejected.invalidTarget("The target " + Targets.quoted(target.get(0))
                    + " is not a trusted peer authorization server");
        }
        String clientIdAtPeer = client.crossDomainPeers().get(peer.issuer());
        if (clientIdAtPeer == null) {
            throw RequestRejected.unauthorizedClient("The client may not exchange tokens towards "
                    + Targets.quoted(peer.issuer()));
        }
        Subject subject = subjectTokens.validate(form, client, true);
        Set<String> originating = scopes.forGrant(requestedScopes, subject, client, peer.scopeMap());
        Set<String> granted = ScopeRules.map(originating, peer.scopeMap());
        if (granted.isEmpty()) {
            throw RequestRejected.invalidScope("No scope remains for the target domain");
        }

        Instant now = minter.now();
        Instant exp = now.plus(lifetimes.authorizationGrant());
        if (subject.expiresAt().isBefore(exp)) {
            exp = subject.expiresAt();
        }
        if (!peer.pseudonymousSubject() && accessTokens.isSensitive(subject.subject())) {
            // A-16, GEN-90: a sensitive identifier leaves the domain only as a pseudonym.
            throw RequestRejected.invalidTarget("The user's identifier may not be released to the target domain;"
                    + " the peer needs pseudonymous subjects");
        }
        String sub = peer.pseudonymousSubject() ? pseudonyms.of(peer.issuer(), subject.subject()) : subject.subject();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", sub);
        claims.put("aud", peer.tokenEndpointAudience()
                ? List.of(peer.issuer(), peer.tokenEndpoint().orElseThrow()) : peer.issuer());
        claims.put("client_id", clientIdAtPeer);
        claims.put("nbf", now.getEpochSecond());
        claims.put("scope", AccessTokens.scopeString(granted));
        for (String name : AccessTokens.AUTHENTICATION_CLAIMS) {
            Object value = subject.claims().get(name);
            if (value != null) {
                claims.put(name, value);
            }
        }
        claims.put("act", actorsFor(client, subject));
        IssuedToken grant = minter.sign(peer.grantType(), claims, now, exp, Optional.empty());
        audit.issued(GrantType.TOKEN_EXCHANGE.value(), client.clientId(), grant,
                peer.pseudonymousSubject() ? subject.subject() : null);

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", grant.value());
        body.put("issued_token_type", TokenTypeUri.JWT.uri());
        body.put("token_type", "N_A");
        body.put("expires_in", exp.getEpochSecond() - now.getEpochSecond());
        body.put("scope", AccessTokens.scopeString(granted));
        return body;
    }
}
