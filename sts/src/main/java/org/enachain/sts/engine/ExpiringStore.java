package org.enachain.sts.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bounded in-memory map whose entries expire. When full of live entries it refuses new ones
 * rather than forgetting a live one: a forgotten authorization code or refresh token would be lost
 * work, a forgotten revocation a security hole.
 */
final class ExpiringStore<V> {

    private record Entry<V>(V value, Instant expiresAt) {
    }

    private final ConcurrentHashMap<String, Entry<V>> entries = new ConcurrentHashMap<>();
    private final int capacity;
    private final Clock clock;

    ExpiringStore(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    /** @return false when the store is full of live entries */
    boolean put(String key, V value, Instant expiresAt) {
        if (entries.size() >= capacity) {
            purgeExpired();
            if (entries.size() >= capacity) {
                return false;
            }
        }
        entries.put(key, new Entry<>(value, expiresAt));
        return true;
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

    private void purgeExpired() {
        Instant now = clock.instant();
        for (Iterator<Map.Entry<String, Entry<V>>> it = entries.entrySet().iterator(); it.hasNext(); ) {
            if (!now.isBefore(it.next().getValue().expiresAt())) {
                it.remove();
            }
        }
    }
}
