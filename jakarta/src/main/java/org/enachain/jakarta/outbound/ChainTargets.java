package org.enachain.jakarta.outbound;

import java.lang.reflect.Method;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.enachain.core.ScopeValues;
import org.enachain.core.chain.ChainTarget;
import org.enachain.core.http.TransportSecurity;
import org.enachain.core.resource.RequiredScopes;
import org.enachain.jakarta.config.ConfigKeys;
import org.enachain.jakarta.config.ConfigReader;

/**
 * Resolves {@link ChainedToken} once per method of a rest client interface, when the client is built:
 * the method's annotation or else the interface's, then the MicroProfile Config overrides under the
 * client's {@code configKey} ({@code <configKey>/enachain/audience} and so on; the interface's
 * fully-qualified name works as the key too, with lower precedence). Every rule is checked here, so a
 * wrong combination fails the build of the client — the deployment — and never a call.
 */
final class ChainTargets {

    /**
     * One method's target.
     *
     * @param target              core's target, checked when built
     * @param name                the audience, resource or target issuer, for messages
     * @param authorizationServer the AS the token comes from: the target issuer, else the home AS
     */
    record Resolved(ChainTarget target, String name, String authorizationServer) {
    }

    private static final List<String> OVERRIDES = List.of(ConfigKeys.OVERRIDE_AUDIENCE, ConfigKeys.OVERRIDE_RESOURCE,
            ConfigKeys.OVERRIDE_SCOPE, ConfigKeys.OVERRIDE_TARGET_ISSUER, ConfigKeys.OVERRIDE_REQUIRE_DPOP);

    private ChainTargets() {
    }

    /** Whether the interface or any of its methods carries {@link ChainedToken}. */
    static boolean annotated(Class<?> serviceInterface) {
        if (serviceInterface.isAnnotationPresent(ChainedToken.class)) {
            return true;
        }
        for (Method m : serviceInterface.getMethods()) {
            if (m.isAnnotationPresent(ChainedToken.class)) {
                return true;
            }
        }
        return false;
    }

    /** The configuration keys that name this client: its {@code configKey} (when set), then its class name. */
    static List<String> configKeys(Class<?> serviceInterface) {
        RegisterRestClient register = serviceInterface.getAnnotation(RegisterRestClient.class);
        List<String> keys = new ArrayList<>(2);
        if (register != null && !register.configKey().isBlank()) {
            keys.add(register.configKey().strip());
        }
        keys.add(serviceInterface.getName());
        return keys;
    }

