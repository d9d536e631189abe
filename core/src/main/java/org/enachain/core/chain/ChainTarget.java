package org.enachain.core.chain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.enachain.core.ScopeValues;
import org.enachain.core.client.JwtBearerRequest;
import org.enachain.core.client.TokenExchangeRequest;
import org.enachain.core.client.TokenTypeUri;
import org.jose4j.json.JsonUtil;

/**
 * Where a chained token is for: a downstream protected resource in the home domain (named by
 * {@code audience} or {@code resource}, Chaining 2.3 and 4.1), or a resource in another domain reached
 * through its authorization server (Chaining 3). Built once — typically per annotated client at
 * deployment — and checked when built: a combination the profile forbids fails here, not at the first
 * call. Immutable; equal targets share cached tokens.
 */
public final class ChainTarget {

    private enum Kind { AUDIENCE, RESOURCE, SCOPE_ONLY, CROSS_DOMAIN }

    /** Stands in for the subject token and the grant when the requests are built only to check the rules. */
    private static final String RULE_CHECK_TOKEN = "rule-check";

    private final Kind kind;
    private final List<String> identifiers;
    private final Set<String> scopes;
    private final Set<String> grantScopes;
    private final List<String> targetResources;
    private final boolean issuerAsResource;
    private final boolean dpopRequired;
    private final String key;

    private ChainTarget(Kind kind, List<String> identifiers, Set<String> scopes, Set<String> grantScopes,
                        List<String> targetResources, boolean issuerAsResource, boolean dpopRequired) {
        this.kind = kind;
        this.identifiers = List.copyOf(identifiers);
        this.scopes = Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
        this.grantScopes = Collections.unmodifiableSet(new LinkedHashSet<>(grantScopes));
        this.targetResources = List.copyOf(targetResources);
        this.issuerAsResource = issuerAsResource;
        this.dpopRequired = dpopRequired;
        // Building the requests once checks every rule of TokenExchangeRequest and JwtBearerRequest now.
        exchangeRequest(RULE_CHECK_TOKEN, TokenTypeUri.ACCESS_TOKEN);
        if (kind == Kind.CROSS_DOMAIN) {
            bearerRequest(RULE_CHECK_TOKEN);
        }
        // JSON, so no value can imitate a separator; scopes sorted, as their order does not change the token.
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("kind", kind.name());
        canonical.put("ids", identifiers);
        canonical.put("scope", List.copyOf(new TreeSet<>(this.scopes)));
        canonical.put("grantScope", List.copyOf(new TreeSet<>(this.grantScopes)));
        canonical.put("targetResources", this.targetResources);
        canonical.put("issuerAsResource", issuerAsResource);
        canonical.put("dpop", dpopRequired);
        this.key = JsonUtil.toJson(canonical);
    }

    /** A home-domain resource named by its resource identifier and any alternatives, as {@code audience} (CL-25). */
    public static ChainTarget audience(String resourceIdentifier, String... alternatives) {
        List<String> ids = new ArrayList<>();
        ids.add(resourceIdentifier);
        ids.addAll(List.of(alternatives));
        return new ChainTarget(Kind.AUDIENCE, ids, Set.of(), Set.of(), List.of(), false, false);
    }

    /** Home-domain resources named by RFC 8707 {@code resource} values (CL-23, CL-24). */
    public static ChainTarget resource(String... resources) {
        return new ChainTarget(Kind.RESOURCE, List.of(resources), Set.of(), Set.of(), List.of(), false, false);
    }

    /** A home-domain resource the AS deduces from the scope alone (CL-28). */
    public static ChainTarget deducedFromScope(String... scopes) {
        return new ChainTarget(Kind.SCOPE_ONLY, List.of(), scopeSet(scopes), Set.of(), List.of(), false, false);
    }

    /** A resource in the domain of the authorization server {@code targetIssuer} (Chaining 3). */
    public static ChainTarget crossDomain(String targetIssuer) {
        return new ChainTarget(Kind.CROSS_DOMAIN, List.of(targetIssuer), Set.of(), Set.of(), List.of(), false, false);
    }

