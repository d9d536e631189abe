package org.enachain.sts.policy;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An originating-domain authorization server whose JWT authorization grants this tenant redeems in
 * its TAS role (TAS-02).
 *
 * @param issuer         the peer's issuer identifier, compared exactly with the grant's {@code iss}
 * @param keys           the keys bound to that issuer, and only to it (TAS-10)
 * @param scopeMap       originating scope → the target scopes it implies (GEN-115, TAS-25); empty
 *                       means the grant already carries this domain's scope values
 * @param subjectMap     grant {@code sub} → the subject identifier in this domain (TAS-28); unmapped
 *                       subjects pass through unchanged
 * @param acceptedTypes  JOSE {@code typ} values accepted besides none and {@code JWT}
 */
public record TrustedIssuerPolicy(String issuer, KeySource keys, Map<String, Set<String>> scopeMap,
                                  Map<String, String> subjectMap, Set<String> acceptedTypes) {

    public TrustedIssuerPolicy {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(keys, "keys");
        scopeMap = Map.copyOf(scopeMap);
        subjectMap = Map.copyOf(subjectMap);
        acceptedTypes = Set.copyOf(acceptedTypes);
    }

    @Override
    public String toString() {
        return "trusted issuer " + issuer;
    }
}
