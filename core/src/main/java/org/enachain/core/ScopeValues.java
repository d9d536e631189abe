package org.enachain.core;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The one reading of an OAuth {@code scope}: space-delimited values (RFC 6749 3.3), in order, each once.
 * Used for the {@code scope} parameter and response member and the {@code scope} claim alike.
 */
public final class ScopeValues {

    private ScopeValues() {
    }

    /** The values of one or more space-delimited scope strings, in order, duplicates dropped; unmodifiable. */
    public static Set<String> parse(String... scopes) {
        Set<String> values = new LinkedHashSet<>();
        for (String scope : scopes) {
            if (scope == null) {
                throw new IllegalArgumentException("A scope value must not be null");
            }
            for (String value : scope.trim().split(" +")) {
                if (!value.isEmpty()) {
                    values.add(value);
                }
            }
        }
        return Collections.unmodifiableSet(values);
    }

    /** The values joined into one {@code scope} string. */
    public static String join(Set<String> values) {
        return String.join(" ", values);
    }
}
