package org.enachain.sts.engine;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.enachain.core.Printable;
import org.enachain.sts.policy.ClientPolicy;
import org.enachain.sts.policy.DemoUser;
import org.enachain.sts.policy.TenantPolicy;

/**
 * Which scopes an exchanged token or grant carries (Chaining 2.3.1, 2.4, 4.3; ).
 * An explicitly requested scope that is not allowed fails the request; without {@code scope} the
 * subject's scopes are filtered, and an empty result fails too.
 */
final class ScopeRules {

    private final boolean resourceOwnerMode;
    private final Map<String, Set<String>> entitlementsBySubject;

    ScopeRules(TenantPolicy policy) {
        this.resourceOwnerMode = policy.resourceOwnerMode();
        Map<String, Set<String>> entitlements = new java.util.HashMap<>();
        for (DemoUser user : policy.users()) {
            entitlements.put(user.subject(), user.entitlements());
        }
        this.entitlementsBySubject = Map.copyOf(entitlements);
    }

    /**
     * Scopes of an intra-domain exchange for {@code audience} (STS-40 to STS-44).
     */
    Set<String> forAudience(Set<String> requested, Subject subject, Audience audience, ClientPolicy client)
            throws RequestRejected {
        if (requested.isEmpty()) {
            Set<String> filtered = new TreeSet<>();
            for (String scope : subject.scopes()) {
                if (audience.scopes().contains(scope) && client.mayObtainScope(scope)) {
                    filtered.add(scope);
                }
            }
            if (filtered.isEmpty()) {
                throw RequestRejected.invalidScope("None of the subject token's scopes is relevant to the target and"
                        + " permitted for the client; request a scope");
            }
            return filtered;
        }
        for (String scope : requested) {
            if (!audience.scopes().contains(scope)) {
                throw RequestRejected.invalidScope("The scope " + quoted(scope) + " is not a scope of the target");
            }
            requireAllowed(scope, subject, client);
        }
        return new TreeSet<>(requested);
    }

    /**
     * Originating-domain scopes of a cross-domain grant (STS-89): requested ones must be allowed;
     * without {@code scope} the subject's scopes are filtered by the client's permissions and, when
     * the peer maps scopes, by what the map knows.
     */
    Set<String> forGrant(Set<String> requested, Subject subject, ClientPolicy client, Map<String, Set<String>> scopeMap)
            throws RequestRejected {
        if (requested.isEmpty()) {
            Set<String> filtered = new TreeSet<>();
            for (String scope : subject.scopes()) {
                if (client.mayObtainScope(scope) && (scopeMap.isEmpty() || scopeMap.containsKey(scope))) {
                    filtered.add(scope);
                }
            }
            if (filtered.isEmpty()) {
                throw RequestRejected.invalidScope("None of the subject token's scopes can be passed to the target"
                        + " domain; request a scope");
            }
            return filtered;
        }
        for (String scope : requested) {
            if (!scopeMap.isEmpty() && !scopeMap.containsKey(scope)) {
                throw RequestRejected.invalidScope("The scope " + quoted(scope) + " has no mapping to the target domain");
            }
            requireAllowed(scope, subject, client);
        }
        return new TreeSet<>(requested);
    }

    private void requireAllowed(String scope, Subject subject, ClientPolicy client) throws RequestRejected {
        if (!client.mayObtainScope(scope)) {
            throw RequestRejected.invalidScope("The client may not obtain the scope " + quoted(scope));
        }
        if (subject.scopes().contains(scope)) {
            return;
        }
        if (resourceOwnerMode) {
            throw RequestRejected.invalidScope("The scope " + quoted(scope) + " was not granted in the subject token");
        }
        if (!entitlementsBySubject.getOrDefault(subject.subject(), Set.of()).contains(scope)) {
            throw RequestRejected.invalidScope("The user is not entitled to the scope " + quoted(scope));
        }
    }

    /**
     * Applies a deterministic scope map (GEN-115): each value is replaced by the values it maps to,
     * unmapped values are dropped. An empty map leaves the values as they are.
     */
    static Set<String> map(Set<String> scopes, Map<String, Set<String>> scopeMap) {
        if (scopeMap.isEmpty()) {
            return new TreeSet<>(scopes);
        }
        Set<String> mapped = new TreeSet<>();
        for (String scope : new TreeSet<>(scopes)) {
            mapped.addAll(scopeMap.getOrDefault(scope, Set.of()));
        }
        return mapped;
    }

    static Set<String> requested(FormParameters form) throws RequestRejected {
        Set<String> values = new LinkedHashSet<>();
        for (String value : form.optional("scope").orElse("").split(" ")) {
            if (value.isEmpty()) {
                continue;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x21 || c == 0x22 || c == 0x5c || c > 0x7e) {
                    throw RequestRejected.invalidScope("The scope parameter holds a character outside RFC 6749 scope syntax");
                }
            }
            values.add(value);
        }
        return values;
    }

    private static String quoted(String scope) {
        return "'" + Printable.ascii(scope, 60) + "'";
    }
}
