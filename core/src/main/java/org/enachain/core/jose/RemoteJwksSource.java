package org.enachain.core.jose;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.enachain.core.http.HttpTransport;
import org.enachain.core.http.JdkHttpTransport;
import org.enachain.core.http.TransportSecurity;

/**
 * A JWK Set fetched from an issuer's {@code jwks_uri} and cached.
 * <ul>
 * <li>The URL must be {@code https} (GEN-01) unless the loopback development switch is given.</li>
 * <li>The cached set is refreshed after {@code cacheLifetime} (default 5 minutes, at most a day).</li>
 * <li>A {@code kid} that is not in the cached set triggers one refetch, to follow key rollover
 * (RS-08) — but at most one fetch per {@code refetchInterval} (default 60 s) whatever the reason,
 * so a flood of tokens with random {@code kid}s cannot hammer the endpoint.</li>
 * <li>While the endpoint is down, the last good set keeps serving — for at most a day by default
 * ({@code maxStaleness}), so a withdrawn key cannot stay trusted by keeping the endpoint unreachable.
 * A source that has never fetched successfully reports {@link JwksUnavailableException}.</li>
 * </ul>
 * Thread-safe. Lookups read an immutable snapshot without locking; a refetch of an expired set never
 * makes other requests wait.
 */
public final class RemoteJwksSource implements JwksSource {

    private static final System.Logger LOG = System.getLogger(RemoteJwksSource.class.getName());

    public static final Duration DEFAULT_CACHE_LIFETIME = Duration.ofMinutes(5);
    public static final Duration MAX_CACHE_LIFETIME = Duration.ofDays(1);
    public static final Duration DEFAULT_REFETCH_INTERVAL = Duration.ofSeconds(60);
    public static final Duration DEFAULT_MAX_STALENESS = Duration.ofDays(1);

    private static final Map<String, String> ACCEPT = Map.of("Accept", "application/jwk-set+json, application/json");

    private final URI uri;
    private final HttpTransport transport;
    private final Clock clock;
    private final Duration cacheLifetime;
    private final Duration refetchInterval;
    private final Duration maxStaleness;
    private final ReentrantLock fetchLock = new ReentrantLock();

    /** The last good set and when it was fetched; null until the first success. */
    private volatile Snapshot snapshot;
    /** When the last fetch was attempted, successful or not; null before the first. */
    private volatile Instant lastAttempt;

    private record Snapshot(VerificationKeys keys, Instant fetchedAt) {
    }

    private RemoteJwksSource(Builder b) {
        this.uri = b.security.check(b.uri, "The JWKS URL");
        this.transport = b.transport;
        this.clock = b.clock;
        this.cacheLifetime = b.cacheLifetime;
        this.refetchInterval = b.refetchInterval;
        this.maxStaleness = b.maxStaleness;
    }

    public static Builder builder(URI jwksUri) {
        return new Builder(jwksUri);
    }

    public URI uri() {
        return uri;
    }

    @Override
    public List<PublicKey> keysFor(String kid, JwsAlgorithm algorithm) throws JwksUnavailableException {
        Snapshot current = snapshot;
        Instant now = clock.instant();
        if (current == null) {
            current = fetchOrWait(null);
        } else if (!now.isBefore(current.fetchedAt().plus(cacheLifetime)) && mayFetch(now)) {
            refreshUnlessAnotherThreadIs();
            current = snapshot;
        }
        if (!now.isBefore(current.fetchedAt().plus(maxStaleness))) {
            // The endpoint has been failing for too long: a key the issuer has since withdrawn must not stay trusted.
            throw new JwksUnavailableException("The JWK Set at " + uri + " was last fetched at " + current.fetchedAt()
                    + "; keys older than " + maxStaleness + " are no longer used", null);
        }
        List<PublicKey> keys = current.keys().keysFor(kid, algorithm);
        if (keys.isEmpty() && kid != null && !current.keys().hasKeyId(kid) && mayFetch(now)) {
            // A kid we have never seen: perhaps the issuer rolled its keys over (RS-08).
            current = fetchOrWait(current);
            keys = current.keys().keysFor(kid, algorithm);
        }
        return keys;
    }

    private boolean mayFetch(Instant now) {
        Instant last = lastAttempt;
        return last == null || !now.isBefore(last.plus(refetchInterval));
    }

    /**
     * Fetches unless another thread already replaced {@code seen} (or fetched within the interval)
     * while this one waited for the lock. Throws only when there is no set at all.
     */
    private Snapshot fetchOrWait(Snapshot seen) throws JwksUnavailableException {
        fetchLock.lock();
        try {
            Snapshot current = snapshot;
            if (current != null && (current != seen || !mayFetch(clock.instant()))) {
                return current;
            }
            if (current == null && lastAttempt != null && !mayFetch(clock.instant())) {
                throw new JwksUnavailableException("The JWK Set at " + uri + " could not be fetched; next attempt after "
                        + lastAttempt.plus(refetchInterval), null);
            }
            return fetch();
        } finally {
            fetchLock.unlock();
        }
    }

