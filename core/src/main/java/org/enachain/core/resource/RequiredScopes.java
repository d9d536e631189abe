package org.enachain.core.resource;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import org.enachain.core.token.AccessToken;

/**
 * The scopes an operation requires: all of them must be in the token's {@code scope} (RS-16). Their
 * space-separated list is the {@code scope} attribute of the {@code insufficient_scope} challenge
 * (RS-27, RS-28).
 */
public final class RequiredScopes {

    public static final RequiredScopes NONE = new RequiredScopes(Set.of());

    private final Set<String> scopes;

    private RequiredScopes(Set<String> scopes) {
        this.scopes = scopes;
    }

    public static RequiredScopes allOf(String... scopes) {
        LinkedHashSet<String> set = new LinkedHashSet<>();
        for (String s : scopes) {
            if (s == null || s.isEmpty() || !s.chars().allMatch(c -> c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E))) {
                throw new IllegalArgumentException("'" + s + "' is not a scope token (RFC 6749 3.3): printable ASCII"
                        + " without space, '\"' or '\\'");
            }
            set.add(s);
        }
        return set.isEmpty() ? NONE : new RequiredScopes(Collections.unmodifiableSet(set));
    }

    public Set<String> scopes() {
        return scopes;
    }

    public boolean isEmpty() {
        return scopes.isEmpty();
    }

    public boolean satisfiedBy(AccessToken token) {
        return token.hasScopes(scopes);
    }

    /** The value of the challenge's {@code scope} attribute. */
    public String spaceSeparated() {
        return String.join(" ", scopes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RequiredScopes other && other.scopes.equals(scopes);
    }

    @Override
    public int hashCode() {
        return scopes.hashCode();
    }

    @Override
    public String toString() {
        return "RequiredScopes" + Arrays.toString(scopes.toArray());
    }
}
