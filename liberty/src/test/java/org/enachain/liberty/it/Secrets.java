package org.enachain.liberty.it;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every token, proof, grant and client assertion the ITs handled, for {@link LogHygieneIT} to look for in the
 * run's logs. The tests register what they send and receive; what only the servers saw (the tokens API A
 * obtained for API B, say) is caught by the scan for JWT-shaped strings.
 */
public final class Secrets {

    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    private Secrets() {
    }

    /** Remembers {@code secret} and returns it. */
    public static String remember(String secret) {
        if (secret != null && !secret.isEmpty()) {
            SEEN.add(secret);
        }
        return secret;
    }

    static List<String> all() {
        return List.copyOf(SEEN);
    }
}
