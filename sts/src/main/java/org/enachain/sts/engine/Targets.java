package org.enachain.sts.engine;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.enachain.core.Printable;
import org.enachain.sts.policy.ClientPolicy;
import org.enachain.sts.policy.ResourcePolicy;
import org.enachain.sts.policy.TenantPolicy;

/**
 * Turns target indicators ({@code resource}, {@code audience}) into the resources a token is for
 * (Profile 7.1, RFC 8707, Chaining 2.3.1). Unknown, malformed or forbidden targets are
 * {@code invalid_target} (GEN-103, GEN-104, STS-36 to STS-39, A-19).
 */
final class Targets {

    private final String issuer;
    private final boolean selfAudience;
    private final Map<String, ResourcePolicy> byIdentifier;
    private final List<ResourcePolicy> resources;

    Targets(String issuer, TenantPolicy policy) {
        this.issuer = issuer;
        this.selfAudience = policy.selfAudience();
        Map<String, ResourcePolicy> index = new LinkedHashMap<>();
        for (ResourcePolicy r : policy.resources()) {
            index.put(r.id(), r);
            r.aliases().forEach(alias -> index.put(alias, r));
        }
        this.byIdentifier = Map.copyOf(index);
        this.resources = policy.resources();
    }

    Optional<ResourcePolicy> find(String identifier) {
        return Optional.ofNullable(byIdentifier.get(identifier));
    }

    boolean isResource(String identifier) {
        return byIdentifier.containsKey(identifier);
    }

    /** Every identifier tokens of this tenant may name in {@code aud}: resources, aliases and the issuer. */
    Set<String> allAudienceValues() {
        Set<String> all = new LinkedHashSet<>(byIdentifier.keySet());
        all.add(issuer);
        return all;
    }

    Set<String> allScopes() {
        Set<String> all = new java.util.TreeSet<>();
        resources.forEach(r -> all.addAll(r.scopes()));
        return all;
    }

    /** The scopes of the given resources together. */
    Set<String> scopesOf(Set<String> resourceIds) {
        Set<String> all = new java.util.TreeSet<>();
        for (String id : resourceIds) {
            find(id).ifPresent(r -> all.addAll(r.scopes()));
        }
        return all;
    }

    List<String> resourceIds() {
        return resources.stream().map(ResourcePolicy::id).toList();
    }

    /**
     * Resolves target indicators for a token {@code client} requests.
     *
     * @param parameter the parameter the values came from, for the error description
     */
    Audience resolve(List<String> values, ClientPolicy client, String parameter) throws RequestRejected {
        Set<ResourcePolicy> chosen = new LinkedHashSet<>();
        for (String value : values) {
            if ("resource".equals(parameter)) {
                requireAbsoluteWithoutFragment(value, parameter);
            }
            ResourcePolicy resource = byIdentifier.get(value);
            if (resource == null) {
                throw RequestRejected.invalidTarget("The " + parameter + " " + quoted(value)
                        + " is not a protected resource of this authorization server");
            }
            chosen.add(resource);
        }
        for (ResourcePolicy resource : chosen) {
            if (!client.allowedResources().contains(resource.id())) {
                throw RequestRejected.invalidTarget("The client may not obtain tokens for " + quoted(resource.id()));
            }
        }
        ResourcePolicy first = chosen.iterator().next();
        for (ResourcePolicy resource : chosen) {
            if (!resource.sharesAccessConfigurationWith(first)) {
                throw RequestRejected.invalidTarget("The resources " + quoted(first.id()) + " and "
                        + quoted(resource.id()) + " have different access configurations; request one token for each");
            }
        }
        return audienceOf(List.copyOf(chosen));
    }

    Audience audienceOf(List<ResourcePolicy> chosen) {
        List<String> aud = new ArrayList<>();
        boolean exchangeCapable = false;
        for (ResourcePolicy resource : chosen) {
            aud.add(resource.id());
            aud.addAll(resource.aliases().stream().sorted().toList());
            exchangeCapable |= resource.exchangeCapable();
        }
        if (selfAudience && exchangeCapable) {
            aud.add(issuer);
        }
        return Audience.ofResources(chosen, aud);
    }

    /**
     * The one resource {@code client} may obtain tokens for whose scopes include all of
     * {@code scopes} (Chaining 2.3.1: a target deduced from the scope).
     */
    Optional<ResourcePolicy> deduce(Set<String> scopes, ClientPolicy client) {
        if (scopes.isEmpty()) {
            return Optional.empty();
        }
        List<ResourcePolicy> candidates = resources.stream()
                .filter(r -> client.allowedResources().contains(r.id()) && r.scopes().containsAll(scopes))
                .toList();
        return candidates.size() == 1 ? Optional.of(candidates.get(0)) : Optional.empty();
    }

    static void requireAbsoluteWithoutFragment(String value, String parameter) throws RequestRejected {
        try {
            URI uri = new URI(value);
            if (!uri.isAbsolute() || uri.getRawFragment() != null || value.indexOf('#') >= 0) {
                throw RequestRejected.invalidTarget("The " + parameter + " " + quoted(value)
                        + " must be an absolute URI without a fragment");
            }
        } catch (URISyntaxException e) {
            throw RequestRejected.invalidTarget("The " + parameter + " " + quoted(value) + " is not a valid URI");
        }
    }

    static String quoted(String value) {
        return "'" + Printable.ascii(value, 100) + "'";
    }
}
