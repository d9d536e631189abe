package org.enachain.core.chain;

import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.enachain.core.Printable;
import org.enachain.core.client.AuthorizationServerDiscovery;
import org.enachain.core.client.AuthorizationServerMetadata;
import org.enachain.core.client.ClientIdentity;
import org.enachain.core.client.TokenEndpointClient;
import org.enachain.core.client.TokenEndpointException;
import org.enachain.core.client.TokenResponse;
import org.enachain.core.client.TokenTypeUri;
import org.enachain.core.dpop.AccessTokenHash;
import org.enachain.core.http.HttpTransport;
import org.enachain.core.http.JdkHttpTransport;
import org.enachain.core.http.TransportSecurity;

/**
 * The one place that turns (caller's token, target) into a token for the next hop (Chaining 2 and 3):
 * <ul>
 * <li><b>Intra-domain</b>: one token exchange at the home AS (CL-13), authenticated as this client
 * there, with a DPoP proof when the client has a DPoP key.</li>
 * <li><b>Cross-domain</b>: leg 1, an exchange at the home AS for a JWT authorization grant (CL-30);
 * leg 2, the grant at the target AS — found from its issuer — as a jwt-bearer request, authenticated with
 * the client's identity <i>at that AS</i> (CL-44). The grant is used once and never cached (CL-41).</li>
 * <li><b>Cache</b>: keyed by SHA-256 of the subject token, its type and the target (scopes included); an
 * entry is used until min(token expiry, subject token expiry) minus a skew (default 30 s); bounded
 * (default 10,000 entries, expired ones evicted first, then the soonest to expire); failures are never
 * cached.</li>
 * <li><b>Single flight</b>: concurrent misses for one key make exactly one request; every waiter gets
 * its result or its error.</li>
 * <li><b>Local refusals</b> before anything is sent (CL-31, CL-37, CL-20, CL-36): a subject token of
 * another issuer, an expired one, one without a user, a refresh token for an intra-domain target,
 * and — in resource-owner mode (A-39, the default) — a scope the subject token does not carry.</li>
 * </ul>
 * Thread-safe; build one per application and share it.
 */
public final class TokenChainer {

    public static final Duration DEFAULT_EXPIRY_SKEW = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_CACHE_ENTRIES = 10_000;
    private static final int MAX_FLIGHT_ATTEMPTS = 3;

    private final String homeIssuer;
    private final Map<String, ClientIdentity> identities;
    private final Map<String, AuthorizationServerMetadata> configuredServers;
    private final AuthorizationServerDiscovery discovery;
    private final TokenEndpointClient client;
    private final Clock clock;
    private final Duration skew;
    private final int maxEntries;
    private final boolean resourceOwnerMode;

    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CompletableFuture<ChainedToken>> inFlight = new ConcurrentHashMap<>();
    private final LongAdder requests = new LongAdder();
    private final LongAdder cacheHits = new LongAdder();
    private final LongAdder joined = new LongAdder();

    private record Cached(ChainedToken token, Instant refreshAt) {
    }

    /**
     * Counters since start.
     *
     * @param tokenRequests token requests sent (each leg of a cross-domain chain counts)
     * @param cacheHits     calls answered from the cache
     * @param joinedFlights calls that waited for another call's request instead of sending their own
     * @param cachedTokens  tokens in the cache now
     */
    public record Stats(long tokenRequests, long cacheHits, long joinedFlights, int cachedTokens) {
    }

    private TokenChainer(Builder b) {
        this.homeIssuer = b.homeIssuer;
        this.identities = Map.copyOf(b.identities);
        this.configuredServers = Map.copyOf(b.servers);
        this.discovery = b.discovery;
        this.client = b.client;
        this.clock = b.clock;
        this.skew = b.skew;
        this.maxEntries = b.maxEntries;
        this.resourceOwnerMode = b.resourceOwnerMode;
    }

    /** @param homeIssuer the issuer of the home (originating) authorization server */
    public static Builder builder(String homeIssuer) {
        return new Builder(homeIssuer);
    }