    /** An expired set: one caller refreshes it while the others keep using the old one. */
    private void refreshUnlessAnotherThreadIs() {
        if (fetchLock.tryLock()) {
            try {
                if (mayFetch(clock.instant())) {
                    fetch();
                }
            } catch (JwksUnavailableException e) {
                // fetch() already logged it; the stale set keeps serving.
            } finally {
                fetchLock.unlock();
            }
        }
    }

    /** Called with the lock held. On failure keeps the old snapshot, and throws only if there is none. */
    private Snapshot fetch() throws JwksUnavailableException {
        lastAttempt = clock.instant();
        try {
            HttpTransport.Response response = transport.send(HttpTransport.Request.get(uri, ACCEPT));
            if (response.status() != 200) {
                throw new IOException("HTTP status " + response.status());
            }
            VerificationKeys keys = VerificationKeys.fromJwks(new String(response.body(), StandardCharsets.UTF_8));
            for (String skipped : keys.skipped()) {
                LOG.log(Level.WARNING, "ENAC1002W: JWK Set {0}: ignored {1}", uri, skipped);
            }
            for (String other : keys.otherUses()) {
                LOG.log(Level.DEBUG, "ENAC1003D: JWK Set {0}: left out {1}", uri, other);
            }
            Snapshot fresh = new Snapshot(keys, clock.instant());
            snapshot = fresh;
            return fresh;
        } catch (IOException | IllegalArgumentException e) {
            Snapshot stale = snapshot;
            LOG.log(Level.WARNING, "ENAC1001W: Cannot fetch the JWK Set {0} ({1}); {2}", uri, describe(e),
                    stale == null ? "no keys are available until it can be fetched"
                            : "still using the keys fetched at " + stale.fetchedAt());
            if (stale != null) {
                return stale;
            }
            throw new JwksUnavailableException("The JWK Set at " + uri + " could not be fetched: " + describe(e), e);
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    @Override
    public String toString() {
        return "RemoteJwksSource[" + uri + "]";
    }

    public static final class Builder {
        private final URI uri;
        private HttpTransport transport;
        private Clock clock = Clock.systemUTC();
        private Duration cacheLifetime = DEFAULT_CACHE_LIFETIME;
        private Duration refetchInterval = DEFAULT_REFETCH_INTERVAL;
        private Duration maxStaleness = DEFAULT_MAX_STALENESS;
        private TransportSecurity security = TransportSecurity.requireTls();

        private Builder(URI uri) {
            this.uri = uri;
        }

        public Builder transport(HttpTransport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How long a fetched set is used before it is fetched again; at most one day. */
        public Builder cacheLifetime(Duration lifetime) {
            if (lifetime == null || lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_CACHE_LIFETIME) > 0) {
                throw new IllegalArgumentException("The JWKS cache lifetime must be positive and at most "
                        + MAX_CACHE_LIFETIME + ", but is " + lifetime);
            }
            this.cacheLifetime = lifetime;
            return this;
        }

        /** The least time between two fetches, whatever triggers them. */
        public Builder refetchInterval(Duration interval) {
            if (interval == null || interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("The JWKS refetch interval must be positive (it rate-limits fetches"
                        + " triggered by unknown key ids), but is " + interval);
            }
            this.refetchInterval = interval;
            return this;
        }

        /**
         * How long the last good set keeps serving while the endpoint fails (default one day); after that
         * verification stops ({@code KEYS_UNAVAILABLE}) rather than trust keys the issuer may have withdrawn.
         */
        public Builder maxStaleness(Duration staleness) {
            if (staleness == null || staleness.isNegative() || staleness.isZero()) {
                throw new IllegalArgumentException("The JWKS maximum staleness must be positive, but is " + staleness);
            }
            this.maxStaleness = staleness;
            return this;
        }

        /** {@link TransportSecurity#requireTls()} unless chosen otherwise for development. */
        public Builder transportSecurity(TransportSecurity security) {
            this.security = Objects.requireNonNull(security, "security");
            return this;
        }

        /** @throws IllegalArgumentException when the URL is not https (GEN-01) */
        public RemoteJwksSource build() {
            if (maxStaleness.compareTo(cacheLifetime) < 0) {
                throw new IllegalArgumentException("The JWKS maximum staleness (" + maxStaleness
                        + ") must not be shorter than the cache lifetime (" + cacheLifetime + ")");
            }
            if (transport == null) {
                transport = JdkHttpTransport.createDefault();
            }
            return new RemoteJwksSource(this);
        }
    }
}
