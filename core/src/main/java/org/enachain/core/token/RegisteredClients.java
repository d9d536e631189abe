package org.enachain.core.token;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Looks up registered clients by identifier; the token service backs it with its policy. */
@FunctionalInterface
public interface RegisteredClients {

    Optional<RegisteredClient> find(String clientId);

    /** A fixed set of clients. */
    static RegisteredClients of(RegisteredClient... clients) {
        Map<String, RegisteredClient> byId = new LinkedHashMap<>();
        for (RegisteredClient c : clients) {
            if (byId.putIfAbsent(c.clientId(), c) != null) {
                throw new IllegalArgumentException("The client " + c.clientId() + " is registered twice");
            }
        }
        Map<String, RegisteredClient> copy = Map.copyOf(byId);
        return id -> Optional.ofNullable(id == null ? null : copy.get(id));
    }
}
