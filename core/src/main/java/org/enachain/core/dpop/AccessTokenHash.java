package org.enachain.core.dpop;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** The DPoP {@code ath} value: base64url(SHA-256(ASCII(access token))) (RFC 9449 4.2). */
public final class AccessTokenHash {

    private AccessTokenHash() {
    }

    public static String of(String accessToken) {
        try {
            // A token is ASCII, where UTF-8 is the same bytes; UTF-8 keeps any other text from colliding on '?'.
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    /** Constant-time comparison of a proof's {@code ath} with the presented token's hash. */
    public static boolean matches(String ath, String accessToken) {
        return ath != null && MessageDigest.isEqual(ath.getBytes(StandardCharsets.US_ASCII),
                of(accessToken).getBytes(StandardCharsets.US_ASCII));
    }
}
