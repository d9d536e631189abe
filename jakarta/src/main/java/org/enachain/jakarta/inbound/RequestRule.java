package org.enachain.jakarta.inbound;

import jakarta.annotation.security.PermitAll;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.enachain.core.ScopeValues;
import org.enachain.core.resource.RequiredScopes;

/**
 * What one resource method requires, resolved once from its annotations: {@link RequiredScope} of the
 * class and of the method (both apply), or no check at all under {@link PermitAll}. A method's
 * {@code @PermitAll} wins; a class's {@code @PermitAll} applies to the methods that have no
 * {@code @RequiredScope} of their own.
 *
 * @param permitAll whether requests pass without a token
 * @param scopes    the scopes the token must carry
 */
record RequestRule(boolean permitAll, RequiredScopes scopes) {

    /** A method without annotations: a valid token, no particular scope. */
    static final RequestRule TOKEN_REQUIRED = new RequestRule(false, RequiredScopes.NONE);

    /**
     * @throws IllegalArgumentException naming the class or method whose {@code @RequiredScope} holds
     *                                  something that is not a scope
     */
    static RequestRule of(Class<?> resourceClass, Method method) {
        RequiredScope onMethod = method == null ? null : method.getAnnotation(RequiredScope.class);
        if (method != null && method.isAnnotationPresent(PermitAll.class)) {
            return new RequestRule(true, RequiredScopes.NONE);
        }
        Class<?> type = resourceClass != null ? resourceClass : method == null ? null : method.getDeclaringClass();
        RequiredScope onClass = type == null ? null : type.getAnnotation(RequiredScope.class);
        if (onClass == null && method != null && type != method.getDeclaringClass()) {
            onClass = method.getDeclaringClass().getAnnotation(RequiredScope.class);
        }
        boolean classPermits = type != null && type.isAnnotationPresent(PermitAll.class);
        if (classPermits && onMethod == null) {
            return new RequestRule(true, RequiredScopes.NONE);
        }
        List<String> scopes = new ArrayList<>();
        if (onClass != null) {
            scopes.addAll(parse(onClass.value(), type.getName()));
        }
        if (onMethod != null) {
            scopes.addAll(parse(onMethod.value(), method.getDeclaringClass().getName() + "." + method.getName()));
        }
        return scopes.isEmpty() ? TOKEN_REQUIRED : new RequestRule(false, RequiredScopes.allOf(scopes.toArray(String[]::new)));
    }

    private static List<String> parse(String[] values, String where) {
        try {
            List<String> scopes = new ArrayList<>(ScopeValues.parse(values));
            RequiredScopes.allOf(scopes.toArray(String[]::new));
            return scopes;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("@RequiredScope on " + where + ": " + e.getMessage(), e);
        }
    }
}