    /**
     * A token for {@code target} on behalf of the user of {@code subject}: from the cache, from a
     * request already under way for the same key, or from a new one.
     *
     * @throws TokenEndpointException when no token can be had; {@link TokenEndpointException#kind()}
     *                                says whether it was refused locally, by the AS, or never reached it
     */
    public ChainedToken tokenFor(SubjectToken subject, ChainTarget target) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(target, "target");
        refuseLocally(subject, target);
        String key = cacheKey(subject, target);
        for (int attempt = 1; ; attempt++) {
            ChainedToken hit = cached(key);
            if (hit != null) {
                cacheHits.increment();
                return hit;
            }
            CompletableFuture<ChainedToken> mine = new CompletableFuture<>();
            CompletableFuture<ChainedToken> running = inFlight.putIfAbsent(key, mine);
            if (running == null) {
                return lead(key, mine, subject, target);
            }
            joined.increment();
            try {
                return await(running);
            } catch (FlightAbandoned e) {
                // The caller that led the flight was interrupted (its own request cancelled, say): that is
                // no answer for this caller, who tries again — at most a few times. The leader may not have
                // removed its flight yet; this caller does, or it would join the same abandoned flight again.
                inFlight.remove(key, running);
                if (attempt == MAX_FLIGHT_ATTEMPTS) {
                    throw new TokenEndpointException(TokenEndpointException.Kind.TRANSPORT, homeIssuer,
                            "The token request for this call was abandoned " + attempt + " times by interrupted"
                                    + " callers", null, null, -1, null);
                }
            }
        }
    }

    /** Runs the flight for {@code key}; every caller that joins it gets its result or its failure. */
    private ChainedToken lead(String key, CompletableFuture<ChainedToken> mine, SubjectToken subject, ChainTarget target) {
        try {
            ChainedToken token = cached(key); // a flight that ended just before ours began may have filled it
            if (token == null) {
                token = obtain(subject, target);
                store(key, token, subject);
            }
            mine.complete(token);
            return token;
        } catch (RuntimeException | Error e) {
            // Whatever ends this flight ends it for every waiter too; left incomplete, they would wait forever.
            mine.completeExceptionally(interrupted(e) ? FlightAbandoned.INSTANCE : e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    /** Whether a failure is this thread being interrupted rather than an answer about the token. */
    private static boolean interrupted(Throwable e) {
        if (Thread.currentThread().isInterrupted()) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedIOException || t instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }

    /** Tells waiters that the flight they joined ended without an answer. */
    private static final class FlightAbandoned extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final FlightAbandoned INSTANCE = new FlightAbandoned();

        private FlightAbandoned() {
            super("abandoned", null, false, false);
        }
    }

    /**
     * Forgets the cached token for this subject and target, for instance after the resource answered
     * {@code 401 invalid_token}: the next call exchanges again.
     */
    public void invalidate(SubjectToken subject, ChainTarget target) {
        cache.remove(cacheKey(subject, target));
    }

    public Stats stats() {
        return new Stats(requests.sum(), cacheHits.sum(), joined.sum(), cache.size());
    }

    private ChainedToken cached(String key) {
        Cached c = cache.get(key);
        return c != null && clock.instant().isBefore(c.refreshAt()) ? c.token() : null;
    }

    private static ChainedToken await(CompletableFuture<ChainedToken> flight) {
        try {
            return flight.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private ChainedToken obtain(SubjectToken subject, ChainTarget target) {
        AuthorizationServerMetadata home = server(homeIssuer);
        ClientIdentity homeIdentity = identity(homeIssuer);
        if (!target.isCrossDomain()) {
            requests.increment();
            TokenResponse response = client.send(home, homeIdentity,
                    target.exchangeRequest(subject.value(), subject.type()), target.dpopRequired());
            return chained(response, home.issuer(), homeIdentity);
        }
        // Everything about the target AS that can fail without a grant is checked before leg 1 — its
        // identity, its metadata, the algorithms it takes — so that no one-time grant is spent on a
        // request that could never be sent.
        ClientIdentity targetIdentity = identity(target.targetIssuer());
        AuthorizationServerMetadata targetServer = server(target.targetIssuer());
        client.requireUsable(targetServer, targetIdentity, target.dpopRequired());
        try {
            return crossDomain(subject, target, home, homeIdentity, targetServer, targetIdentity);
        } catch (TokenEndpointException e) {
            if (!isUseDpopNonce(e) || targetIdentity.dpop().isEmpty()) {
                throw e;
            }
            // The target AS wants a DPoP nonce, now remembered. The grant was presented once and is spent
            // (CL-41): the retry starts over with a new one.
            return crossDomain(subject, target, home, homeIdentity, targetServer, targetIdentity);
        }
    }

    /** Leg 1, the JWT grant from the home AS; leg 2, that grant once at the target AS, as the client registered there. */
    private ChainedToken crossDomain(SubjectToken subject, ChainTarget target, AuthorizationServerMetadata home,
                                     ClientIdentity homeIdentity, AuthorizationServerMetadata targetServer,
                                     ClientIdentity targetIdentity) {
        // A grant carries no DPoP binding: the proof is sent when the client has a key, not required.
        requests.increment();
        TokenResponse grant = client.send(home, homeIdentity,
                target.exchangeRequest(subject.value(), subject.type()), false);
        requests.increment();
        TokenResponse response = client.send(targetServer, targetIdentity, target.bearerRequest(grant.accessToken()),
                target.dpopRequired());
        return chained(response, targetServer.issuer(), targetIdentity);
    }

    private static boolean isUseDpopNonce(TokenEndpointException e) {
        return e.kind() == TokenEndpointException.Kind.OAUTH_ERROR && e.errorCode().filter("use_dpop_nonce"::equals).isPresent();
    }

    private ChainedToken chained(TokenResponse response, String issuer, ClientIdentity identity) {
        Instant expiresAt = response.expiresIn().map(clock.instant()::plus).orElse(null);
        return new ChainedToken(response.accessToken(), response.scheme(), expiresAt, response.scope(), issuer,
                identity.dpop().orElse(null));
    }

    /** Caches a token until min(its expiry, the subject's) minus the skew; nothing when that is already past. */
    private void store(String key, ChainedToken token, SubjectToken subject) {
        Instant expiry = token.expiresAt().orElse(null);
        if (expiry == null) {
            return;
        }
        if (subject.expiresAt().isPresent() && subject.expiresAt().get().isBefore(expiry)) {
            expiry = subject.expiresAt().get();
        }
        Instant refreshAt = expiry.minus(skew);
        Instant now = clock.instant();
        if (!refreshAt.isAfter(now)) {
            return;
        }
        if (cache.size() >= maxEntries) {
            evict(now);
        }
        cache.put(key, new Cached(token, refreshAt));
    }

    /** Drops expired entries; when none were, the one due soonest. */
    private void evict(Instant now) {
        cache.entrySet().removeIf(e -> !now.isBefore(e.getValue().refreshAt()));
        while (cache.size() >= maxEntries) {
            String soonest = null;
            Instant soonestAt = null;
            for (Map.Entry<String, Cached> e : cache.entrySet()) {
                if (soonestAt == null || e.getValue().refreshAt().isBefore(soonestAt)) {
                    soonest = e.getKey();
                    soonestAt = e.getValue().refreshAt();
                }
            }
            if (soonest == null) {
                return;
            }
            cache.remove(soonest);
        }
    }

    private void refuseLocally(SubjectToken subject, ChainTarget target) {
        if (!subject.issuer().equals(homeIssuer)) {
            throw TokenEndpointException.local(homeIssuer, "The subject token was issued by "
                    + Printable.ascii(subject.issuer(), 200)
                    + ", not by the home authorization server " + homeIssuer + "; only its tokens can be exchanged"
                    + " (Chaining 3.3.2)");
        }
        if (subject.expiresAt().isPresent() && !clock.instant().isBefore(subject.expiresAt().get())) {
            throw TokenEndpointException.local(homeIssuer, "The subject token has expired; it is not sent for exchange");
        }
        if (!subject.userBound()) {
            throw TokenEndpointException.local(homeIssuer, "The subject token has no user (its sub equals its client_id);"
                    + " only user tokens can be exchanged (Chaining 3.3.2, A-29)");
        }
        if (subject.type() == TokenTypeUri.REFRESH_TOKEN && !target.isCrossDomain()) {
            throw TokenEndpointException.local(homeIssuer, "A refresh token is a subject token only for a cross-domain"
                    + " exchange (Chaining 3.3.1); an intra-domain exchange takes the caller's access token (Chaining 2.3, A-30)");
        }
        if (resourceOwnerMode && !subject.scopes().isEmpty() && !subject.scopes().containsAll(target.homeScopes())) {
            Set<String> missing = new LinkedHashSet<>(target.homeScopes());
            missing.removeAll(subject.scopes());
            throw TokenEndpointException.local(homeIssuer, "In resource-owner mode a chained token cannot ask for scope "
                    + missing + ", which the user did not grant to the subject token (Chaining 4.3)");
        }
    }

    private AuthorizationServerMetadata server(String issuer) {
        AuthorizationServerMetadata configured = configuredServers.get(issuer);
        return configured != null ? configured : discovery.discover(issuer);
    }

    private ClientIdentity identity(String issuer) {
        ClientIdentity identity = identities.get(issuer);
        if (identity == null) {
            throw TokenEndpointException.local(issuer, "No client identity is configured for the authorization server "
                    + issuer + "; register this client there and configure its client_id and keys");
        }
        return identity;
    }

    /** SHA-256 of the subject token (never the token itself), its type and the target's canonical form. */
    private static String cacheKey(SubjectToken subject, ChainTarget target) {
        return AccessTokenHash.of(subject.value()) + " " + subject.type().name() + " " + target.cacheKey();
    }

    public static final class Builder {
        private final String homeIssuer;
        private final Map<String, ClientIdentity> identities = new HashMap<>();
        private final Map<String, AuthorizationServerMetadata> servers = new HashMap<>();
        private AuthorizationServerDiscovery discovery;
        private TokenEndpointClient client;
        private HttpTransport transport;
        private TransportSecurity security = TransportSecurity.requireTls();
        private Clock clock = Clock.systemUTC();
        private Duration skew = DEFAULT_EXPIRY_SKEW;
        private int maxEntries = DEFAULT_MAX_CACHE_ENTRIES;
        private boolean resourceOwnerMode = true;

        private Builder(String homeIssuer) {
            if (homeIssuer == null || homeIssuer.isEmpty()) {
                throw new IllegalArgumentException("The token chainer needs the home authorization server's issuer");
            }
            this.homeIssuer = homeIssuer;
        }

        /** Who this client is at the AS {@code issuer}: the home AS, and each target AS of a cross-domain chain (CL-08). */
        public Builder identity(String issuer, ClientIdentity identity) {
            identities.put(Objects.requireNonNull(issuer, "issuer"), Objects.requireNonNull(identity, "identity"));
            return this;
        }

        /** An AS configured by hand instead of discovered from its issuer. */
        public Builder authorizationServer(AuthorizationServerMetadata metadata) {
            servers.put(metadata.issuer(), metadata);
            return this;
        }

        /**
         * The HTTP transport for token requests and discovery alike (default: the JDK client with 2 s / 5 s
         * timeouts), unless a client or discovery is given explicitly.
         */
        public Builder transport(HttpTransport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /** {@link TransportSecurity#requireTls()} unless chosen otherwise for development; for token requests and discovery alike. */
        public Builder transportSecurity(TransportSecurity security) {
            this.security = Objects.requireNonNull(security, "security");
            return this;
        }

        public Builder discovery(AuthorizationServerDiscovery discovery) {
            this.discovery = Objects.requireNonNull(discovery, "discovery");
            return this;
        }

        public Builder client(TokenEndpointClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How long before expiry a cached token is replaced (default 30 s). */
        public Builder expirySkew(Duration skew) {
            if (skew == null || skew.isNegative()) {
                throw new IllegalArgumentException("The expiry skew must not be negative");
            }
            this.skew = skew;
            return this;
        }

        public Builder maxCacheEntries(int entries) {
            if (entries < 1) {
                throw new IllegalArgumentException("The token cache must hold at least one entry");
            }
            this.maxEntries = entries;
            return this;
        }

        /**
         * Whether the user is the resource owner: then no chained token asks for a scope the subject
         * token lacks (CL-20, CL-36). On by default, the stricter mode.
         */
        public Builder resourceOwnerMode(boolean on) {
            this.resourceOwnerMode = on;
            return this;
        }

        /** @throws IllegalStateException when no client identity is configured for the home AS */
        public TokenChainer build() {
            if (!identities.containsKey(homeIssuer)) {
                throw new IllegalStateException("The token chainer needs this client's identity at the home"
                        + " authorization server " + homeIssuer);
            }
            HttpTransport http = transport != null ? transport : JdkHttpTransport.createDefault();
            if (client == null) {
                client = TokenEndpointClient.create(http, security);
            }
            if (discovery == null) {
                discovery = AuthorizationServerDiscovery.builder().transport(http).transportSecurity(security)
                        .clock(clock).build();
            }
            return new TokenChainer(this);
        }
    }
}
