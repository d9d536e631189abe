package org.enachain.interop;

import java.security.SecureRandom;
import java.util.Base64;

/** DEVELOPMENT AND TESTS ONLY: passwords made up per run, never logged. */
final class TestSecrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestSecrets() {
    }

    static String password() {
        byte[] b = new byte[18];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