    /**
     * Every annotated method's target.
     *
     * @param homeIssuer the home AS
     * @param issuers    the AS this client has an identity at
     * @throws ChainedTokenException of kind {@link ChainedTokenException.Kind#CONFIGURATION}, naming the
     *                               interface, the method and the fix
     */
    static Map<Method, Resolved> resolve(Class<?> serviceInterface, ConfigReader config, String homeIssuer,
                                         Set<String> issuers, TransportSecurity security) {
        List<String> keys = configKeys(serviceInterface);
        for (String name : config.names()) {
            for (String key : keys) {
                String prefix = key + ConfigKeys.CLIENT_OVERRIDE_INFIX;
                if (name.startsWith(prefix) && !OVERRIDES.contains(name.substring(prefix.length()))) {
                    throw configuration(serviceInterface, null, name + " is not an enachain rest client key; the keys"
                            + " are " + prefix + OVERRIDES, null);
                }
            }
        }
        Map<Method, Resolved> targets = new HashMap<>();
        ChainedToken onType = serviceInterface.getAnnotation(ChainedToken.class);
        for (Method method : serviceInterface.getMethods()) {
            if (method.isDefault() || java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            ChainedToken annotation = method.getAnnotation(ChainedToken.class);
            if (annotation == null) {
                annotation = onType != null ? onType : method.getDeclaringClass().getAnnotation(ChainedToken.class);
            }
            if (annotation == null) {
                continue;
            }
            targets.put(method, resolve(serviceInterface, method, annotation, config, keys, homeIssuer, issuers, security));
        }
        return Collections.unmodifiableMap(targets);
    }

    private static Resolved resolve(Class<?> type, Method method, ChainedToken a, ConfigReader config, List<String> keys,
                                    String homeIssuer, Set<String> issuers, TransportSecurity security) {
        String audience = override(config, keys, ConfigKeys.OVERRIDE_AUDIENCE).orElse(a.audience().strip());
        String resource = override(config, keys, ConfigKeys.OVERRIDE_RESOURCE).orElse(a.resource().strip());
        Optional<String> scopeOverride = override(config, keys, ConfigKeys.OVERRIDE_SCOPE);
        String[] scopes = scopeOverride.map(s -> new String[] {s}).orElse(a.scope());
        String targetIssuer = override(config, keys, ConfigKeys.OVERRIDE_TARGET_ISSUER).orElse(a.targetIssuer().strip());
        boolean requireDpop = a.requireDpop();
        for (int i = keys.size() - 1; i >= 0; i--) { // the configKey, first in the list, has the last word
            requireDpop = config.bool(keys.get(i) + ConfigKeys.CLIENT_OVERRIDE_INFIX + ConfigKeys.OVERRIDE_REQUIRE_DPOP,
                    requireDpop);
        }
        if (audience.isEmpty() == resource.isEmpty()) {
            throw configuration(type, method, (audience.isEmpty() ? "@ChainedToken names neither an audience nor a resource"
                    : "@ChainedToken names both an audience and a resource") + "; give exactly one: audience = the target"
                    + " resource's identifier (the usual choice), or resource = an RFC 8707 resource URI"
                    + (targetIssuer.isEmpty() ? "" : " (with targetIssuer: resource, the resource in the target domain)"),
                    null);
        }
        Set<String> scopeValues;
        try {
            scopeValues = ScopeValues.parse(scopes);
            RequiredScopes.allOf(scopeValues.toArray(String[]::new)); // RFC 6749 3.3 scope tokens only
        } catch (IllegalArgumentException e) {
            throw configuration(type, method, "its scope is not usable: " + e.getMessage(), e);
        }
        try {
            ChainTarget target;
            String name;
            String as;
            if (!targetIssuer.isEmpty()) {
                if (!audience.isEmpty()) {
                    throw configuration(type, method, "@ChainedToken with targetIssuer names the target-domain resource"
                            + " with resource, not audience (the jwt-bearer request at the target authorization server"
                            + " carries resource only, Chaining 3.4.1); write resource = \"" + audience + "\"", null);
                }
                security.check(URI.create(targetIssuer), "targetIssuer");
                if (!issuers.contains(targetIssuer)) {
                    throw configuration(type, method, "no client identity is configured for the target authorization"
                            + " server " + targetIssuer + "; configure " + ConfigKeys.AS_PREFIX + "<alias>.issuer="
                            + targetIssuer + " with its .client-id and .key", null);
                }
                target = ChainTarget.crossDomain(targetIssuer).targetResource(resource);
                name = resource;
                as = targetIssuer;
            } else if (!audience.isEmpty()) {
                target = ChainTarget.audience(audience);
                name = audience;
                as = homeIssuer;
            } else {
                target = ChainTarget.resource(resource);
                name = resource;
                as = homeIssuer;
            }
            if (!scopeValues.isEmpty()) {
                target = target.scope(scopeValues.toArray(String[]::new));
            }
            if (requireDpop) {
                target = target.requireDpop();
            }
            return new Resolved(target, name, as);
        } catch (IllegalArgumentException e) {
            throw configuration(type, method, e.getMessage(), e);
        }
    }

    private static Optional<String> override(ConfigReader config, List<String> keys, String property) {
        for (String key : keys) {
            Optional<String> v = config.string(key + ConfigKeys.CLIENT_OVERRIDE_INFIX + property);
            if (v.isPresent()) {
                return v;
            }
        }
        return Optional.empty();
    }

    static ChainedTokenException configuration(Class<?> type, Method method, String message, Throwable cause) {
        String where = type.getName() + (method == null ? "" : "." + method.getName()
                + Arrays.toString(Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).toArray())
                        .replace('[', '(').replace(']', ')'));
        return new ChainedTokenException(ChainedTokenException.Kind.CONFIGURATION, null, null, null,
                "Rest client " + where + ": " + message, cause);
    }
}
