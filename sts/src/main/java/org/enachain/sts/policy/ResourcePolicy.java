package org.enachain.sts.policy;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.enachain.core.jose.JwsAlgorithm;

/**
 * A protected resource tokens may be issued for (Profile 6.1.1, 7.1).
 *
 * @param id                      the resource identifier, the value of {@code aud}
 * @param aliases                 alternative identifiers of the same resource, added to {@code aud} (GEN-87)
 * @param scopes                  the scopes that are relevant to this resource
 * @param dpop                    DPoP requirement (GEN-106)
 * @param identityClaims          the user identity claims this resource may receive (A-15, GEN-94)
 * @param receivesSensitiveSubjects whether this resource may receive a {@code sub} that the tenant
 *                                marks as sensitive (A-16, GEN-90)
 * @param exchangeCapable         the resource exchanges the tokens it receives: with self-audience
 *                                on, its tokens also name the tenant's issuer (A-04, STS-06)
 * @param signingAlgorithm        the algorithm the resource expects tokens signed with (GEN-82); empty
 *                                means the tenant's default key
 */
public record ResourcePolicy(String id, Set<String> aliases, Set<String> scopes, DpopRequirement dpop,
                             Set<String> identityClaims, boolean receivesSensitiveSubjects, boolean exchangeCapable,
                             Optional<JwsAlgorithm> signingAlgorithm) {

    public ResourcePolicy {
        Objects.requireNonNull(id, "id");
        aliases = Set.copyOf(aliases);
        scopes = Set.copyOf(scopes);
        Objects.requireNonNull(dpop, "dpop");
        identityClaims = Set.copyOf(identityClaims);
        Objects.requireNonNull(signingAlgorithm, "signingAlgorithm");
    }

    /**
     * Whether tokens for this resource and for {@code other} can be one token: the same access
     * configuration (Profile 6.1.1, GEN-88).
     */
    public boolean sharesAccessConfigurationWith(ResourcePolicy other) {
        return scopes.equals(other.scopes) && dpop == other.dpop && identityClaims.equals(other.identityClaims)
                && receivesSensitiveSubjects == other.receivesSensitiveSubjects && exchangeCapable == other.exchangeCapable
                && signingAlgorithm.equals(other.signingAlgorithm);
    }

    @Override
    public String toString() {
        return "resource " + id;
    }
}
