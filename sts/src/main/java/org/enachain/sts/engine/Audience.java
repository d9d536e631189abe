package org.enachain.sts.engine;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.enachain.core.jose.JwsAlgorithm;
import org.enachain.sts.policy.DpopRequirement;
import org.enachain.sts.policy.ResourcePolicy;

/**
 * Whom one access token is for. Either protected resources sharing one access configuration
 * (Profile 6.1.1, GEN-88), or this authorization server alone: a token whose sole purpose is token
 * exchange (STS-07).
 *
 * @param resources      the resources, each once (empty for an exchange-only token)
 * @param values         the {@code aud} values: each resource identifier, its aliases (GEN-87) and,
 *                       for exchange-capable resources in self-audience mode, the issuer
 * @param scopes         the scopes relevant to the audience
 * @param dpop           the audience's DPoP requirement
 * @param identityClaims identity claims the audience may receive
 * @param receivesSensitiveSubjects whether it may receive a sensitive {@code sub}
 * @param signingAlgorithm the algorithm it expects (GEN-82)
 */
record Audience(List<ResourcePolicy> resources, List<String> values, Set<String> scopes, DpopRequirement dpop,
                Set<String> identityClaims, boolean receivesSensitiveSubjects, Optional<JwsAlgorithm> signingAlgorithm) {

    Audience {
        resources = List.copyOf(resources);
        values = List.copyOf(values);
        scopes = Set.copyOf(scopes);
        identityClaims = Set.copyOf(identityClaims);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("An audience needs at least one value");
        }
    }

    /** Resources that share one access configuration: any of them speaks for all. */
    static Audience ofResources(List<ResourcePolicy> resources, List<String> values) {
        ResourcePolicy any = resources.get(0);
        return new Audience(resources, values, any.scopes(), any.dpop(), any.identityClaims(),
                any.receivesSensitiveSubjects(), any.signingAlgorithm());
    }

    /** This authorization server alone (STS-07): usable only as a subject token here. */
    static Audience exchangeOnly(String issuer, Set<String> scopes) {
        return new Audience(List.of(), List.of(issuer), scopes, DpopRequirement.OPTIONAL, Set.of(), true,
                Optional.empty());
    }

    boolean isExchangeOnly() {
        return resources.isEmpty();
    }

    List<String> resourceIds() {
        return resources.stream().map(ResourcePolicy::id).toList();
    }
}
