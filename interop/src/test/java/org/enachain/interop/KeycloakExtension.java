package org.enachain.interop;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the one Keycloak of this test JVM on first use and stops it when the whole run ends (JUnit's root
 * store closes it); test classes get a {@link KeycloakAdmin} for it as a parameter.
 */
public final class KeycloakExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(KeycloakExtension.class);

    /** What the root store holds: closing it stops Keycloak. */
    static final class Running implements AutoCloseable {
        final KeycloakServer server;
        final KeycloakAdmin admin;

        Running(KeycloakServer server) {
            this.server = server;
            this.admin = new KeycloakAdmin(server);
        }

        @Override
        public void close() {
            server.stop();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        running(context);
    }

    /** The Keycloak of this test JVM, started if it is not yet. */
    static KeycloakServer server(ExtensionContext context) {
        return running(context).server;
    }

    private static Running running(ExtensionContext context) {
        return context.getRoot().getStore(NS).getOrComputeIfAbsent(Running.class, k -> {
            KeycloakServer server = new KeycloakServer();
            server.start();
            return new Running(server);
        }, Running.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KeycloakAdmin.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return running(context).admin;
    }
}
