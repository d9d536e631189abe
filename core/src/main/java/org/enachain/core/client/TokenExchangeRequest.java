package org.enachain.core.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.enachain.core.ScopeValues;

/**
 * An RFC 8693 token exchange request as the profile shapes it, in one of two forms:
 * <ul>
 * <li>{@link #intraDomain}: a protected resource exchanges the access token it received for one to a
 * downstream resource in its own domain (Chaining 2.3): {@code subject_token_type} access token,
 * {@code requested_token_type} access token (CL-14 to CL-18);</li>
 * <li>{@link #crossDomain}: the token is exchanged for a JWT authorization grant to the
 * authorization server of another domain (Chaining 3.3.1): {@code requested_token_type} JWT, the
 * target AS named by its issuer (CL-30 to CL-34).</li>
 * </ul>
 * The rules of Chaining 4.1 hold by construction: {@code resource} and {@code audience} are never
 * both sent (CL-27); a target is named unless a {@code scope} lets the AS deduce it (CL-17, CL-28); a
 * {@code resource} is an absolute URI without fragment (CL-22). {@code actor_token} is never sent.
 * Immutable.
 */
public final class TokenExchangeRequest implements TokenRequest {

    public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange";

    private final String subjectToken;
    private final TokenTypeUri subjectTokenType;
    private final TokenTypeUri requestedTokenType;
    private final List<String> audiences;
    private final List<String> resources;
    private final Set<String> scopes;

    private TokenExchangeRequest(Builder b, List<String> audiences, List<String> resources) {
        this.subjectToken = b.subjectToken;
        this.subjectTokenType = b.subjectTokenType;
        this.requestedTokenType = b.requestedTokenType;
        this.audiences = List.copyOf(audiences);
        this.resources = List.copyOf(resources);
        this.scopes = Collections.unmodifiableSet(new LinkedHashSet<>(b.scopes));
    }

    /**
     * An intra-domain exchange of {@code accessToken}, exactly as received (CL-15), for a downstream
     * protected resource; name it with {@link Builder#audience} or {@link Builder#resource}.
     */
    public static Builder intraDomain(String accessToken) {
        return new Builder(accessToken, TokenTypeUri.ACCESS_TOKEN, TokenTypeUri.ACCESS_TOKEN);
    }

    /**
     * A cross-domain exchange of {@code subjectToken} (an access or refresh token of the originating
     * AS, CL-31, CL-32) for a JWT authorization grant to the AS whose issuer is {@code targetIssuer},
     * named with {@code audience} (CL-26, CL-29, CL-33) unless {@link Builder#resource} is chosen.
     */
    public static Builder crossDomain(String subjectToken, TokenTypeUri subjectTokenType, String targetIssuer) {
        if (subjectTokenType != TokenTypeUri.ACCESS_TOKEN && subjectTokenType != TokenTypeUri.REFRESH_TOKEN) {
            throw new IllegalArgumentException("A cross-domain exchange takes an access token or a refresh token as"
                    + " subject (Chaining 3.3.1), not " + subjectTokenType);
        }
        Builder b = new Builder(subjectToken, subjectTokenType, TokenTypeUri.JWT);
        b.targetIssuer = requireNonEmpty(targetIssuer, "the target authorization server's issuer");
        return b;
    }

    @Override
    public String grantType() {
        return GRANT_TYPE;
    }

    @Override
    public List<Map.Entry<String, String>> parameters() {
        List<Map.Entry<String, String>> p = new ArrayList<>();
        p.add(Map.entry("grant_type", GRANT_TYPE));
        p.add(Map.entry("subject_token", subjectToken));
        p.add(Map.entry("subject_token_type", subjectTokenType.uri()));
        p.add(Map.entry("requested_token_type", requestedTokenType.uri()));
        for (String a : audiences) {
            p.add(Map.entry("audience", a));
        }
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
        return requestedTokenType;
    }

    @Override
    public boolean isRepeatable() {
        return true;
    }

    @Override
    public String describe() {
        return "token exchange for " + (requestedTokenType == TokenTypeUri.JWT ? "a JWT grant" : "an access token")
                + (audiences.isEmpty() ? "" : " audience " + audiences)
                + (resources.isEmpty() ? "" : " resource " + resources)
                + (scopes.isEmpty() ? "" : " scope '" + String.join(" ", scopes) + "'");
    }

    public TokenTypeUri subjectTokenType() {
        return subjectTokenType;
    }

