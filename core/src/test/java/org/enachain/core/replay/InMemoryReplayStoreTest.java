package org.enachain.core.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.enachain.core.replay.ReplayStore.Use;
import org.enachain.core.testing.MutableClock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class InMemoryReplayStoreTest {

    private final MutableClock clock = MutableClock.atFixedStart();

    private Instant in(int seconds) {
        return clock.instant().plusSeconds(seconds);
    }

    @Test
    @DisplayName("GEN-36: the first use of a key is FIRST, a second use before expiry is REPEATED")
    void useOnceWhenKeySeenBeforeExpiryThenRepeated() {
        InMemoryReplayStore store = new InMemoryReplayStore(10, clock);

        assertThat(store.useOnce("k", in(60))).isEqualTo(Use.FIRST);
        assertThat(store.useOnce("k", in(60))).isEqualTo(Use.REPEATED);
    }

    @Test
    @DisplayName("GEN-36: a key is forgotten once its expiry has passed")
    void useOnceWhenExpiredThenFirstAgain() {
        InMemoryReplayStore store = new InMemoryReplayStore(10, clock);
        store.useOnce("k", in(60));

        clock.advance(Duration.ofSeconds(60));

        assertThat(store.useOnce("k", in(60))).isEqualTo(Use.FIRST);
    }

    @Test
    @DisplayName("RS-18: a full store evicts expired entries first and keeps accepting")
    void useOnceWhenFullOfExpiredEntriesThenEvictsAndAccepts() {
        InMemoryReplayStore store = new InMemoryReplayStore(3, clock);
        store.useOnce("a", in(10));
        store.useOnce("b", in(10));
        store.useOnce("c", in(100));

        clock.advance(Duration.ofSeconds(10));

        assertThat(store.useOnce("d", in(100))).isEqualTo(Use.FIRST);
        assertThat(store.size()).isEqualTo(2);
        assertThat(store.useOnce("c", in(100))).isEqualTo(Use.REPEATED);
    }

    @Test
    @DisplayName("RS-18: a store full of live entries fails closed: UNAVAILABLE, and no live entry is forgotten")
    void useOnceWhenFullOfLiveEntriesThenUnavailable() {
        InMemoryReplayStore store = new InMemoryReplayStore(2, clock);
        store.useOnce("a", in(100));
        store.useOnce("b", in(100));

        assertThat(store.useOnce("c", in(100))).isEqualTo(Use.UNAVAILABLE);
        assertThat(store.useOnce("a", in(100))).isEqualTo(Use.REPEATED);
        assertThat(store.useOnce("b", in(100))).isEqualTo(Use.REPEATED);
        assertThat(store.size()).isEqualTo(2);
    }

    @Test
    @DisplayName("GEN-36: of many concurrent first uses of one key exactly one is FIRST")
    void useOnceWhenConcurrentThenExactlyOneFirst() throws Exception {
        InMemoryReplayStore store = new InMemoryReplayStore(1000, clock);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 200; round++) {
                String key = "key-" + round;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Use>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    Callable<Use> call = () -> {
                        start.await();
                        return store.useOnce(key, in(60));
                    };
                    results.add(pool.submit(call));
                }
                start.countDown();
                int first = 0;
                for (Future<Use> f : results) {
                    if (f.get() == Use.FIRST) {
                        first++;
                    }
                }
                assertThat(first).as("round %d", round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("RS-22, GEN-37: replay keys are fixed-length hashes that never contain the identifier")
    void replayKeyWhenHugeJtiThenFixedLengthHash() {
        String jti = "secret-jti-" + "x".repeat(8 * 1024);

        String key = ReplayKey.of("dpop", "thumbprint", jti);

        assertThat(key).startsWith("dpop:").doesNotContain("secret-jti").hasSize("dpop:".length() + 43);
        assertThat(ReplayKey.of("client-assertion", "thumbprint", jti)).isNotEqualTo(key);
        assertThat(ReplayKey.of("dpop", "thumb", "print" + jti)).isNotEqualTo(key);
    }

    @Test
    void constructorWhenCapacityNotPositiveThenRefused() {
        assertThatThrownBy(() -> new InMemoryReplayStore(0, clock)).isInstanceOf(IllegalArgumentException.class);
    }
}
