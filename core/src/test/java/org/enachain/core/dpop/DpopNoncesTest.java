package org.enachain.core.dpop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.enachain.core.testing.MutableClock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Stateless HMAC server nonces: unpredictable (GEN-38), bounded in time, rotated at half-life. */
class DpopNoncesTest {

    private static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final int COUNT = 1_000;
    private static final int RANDOM_OFFSET = 8;
    private static final int RANDOM_BYTES = 16;

    private final MutableClock clock = MutableClock.atFixedStart();
    private final Instant start = clock.instant();
    private final DpopNonces nonces = DpopNonces.withRandomKey(clock, LIFETIME);

    private List<byte[]> issueAndDecode(int count) {
        List<byte[]> decoded = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            decoded.add(Base64.getUrlDecoder().decode(nonces.issue()));
        }
        return decoded;
    }

    @Test
    @DisplayName("GEN-38: 1,000 nonces issued at one instant are all distinct")
    void issueWhenThousandNoncesThenAllDistinct() {
        Set<String> issued = new HashSet<>();
        for (int i = 0; i < COUNT; i++) {
            issued.add(nonces.issue());
        }

        assertThat(issued).hasSize(COUNT);
    }

    @Test
    @DisplayName("GEN-38: each nonce decodes to 40 bytes: the issue time, 16 random bytes and a 16-byte tag")
    void issueWhenDecodedThenFortyBytesWithIssueTimeFirst() {
        for (byte[] nonce : issueAndDecode(COUNT)) {
            assertThat(nonce).hasSize(40);
            assertThat(ByteBuffer.wrap(nonce, 0, 8).getLong()).isEqualTo(start.getEpochSecond());
        }
    }

    @Test
    @DisplayName("GEN-38: at one instant the 16 random bytes alone make the 1,000 nonces distinct")
    void issueWhenSameInstantThenRandomPartsDistinct() {
        Set<String> randomParts = new HashSet<>();
        for (byte[] nonce : issueAndDecode(COUNT)) {
            randomParts.add(Base64.getEncoder().encodeToString(
                    Arrays.copyOfRange(nonce, RANDOM_OFFSET, RANDOM_OFFSET + RANDOM_BYTES)));
        }

        assertThat(randomParts).hasSize(COUNT);
    }

    @Test
    @DisplayName("GEN-38: every one of the 128 random bits takes both values across 1,000 nonces (no fixed or counter bits)")
    void issueWhenThousandNoncesThenEveryRandomBitVaries() {
        int[] ones = new int[RANDOM_BYTES * 8];
        for (byte[] nonce : issueAndDecode(COUNT)) {
            for (int bit = 0; bit < ones.length; bit++) {
                if ((nonce[RANDOM_OFFSET + bit / 8] >> (bit % 8) & 1) == 1) {
                    ones[bit]++;
                }
            }
        }

        // Each bit of a uniform source is 1 in about 500 of 1,000 draws; 300..700 fails with probability < 1e-30.
        for (int bit = 0; bit < ones.length; bit++) {
            assertThat(ones[bit]).as("ones at random bit %d", bit).isBetween(300, 700);
        }
    }

    @Test
    @DisplayName("A freshly issued nonce is valid")
    void isValidWhenJustIssuedThenTrue() {
        assertThat(nonces.isValid(nonces.issue())).isTrue();
    }

    @Test
    @DisplayName("A nonce one second before the end of its lifetime is valid")
    void isValidWhenOneSecondBeforeLifetimeEndsThenTrue() {
        String nonce = nonces.issue();
        clock.advance(LIFETIME.minusSeconds(1));

        assertThat(nonces.isValid(nonce)).isTrue();
    }

    @Test
    @DisplayName("A nonce at the end of its lifetime is no longer valid")
    void isValidWhenLifetimeOverThenFalse() {
        String nonce = nonces.issue();
        clock.advance(LIFETIME);

        assertThat(nonces.isValid(nonce)).isFalse();
    }

    @Test
    @DisplayName("A nonce from an instance with another key is not valid")
    void isValidWhenIssuedUnderOtherKeyThenFalse() {
        String foreign = DpopNonces.withRandomKey(clock, LIFETIME).issue();

        assertThat(nonces.isValid(foreign)).isFalse();
    }

    @Test
    @DisplayName("A nonce from an instance sharing the key is valid")
    void isValidWhenIssuedUnderSharedKeyThenTrue() {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 3);

        String nonce = DpopNonces.withSharedKey(key, clock, LIFETIME).issue();

        assertThat(DpopNonces.withSharedKey(key, clock, LIFETIME).isValid(nonce)).isTrue();
    }

    @Test
    @DisplayName("A nonce from an instance sharing the key whose clock runs 30 s ahead is valid")
    void isValidWhenIssuedSlightlyInTheFutureThenTrue() {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 5);
        DpopNonces aheadOfUs = DpopNonces.withSharedKey(key, new MutableClock(start.plusSeconds(30)), LIFETIME);

        String nonce = aheadOfUs.issue();

        assertThat(DpopNonces.withSharedKey(key, clock, LIFETIME).isValid(nonce)).isTrue();
    }

    @Test
    @DisplayName("A nonce whose issue time lies more than a minute in this server's future is not valid")
    void isValidWhenIssuedInTheFutureThenFalse() {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 5);
        DpopNonces aheadOfUs = DpopNonces.withSharedKey(key, new MutableClock(start.plusSeconds(61)), LIFETIME);

        String nonce = aheadOfUs.issue();

        assertThat(DpopNonces.withSharedKey(key, clock, LIFETIME).isValid(nonce)).isFalse();
    }

    @Test
    @DisplayName("A nonce whose issue time was moved back is not valid: the tag covers the time")
    void isValidWhenIssueTimeAlteredThenFalse() {
        byte[] nonce = Base64.getUrlDecoder().decode(nonces.issue());
        ByteBuffer.wrap(nonce).putLong(0, start.getEpochSecond() - 1);
        String altered = Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);

        assertThat(nonces.isValid(altered)).isFalse();
    }

    @Test
    @DisplayName("Null, empty, wrongly sized and non-base64url values are not valid nonces")
    void isValidWhenNotANonceThenFalse() {
        String nonce = nonces.issue();

        assertThat(nonces.isValid(null)).isFalse();
        assertThat(nonces.isValid("")).isFalse();
        assertThat(nonces.isValid(nonce.substring(1))).isFalse();
        assertThat(nonces.isValid(nonce + "A")).isFalse();
        assertThat(nonces.isValid("*" + nonce.substring(1))).isFalse();
    }

    @Test
    @DisplayName("A nonce younger than half its lifetime need not be rotated")
    void shouldRotateWhenYoungerThanHalfLifetimeThenFalse() {
        String nonce = nonces.issue();
        clock.advance(LIFETIME.dividedBy(2).minusSeconds(1));

        assertThat(nonces.shouldRotate(nonce)).isFalse();
    }

    @Test
    @DisplayName("A nonce at half its lifetime should be rotated while it is still valid")
    void shouldRotateWhenHalfLifetimeReachedThenTrue() {
        String nonce = nonces.issue();
        clock.advance(LIFETIME.dividedBy(2));

        assertThat(nonces.shouldRotate(nonce)).isTrue();
        assertThat(nonces.isValid(nonce)).isTrue();
    }

    @Test
    @DisplayName("A nonce this server did not issue should be replaced")
    void shouldRotateWhenForeignThenTrue() {
        assertThat(nonces.shouldRotate(DpopNonces.withRandomKey(clock, LIFETIME).issue())).isTrue();
    }

    @Test
    @DisplayName("A nonce key shorter than 256 bits is refused")
    void withSharedKeyWhenKeyShorterThan32BytesThenRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> DpopNonces.withSharedKey(new byte[31], clock, LIFETIME));
    }

    @Test
    @DisplayName("A zero or negative nonce lifetime is refused")
    void withRandomKeyWhenLifetimeNotPositiveThenRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> DpopNonces.withRandomKey(clock, Duration.ZERO));
        assertThatIllegalArgumentException().isThrownBy(() -> DpopNonces.withRandomKey(clock, Duration.ofSeconds(-1)));
    }

    @Test
    @DisplayName("Changing the caller's key array after construction does not change the nonce key")
    void withSharedKeyWhenCallerArrayChangedThenKeyUnchanged() {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 9);
        DpopNonces shared = DpopNonces.withSharedKey(key, clock, LIFETIME);
        String nonce = shared.issue();

        Arrays.fill(key, (byte) 0);

        assertThat(shared.isValid(nonce)).isTrue();
    }
}