    public TokenTypeUri requestedTokenType() {
        return requestedTokenType;
    }

    public List<String> audiences() {
        return audiences;
    }

    public List<String> resources() {
        return resources;
    }

    public Set<String> scopes() {
        return scopes;
    }

    @Override
    public String toString() {
        return "TokenExchangeRequest[" + describe() + "]";
    }

    private static String requireNonEmpty(String value, String what) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("A token exchange request needs " + what);
        }
        return value;
    }

    public static final class Builder {
        private final String subjectToken;
        private final TokenTypeUri subjectTokenType;
        private final TokenTypeUri requestedTokenType;
        private final List<String> audiences = new ArrayList<>();
        private final List<String> resources = new ArrayList<>();
        private final Set<String> scopes = new LinkedHashSet<>();
        private String targetIssuer;
        private boolean targetIssuerAsResource;

        private Builder(String subjectToken, TokenTypeUri subjectTokenType, TokenTypeUri requestedTokenType) {
            this.subjectToken = requireNonEmpty(subjectToken, "a subject_token");
            this.subjectTokenType = subjectTokenType;
            this.requestedTokenType = requestedTokenType;
        }

        /**
         * Names a downstream protected resource by its resource identifier (Profile 4.3; CL-25), or the
         * alternative identifiers of one resource (CL-21). Intra-domain only.
         */
        public Builder audience(String... resourceIdentifiers) {
            requireIntraDomain("audience");
            for (String a : resourceIdentifiers) {
                audiences.add(requireNonEmpty(a, "a non-empty audience"));
            }
            return this;
        }

        /** Names downstream protected resources with RFC 8707 {@code resource} values (CL-23, CL-24). */
        public Builder resource(String... resourceUris) {
            requireIntraDomain("resource");
            for (String r : resourceUris) {
                resources.add(requireAbsoluteWithoutFragment(r));
            }
            return this;
        }

        /** Cross-domain: names the target AS by {@code resource} instead of {@code audience} (A-18; CL-29 prefers audience). */
        public Builder targetIssuerAsResource() {
            if (targetIssuer == null) {
                throw new IllegalArgumentException("targetIssuerAsResource applies to a cross-domain exchange only");
            }
            targetIssuerAsResource = true;
            return this;
        }

        /** The {@code scope} to request (CL-19, CL-35); space-separated values or several arguments. */
        public Builder scope(String... scopeValues) {
            scopes.addAll(ScopeValues.parse(scopeValues));
            return this;
        }

        /** @throws IllegalArgumentException naming the rule the request would break */
        public TokenExchangeRequest build() {
            // The target issuer goes into copies, so that building twice names the target once each time.
            List<String> audienceValues = new ArrayList<>(audiences);
            List<String> resourceValues = new ArrayList<>(resources);
            if (targetIssuer != null) {
                if (targetIssuerAsResource) {
                    resourceValues.add(requireAbsoluteWithoutFragment(targetIssuer));
                } else {
                    audienceValues.add(targetIssuer);
                }
            }
            if (!audienceValues.isEmpty() && !resourceValues.isEmpty()) {
                throw new IllegalArgumentException("A token exchange request must not carry both resource and audience"
                        + " (Chaining 4.1); configure one of them for this target");
            }
            if (audienceValues.isEmpty() && resourceValues.isEmpty() && scopes.isEmpty()) {
                throw new IllegalArgumentException("A token exchange request must name its target with audience or"
                        + " resource, or carry a scope from which the authorization server can deduce it (Chaining 2.3)");
            }
            return new TokenExchangeRequest(this, audienceValues, resourceValues);
        }

        private void requireIntraDomain(String parameter) {
            if (targetIssuer != null) {
                throw new IllegalArgumentException("A cross-domain exchange names only the target authorization server"
                        + " (Chaining 3.3.1); '" + parameter + "' cannot be added");
            }
        }
    }

    /** RFC 8707 2 and Profile 7.1: an absolute URI without a fragment (CL-22). */
    static String requireAbsoluteWithoutFragment(String value) {
        URI uri;
        try {
            uri = new URI(requireNonEmpty(value, "a non-empty resource"));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The resource '" + value + "' is not a URI (RFC 8707 2)");
        }
        if (!uri.isAbsolute() || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("The resource '" + value + "' must be an absolute URI without a fragment"
                    + " (RFC 8707 2, Profile 7.1)");
        }
        return value;
    }
}
