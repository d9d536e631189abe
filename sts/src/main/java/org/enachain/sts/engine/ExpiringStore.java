package org.enachain.sts.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bounded in-memory map whose entries expire. When full of live entries it refuses new ones
 * rather than forgetting a live one: a forgotten authorization code or refresh token would be lost
 * work, a forgotten revocation a security hole. Reads are lock-free; writes take one lock and purge
 * expired entries from the head of an expiry queue, so a full store costs O(log n) per write, not a
 * scan.
 */
final class ExpiringStore<V> {

    private record Entry<V>(V value, Instant expiresAt) {
    }

    private record Expiry(Instant at, String key) {
    }

    private final ConcurrentHashMap<String, Entry<V>> entries = new ConcurrentHashMap<>();
    private final PriorityQueue<Expiry> expiries = new PriorityQueue<>(Comparator.comparing(Expiry::at));
    private final int capacity;
    private final Clock clock;

    ExpiringStore(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    /** @return false when the store is full of live entries */
    boolean put(String key, V value, Instant expiresAt) {
        synchronized (expiries) {
            purgeExpired(clock.instant());
            if (entries.size() >= capacity && !entries.containsKey(key)) {
                return false;
            }
            entries.put(key, new Entry<>(value, expiresAt));
            expiries.add(new Expiry(expiresAt, key));
            if (expiries.size() > 2 * capacity) {
                // Entries taken early leave their expiry behind; rebuild from the live entries.
                expiries.clear();
                entries.forEach((k, e) -> expiries.add(new Expiry(e.expiresAt(), k)));
            }
            return true;
        }
    }

    Optional<V> get(String key) {
        Entry<V> e = entries.get(key);
        if (e == null || !clock.instant().isBefore(e.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(e.value());
    }

    /** Atomically removes and returns a live entry: of concurrent callers with one key, one wins. */
    Optional<V> take(String key) {
        Entry<V> e = entries.remove(key);
        if (e == null || !clock.instant().isBefore(e.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(e.value());
    }

    void remove(String key) {
        entries.remove(key);
    }

    int size() {
        return entries.size();
    }

    private void purgeExpired(Instant now) {
        for (Expiry head = expiries.peek(); head != null && !now.isBefore(head.at()); head = expiries.peek()) {
            expiries.poll();
            Entry<V> current = entries.get(head.key());
            if (current != null && !now.isBefore(current.expiresAt())) {
                entries.remove(head.key(), current);
            }
        }
    }

    @Override
    public String toString() {
        return "ExpiringStore[" + entries.size() + "/" + capacity + "]";
    }
}
