package org.enachain.sts.engine;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pseudonymous subjects for cross-domain grants (Chaining 3.5.2): a keyed HMAC-SHA256 of the peer
 * and the user, so one user has one stable pseudonym per peer and peers cannot correlate. The
 * operator maps a pseudonym back through {@link #resolve} (recent ones) or the audit log, whose grant
 * line names the subject a pseudonym stands for (STS-94).
 */
public final class Pseudonyms {

    private static final Duration REMEMBERED = Duration.ofDays(1);

    private final SecretKeySpec key;
    private final ExpiringStore<String> recent;
    private final Clock clock;

    Pseudonyms(byte[] key, int capacity, Clock clock) {
        if (key.length < 32) {
            throw new IllegalArgumentException("A pseudonym key needs at least 256 bits");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.recent = new ExpiringStore<>(capacity, clock);
        this.clock = clock;
    }

    String of(String peerIssuer, String subject) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(peerIssuer.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            String pseudonym = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(subject.getBytes(StandardCharsets.UTF_8)));
            recent.put(pseudonym, subject, clock.instant().plus(REMEMBERED));
            return pseudonym;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** The subject a recently issued pseudonym stands for. */
    public Optional<String> resolve(String pseudonym) {
        return recent.get(pseudonym);
    }
}
