package org.enachain.sts.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything one issuer of enachain-sts does, read from its policy file.
 *
 * @param name                 the tenant name, the last path segment of the issuer
 * @param signingKeys          the tenant's signing keys
 * @param resourceOwnerMode    the user is the resource owner: scopes never grow in an exchange
 *                             (A-39, STS-05); off selects non-owner mode with entitlements
 * @param selfAudience         tokens for exchange-capable resources also name this issuer, and a
 *                             subject token must (A-04, STS-06, STS-30)
 * @param emitMayAct           add {@code may_act} to tokens a client obtains for itself (A-03, STS-08)
 * @param strictSubjectClient  apply Chaining 4.2.2 literally: a subject token's {@code client_id}
 *                             must be the requester (A-02 strict option)
 * @param dpopNonces           require server-provided DPoP nonces at the token endpoint (GEN-113)
 * @param acceptTokenEndpointAudience accept a client assertion whose sole {@code aud} is the token
 *                             endpoint URL (A-07 legacy option)
 * @param sensitiveSubjects    subject identifiers only resources with {@code receivesSensitiveSubjects}
 *                             may receive; empty when none are sensitive
 * @param lifetimes            lifetimes and leeway
 */
public record TenantPolicy(String name, SigningKeysPolicy signingKeys, boolean resourceOwnerMode, boolean selfAudience,
                           boolean emitMayAct, boolean strictSubjectClient, boolean dpopNonces,
                           boolean acceptTokenEndpointAudience, Optional<Pattern> sensitiveSubjects,
                           Lifetimes lifetimes, List<ClientPolicy> clients, List<ResourcePolicy> resources,
                           List<TrustedIssuerPolicy> trustedIssuers, List<TargetPeerPolicy> targetPeers,
                           List<DemoUser> users) {

    public TenantPolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(signingKeys, "signingKeys");
        Objects.requireNonNull(sensitiveSubjects, "sensitiveSubjects");
        Objects.requireNonNull(lifetimes, "lifetimes");
        clients = List.copyOf(clients);
        resources = List.copyOf(resources);
        trustedIssuers = List.copyOf(trustedIssuers);
        targetPeers = List.copyOf(targetPeers);
        users = List.copyOf(users);
    }
}