    /**
     * The scopes to request: of the home-domain exchange, or — cross-domain — of the jwt-bearer request
     * at the target AS, in target-domain values.
     */
    public ChainTarget scope(String... values) {
        return new ChainTarget(kind, identifiers, union(scopes, values), grantScopes, targetResources,
                issuerAsResource, dpopRequired);
    }

    /** Cross-domain: the scopes of the exchange at the home AS, for deployments where the STS maps scopes. */
    public ChainTarget grantScope(String... values) {
        requireCrossDomain("grantScope");
        return new ChainTarget(kind, identifiers, scopes, union(grantScopes, values), targetResources,
                issuerAsResource, dpopRequired);
    }

    /** Cross-domain: the target-domain resource to name in the jwt-bearer request (CL-46). */
    public ChainTarget targetResource(String... resources) {
        requireCrossDomain("targetResource");
        List<String> r = new ArrayList<>(targetResources);
        r.addAll(List.of(resources));
        return new ChainTarget(kind, identifiers, scopes, grantScopes, r, issuerAsResource, dpopRequired);
    }

    /** Cross-domain: name the target AS with {@code resource} instead of {@code audience} (A-18; CL-29 prefers audience). */
    public ChainTarget targetIssuerAsResource() {
        requireCrossDomain("targetIssuerAsResource");
        return new ChainTarget(kind, identifiers, scopes, grantScopes, targetResources, true, dpopRequired);
    }

    /** The resource requires DPoP: token requests carry a proof (CL-72) and an unbound answer is discarded (CL-49). */
    public ChainTarget requireDpop() {
        return new ChainTarget(kind, identifiers, scopes, grantScopes, targetResources, issuerAsResource, true);
    }

    public boolean isCrossDomain() {
        return kind == Kind.CROSS_DOMAIN;
    }

    /** Cross-domain: the target authorization server's issuer. */
    public String targetIssuer() {
        requireCrossDomain("targetIssuer");
        return identifiers.get(0);
    }

    public Set<String> scopes() {
        return scopes;
    }

    public boolean dpopRequired() {
        return dpopRequired;
    }

    /** The scopes asked of the home AS, which resource-owner mode checks against the subject token (CL-20, CL-36). */
    Set<String> homeScopes() {
        return kind == Kind.CROSS_DOMAIN ? grantScopes : scopes;
    }

    /** The exchange at the home AS for this target. */
    TokenExchangeRequest exchangeRequest(String subjectToken, TokenTypeUri subjectType) {
        TokenExchangeRequest.Builder b;
        switch (kind) {
            case AUDIENCE -> b = TokenExchangeRequest.intraDomain(subjectToken).audience(identifiers.toArray(String[]::new));
            case RESOURCE -> b = TokenExchangeRequest.intraDomain(subjectToken).resource(identifiers.toArray(String[]::new));
            case SCOPE_ONLY -> b = TokenExchangeRequest.intraDomain(subjectToken);
            default -> {
                b = TokenExchangeRequest.crossDomain(subjectToken, subjectType, identifiers.get(0));
                if (issuerAsResource) {
                    b.targetIssuerAsResource();
                }
                return b.scope(grantScopes.toArray(String[]::new)).build();
            }
        }
        return b.scope(scopes.toArray(String[]::new)).build();
    }

    /** Cross-domain: the jwt-bearer request presenting {@code grant} at the target AS. */
    JwtBearerRequest bearerRequest(String grant) {
        return JwtBearerRequest.of(grant).withResource(targetResources.toArray(String[]::new))
                .withScope(scopes.toArray(String[]::new));
    }

    /** The canonical form of everything that shapes the token: part of the cache key. */
    String cacheKey() {
        return key;
    }

    private void requireCrossDomain(String what) {
        if (kind != Kind.CROSS_DOMAIN) {
            throw new IllegalArgumentException(what + " applies to a cross-domain target only");
        }
    }

    private static Set<String> scopeSet(String... values) {
        return union(Set.of(), values);
    }

    private static Set<String> union(Set<String> base, String... values) {
        Set<String> s = new LinkedHashSet<>(base);
        s.addAll(ScopeValues.parse(values));
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChainTarget other && other.key.equals(key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return "ChainTarget[" + key + "]";
    }
}
