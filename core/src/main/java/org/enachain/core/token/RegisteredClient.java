package org.enachain.core.token;

import java.util.Objects;
import org.enachain.core.jose.JwksSource;

/**
 * A client registered at an authorization server, as client authentication sees it: its identifier
 * and its public keys (inline JWKS or {@code jwks_uri}), plus the A-08 legacy exception that lets it
 * send client assertions without the {@code client-authentication+jwt} type.
 */
public final class RegisteredClient {

    private final String clientId;
    private final JwksSource keys;
    private final boolean legacyAssertionType;

    private RegisteredClient(String clientId, JwksSource keys, boolean legacyAssertionType) {
        if (clientId == null || clientId.isEmpty()) {
            throw new IllegalArgumentException("A registered client needs its client identifier");
        }
        this.clientId = clientId;
        this.keys = Objects.requireNonNull(keys, "keys");
        this.legacyAssertionType = legacyAssertionType;
    }

    public static RegisteredClient of(String clientId, JwksSource keys) {
        return new RegisteredClient(clientId, keys, false);
    }

    /** A-08 legacy exception: also accept assertions typed {@code JWT} or untyped from this client. */
    public RegisteredClient acceptingLegacyAssertionType() {
        return new RegisteredClient(clientId, keys, true);
    }

    public String clientId() {
        return clientId;
    }

    public JwksSource keys() {
        return keys;
    }

    public boolean acceptsLegacyAssertionType() {
        return legacyAssertionType;
    }

    @Override
    public String toString() {
        return "RegisteredClient[" + clientId + (legacyAssertionType ? ", legacy assertion typ" : "") + "]";
    }
}
