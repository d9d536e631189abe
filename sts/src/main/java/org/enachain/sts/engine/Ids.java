package org.enachain.sts.engine;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable identifiers for {@code jti}, {@code sid}, authorization codes and refresh tokens. */
final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    /** 128 random bits, base64url. */
    static String random() {
        return random(16);
    }

    static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
