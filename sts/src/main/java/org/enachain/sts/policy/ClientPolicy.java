package org.enachain.sts.policy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A registered client of the tenant: an application, or a protected resource that exchanges the
 * tokens it receives (Chaining 2). Clients authenticate with {@code private_key_jwt} only, using the
 * keys of {@code keys}.
 *
 * @param clientId               the registered client identifier
 * @param keys                   the client's public keys (Profile 8.3.1)
 * @param grantTypes             the grant types the client may use (STS-20)
 * @param redirectUris           exact redirect URIs for the authorization code grant
 * @param resourceId             the client's own protected-resource identifier, when it is also a
 *                               resource: a token whose {@code aud} holds it may be exchanged by
 *                               this client (A-02, STS-28)
 * @param allowedResources       the resource identifiers this client may obtain tokens for (STS-39)
 * @param allowedScopes          the scopes this client may obtain; empty means no restriction beyond
 *                               the resource's scopes (STS-44)
 * @param crossDomainPeers       peer issuer → this client's identifier registered at that peer
 *                               (STS-03, STS-66)
 * @param dpopBoundAccessTokens  RFC 9449 5.2 client metadata: every token request needs a proof (GEN-109)
 * @param legacyAssertionType    accept client assertions not typed {@code client-authentication+jwt}
 */
public record ClientPolicy(String clientId, KeySource keys, Set<GrantType> grantTypes, List<String> redirectUris,
                           Optional<String> resourceId, Set<String> allowedResources, Set<String> allowedScopes,
                           Map<String, String> crossDomainPeers, boolean dpopBoundAccessTokens,
                           boolean legacyAssertionType) {

    public ClientPolicy {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(keys, "keys");
        grantTypes = Set.copyOf(grantTypes);
        redirectUris = List.copyOf(redirectUris);
        Objects.requireNonNull(resourceId, "resourceId");
        allowedResources = Set.copyOf(allowedResources);
        allowedScopes = Set.copyOf(allowedScopes);
        crossDomainPeers = Map.copyOf(crossDomainPeers);
    }

    public boolean mayUse(GrantType grantType) {
        return grantTypes.contains(grantType);
    }

    public boolean mayObtainScope(String scope) {
        return allowedScopes.isEmpty() || allowedScopes.contains(scope);
    }

    /** Whether {@code identifier} names this client: its client identifier or its resource identifier. */
    public boolean isNamedBy(String identifier) {
        return clientId.equals(identifier) || resourceId.filter(identifier::equals).isPresent();
    }

    @Override
    public String toString() {
        return "client " + clientId;
    }
}
