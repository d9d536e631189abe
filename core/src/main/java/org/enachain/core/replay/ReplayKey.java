package org.enachain.core.replay;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Builds {@link ReplayStore} keys: base64url(SHA-256) over a kind and its parts, so that kinds cannot
 * collide (a proof {@code jti} never matches an assertion {@code jti}), the length is fixed however
 * long the {@code jti} (GEN-37), and no identifier is stored in plaintext (RS-22).
 */
public final class ReplayKey {

    private ReplayKey() {
    }

    /** The key for {@code kind} (e.g. {@code "dpop"}) and its identifying parts (e.g. thumbprint, jti). */
    public static String of(String kind, String... parts) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
        sha256.update(kind.getBytes(StandardCharsets.UTF_8));
        for (String part : parts) {
            sha256.update((byte) 0);
            sha256.update(part.getBytes(StandardCharsets.UTF_8));
        }
        return kind + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(sha256.digest());
    }
}
