package org.enachain.core.replay;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * A bounded {@link ReplayStore} for one JVM. Entries leave when they expire (by the injected
 * {@link Clock}); expired entries are evicted first, and a store full of live entries answers
 * {@link Use#UNAVAILABLE} instead of growing without bound or forgetting a live entry (which would
 * let that replay through).
 *
 * <p>Thread-safe: one lock guards a hash map and an expiry-ordered queue, O(log n) per call.
 */
public final class InMemoryReplayStore implements ReplayStore {

    private static final System.Logger LOG = System.getLogger(InMemoryReplayStore.class.getName());
    private static final Duration FULL_WARNING_INTERVAL = Duration.ofMinutes(1);

    /** The default capacity: 100,000 entries, about 15 MB. */
    public static final int DEFAULT_CAPACITY = 100_000;

    private final int capacity;
    private final Clock clock;
    private final Map<String, Instant> expiries = new HashMap<>();
    private final PriorityQueue<Entry> byExpiry = new PriorityQueue<>();
    private Instant lastFullWarning;

    private record Entry(Instant expiresAt, String key) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            return expiresAt.compareTo(o.expiresAt);
        }
    }

    public InMemoryReplayStore(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("The replay store capacity must be positive, but is " + capacity);
        }
        this.capacity = capacity;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public InMemoryReplayStore() {
        this(DEFAULT_CAPACITY, Clock.systemUTC());
    }

    @Override
    public Use useOnce(String key, Instant expiresAt) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Instant now = clock.instant();
        synchronized (this) {
            evictExpired(now);
            Instant existing = expiries.get(key);
            if (existing != null) {
                return Use.REPEATED;
            }
            if (!expiresAt.isAfter(now)) {
                // Already expired: the caller's time checks refuse such a JWT anyway; nothing to remember.
                return Use.FIRST;
            }
            if (expiries.size() >= capacity) {
                warnFull(now);
                return Use.UNAVAILABLE;
            }
            expiries.put(key, expiresAt);
            byExpiry.add(new Entry(expiresAt, key));
            return Use.FIRST;
        }
    }

    private void evictExpired(Instant now) {
        Entry head;
        while ((head = byExpiry.peek()) != null && !head.expiresAt().isAfter(now)) {
            byExpiry.poll();
            expiries.remove(head.key(), head.expiresAt());
        }
    }

    private void warnFull(Instant now) {
        if (lastFullWarning == null || !now.isBefore(lastFullWarning.plus(FULL_WARNING_INTERVAL))) {
            lastFullWarning = now;
            LOG.log(Level.WARNING, "ENAC3001W: The in-memory replay store is full ({0} live entries); requests that"
                    + " need a replay check are refused until entries expire. Raise its capacity or plug in a"
                    + " shared ReplayStore.", capacity);
        }
    }

    /** The number of live entries (expired ones are counted until the next call evicts them). */
    public synchronized int size() {
        return expiries.size();
    }

    public int capacity() {
        return capacity;
    }
}
