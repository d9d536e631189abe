package org.enachain.core.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.enachain.core.ScopeValues;

/**
 * An RFC 7523 JWT bearer grant request at a target-domain authorization server (Chaining 3.4.1):
 * {@code grant_type} jwt-bearer, the grant exactly as the originating AS issued it (CL-42, CL-43), and
 * optionally target-domain {@code scope} and {@code resource} (CL-45, CL-46). It has no way to carry
 * {@code audience} (CL-47). Immutable.
 */
public final class JwtBearerRequest implements TokenRequest {

    public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private final String assertion;
    private final List<String> resources;
    private final Set<String> scopes;

    private JwtBearerRequest(String assertion, List<String> resources, Set<String> scopes) {
        if (assertion == null || assertion.isEmpty()) {
            throw new IllegalArgumentException("A jwt-bearer request needs the JWT authorization grant as assertion");
        }
        this.assertion = assertion;
        this.resources = List.copyOf(resources);
        this.scopes = Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
    }

    /** A request presenting {@code grant}, as received from the originating AS. */
    public static JwtBearerRequest of(String grant) {
        return new JwtBearerRequest(grant, List.of(), Set.of());
    }

    /** The same request naming target-domain protected resources (RFC 8707; CL-46). */
    public JwtBearerRequest withResource(String... resourceUris) {
        List<String> r = new ArrayList<>(resources);
        for (String uri : resourceUris) {
            r.add(TokenExchangeRequest.requireAbsoluteWithoutFragment(uri));
        }
        return new JwtBearerRequest(assertion, r, scopes);
    }

    /** The same request with target-domain scope values (CL-45, A-37). */
    public JwtBearerRequest withScope(String... scopeValues) {
        Set<String> s = new LinkedHashSet<>(scopes);
        s.addAll(ScopeValues.parse(scopeValues));
        return new JwtBearerRequest(assertion, resources, s);
    }

    @Override
    public String grantType() {
        return GRANT_TYPE;
    }

    @Override
    public List<Map.Entry<String, String>> parameters() {
        List<Map.Entry<String, String>> p = new ArrayList<>();
        p.add(Map.entry("grant_type", GRANT_TYPE));
        p.add(Map.entry("assertion", assertion));
        for (String r : resources) {
            p.add(Map.entry("resource", r));
        }
        if (!scopes.isEmpty()) {
            p.add(Map.entry("scope", ScopeValues.join(scopes)));
        }
        return Collections.unmodifiableList(p);
    }

    @Override
    public TokenTypeUri expectedTokenType() {
        return TokenTypeUri.ACCESS_TOKEN;
    }

    @Override
    public boolean isRepeatable() {
        return false;
    }

    @Override
    public String describe() {
        return "jwt-bearer grant" + (resources.isEmpty() ? "" : " for resource " + resources)
                + (scopes.isEmpty() ? "" : " scope '" + String.join(" ", scopes) + "'");
    }

    public List<String> resources() {
        return resources;
    }

    public Set<String> scopes() {
        return scopes;
    }

    @Override
    public String toString() {
        return "JwtBearerRequest[" + describe() + "]";
    }
}
