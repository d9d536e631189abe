package org.enachain.core.dpop;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless server-issued DPoP nonces (RFC 9449 8, 9): each nonce is its issue time, 128 random bits
 * from a CSPRNG (GEN-38) and an HMAC-SHA-256 tag over both, base64url-encoded. A nonce is valid when
 * its tag verifies and it is younger than the nonce lifetime (default 5 minutes), so nothing is
 * stored per client, and every instance that shares the key accepts the others' nonces.
 *
 * <p>Rotation: once a client's nonce is past half its lifetime, {@link #shouldRotate} says so and
 * the server sends a fresh one with its response (RFC 9449 8.2), before the old one expires.
 *
 * <p>Immutable and thread-safe.
 */
public final class DpopNonces {

    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

    private static final int TIME_BYTES = 8;
    private static final int RANDOM_BYTES = 16;
    private static final int TAG_BYTES = 16;
    private static final int NONCE_BYTES = TIME_BYTES + RANDOM_BYTES + TAG_BYTES;
    private static final int NONCE_CHARS = (NONCE_BYTES * 4 + 2) / 3;
    private static final String HMAC = "HmacSHA256";
    private static final Duration PEER_CLOCK_SKEW = Duration.ofSeconds(60);

    private final SecretKeySpec key;
    private final Clock clock;
    private final Duration lifetime;
    private final SecureRandom random = new SecureRandom();

    private DpopNonces(byte[] key, Clock clock, Duration lifetime) {
        if (key.length < 32) {
            throw new IllegalArgumentException("A DPoP nonce key needs at least 256 bits");
        }
        if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("The DPoP nonce lifetime must be positive");
        }
        this.key = new SecretKeySpec(key.clone(), HMAC);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lifetime = lifetime;
    }

    /** Nonces for one instance, under a fresh random key. */
    public static DpopNonces withRandomKey(Clock clock, Duration lifetime) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new DpopNonces(key, clock, lifetime);
    }

    /** Nonces that every instance sharing {@code key} (at least 32 bytes) issues and accepts. */
    public static DpopNonces withSharedKey(byte[] key, Clock clock, Duration lifetime) {
        return new DpopNonces(key, clock, lifetime);
    }

    /** A new nonce. */
    public String issue() {
        ByteBuffer buf = ByteBuffer.allocate(NONCE_BYTES);
        buf.putLong(clock.instant().getEpochSecond());
        byte[] randomBytes = new byte[RANDOM_BYTES];
        random.nextBytes(randomBytes);
        buf.put(randomBytes);
        buf.put(tag(buf.array(), TIME_BYTES + RANDOM_BYTES));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buf.array());
    }

    /** Whether {@code nonce} was issued with this key and is within its lifetime. */
    public boolean isValid(String nonce) {
        Instant issued = issuedAt(nonce);
        if (issued == null) {
            return false;
        }
        Instant now = clock.instant();
        // Another instance sharing the key may run a little ahead: its nonces are accepted, within limits.
        return !issued.isAfter(now.plus(PEER_CLOCK_SKEW)) && now.isBefore(issued.plus(lifetime));
    }

    /** Whether a valid nonce is old enough that the client should be given a new one. */
    public boolean shouldRotate(String nonce) {
        Instant issued = issuedAt(nonce);
        return issued == null || !clock.instant().isBefore(issued.plus(lifetime.dividedBy(2)));
    }

    public Duration lifetime() {
        return lifetime;
    }

    /** The issue time of an authentic nonce, or null. */
    private Instant issuedAt(String nonce) {
        if (nonce == null || nonce.length() != NONCE_CHARS) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (bytes.length != NONCE_BYTES) {
            return null;
        }
        byte[] expected = tag(bytes, TIME_BYTES + RANDOM_BYTES);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(bytes, TIME_BYTES + RANDOM_BYTES, NONCE_BYTES))) {
            return null;
        }
        return Instant.ofEpochSecond(ByteBuffer.wrap(bytes, 0, TIME_BYTES).getLong());
    }

    private byte[] tag(byte[] data, int length) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            mac.update(data, 0, length);
            return Arrays.copyOf(mac.doFinal(), TAG_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is required by every JVM", e);
        }
    }
}
