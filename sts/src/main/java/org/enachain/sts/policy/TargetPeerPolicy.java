package org.enachain.sts.policy;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;


/**
 * A target-domain authorization server this tenant issues JWT authorization grants for in its STS
 * role (STS-02).
 *
 * @param issuer               the peer's issuer identifier, the grant's {@code aud} (STS-78)
 * @param tokenEndpoint        the peer's token endpoint URL, added as a second {@code aud} when
 *                             {@code tokenEndpointAudience} is on (STS-79, A-09)
 * @param tokenEndpointAudience whether to add the token endpoint to {@code aud}
 * @param scopeMap             originating scope → target scopes, applied by this STS when not empty
 *                             (GEN-115, A-37); empty means the grant carries this domain's values
 * @param pseudonymousSubject  replace {@code sub} by a keyed pseudonym the operator can map back (STS-94)
 * @param grantType            the grant's JOSE {@code typ} (A-32, default {@code JWT}); never the type of
 *                             another JWT kind (STS-93)
 */
public record TargetPeerPolicy(String issuer, Optional<String> tokenEndpoint, boolean tokenEndpointAudience,
                               Map<String, Set<String>> scopeMap, boolean pseudonymousSubject, String grantType) {

    public TargetPeerPolicy {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
        scopeMap = Map.copyOf(scopeMap);
        Objects.requireNonNull(grantType, "grantType");
        if (grantType.isBlank() || PolicyFile.isForbiddenGrantType(grantType)) {
            throw new IllegalArgumentException("The grant type '" + grantType + "' is empty or the type of another"
                    + " JWT kind (A-32)");
        }
        if (tokenEndpointAudience && tokenEndpoint.isEmpty()) {
            throw new IllegalArgumentException("The token endpoint audience option needs the peer's token endpoint");
        }
    }

    @Override
    public String toString() {
        return "target peer " + issuer;
    }
}
