package org.enachain.core.client;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.enachain.core.http.HttpTransport;
import org.enachain.core.http.JdkHttpTransport;
import org.enachain.core.http.TransportSecurity;
import org.jose4j.json.JsonUtil;

/**
 * Finds an authorization server's metadata from its issuer identifier (RFC 8414; Profile 3.1.2),
 * trying in turn (CL-73):
 * <ol>
 * <li>the issuer with {@code /.well-known/oauth-authorization-server} appended (how enachain-sts and
 * many path-based deployments publish, Profile 3.1.2);</li>
 * <li>the RFC 8414 location, {@code /.well-known/oauth-authorization-server} inserted between host
 * and path (the same URL when the issuer has no path);</li>
 * <li>the OpenID Connect location, the issuer with {@code /.well-known/openid-configuration} appended.</li>
 * </ol>
 * A document is used only if its {@code issuer} is identical to the expected issuer (CL-74); a
 * document naming another issuer fails discovery at once — it is a mix-up, not a miss. Found
 * metadata is cached (default one hour, at most 100 issuers); failures are not, so the next call
 * tries again. Thread-safe.
 */
public final class AuthorizationServerDiscovery {

    public static final Duration DEFAULT_CACHE_LIFETIME = Duration.ofHours(1);
    public static final int DEFAULT_MAX_ENTRIES = 100;

    private static final Map<String, String> ACCEPT = Map.of("Accept", "application/json");

    private final HttpTransport transport;
    private final TransportSecurity security;
    private final Clock clock;
    private final Duration cacheLifetime;
    private final int maxEntries;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(AuthorizationServerMetadata metadata, Instant fetchedAt) {
    }

    private AuthorizationServerDiscovery(Builder b) {
        this.transport = b.transport;
        this.security = b.security;
        this.clock = b.clock;
        this.cacheLifetime = b.cacheLifetime;
        this.maxEntries = b.maxEntries;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** @throws TokenEndpointException of kind {@link TokenEndpointException.Kind#DISCOVERY} */
    public AuthorizationServerMetadata discover(String issuer) {
        Instant now = clock.instant();
        Cached cached = cache.get(issuer);
        if (cached != null && now.isBefore(cached.fetchedAt().plus(cacheLifetime))) {
            return cached.metadata();
        }
        AuthorizationServerMetadata metadata = fetch(issuer);
        if (cache.size() >= maxEntries) {
            cache.clear();
        }
        cache.put(issuer, new Cached(metadata, now));
        return metadata;
    }

    /** The metadata URLs tried for {@code issuer}, in order (CL-73). */
    public static List<URI> candidates(String issuer) {
        URI uri = URI.create(issuer);
        String base = uri.getScheme() + "://" + uri.getRawAuthority();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        Set<URI> urls = new LinkedHashSet<>();
        urls.add(URI.create(base + path + "/.well-known/oauth-authorization-server"));
        urls.add(URI.create(base + "/.well-known/oauth-authorization-server" + path));
        urls.add(URI.create(base + path + "/.well-known/openid-configuration"));
        return List.copyOf(urls);
    }

    private AuthorizationServerMetadata fetch(String issuer) {
        List<URI> urls;
        try {
            security.check(URI.create(issuer), "The issuer " + issuer);
            urls = candidates(issuer);
        } catch (IllegalArgumentException e) {
            throw failure(issuer, "the issuer is not a valid https URL: " + e.getMessage(), null);
        }
        List<String> misses = new ArrayList<>();
        IOException lastTransportError = null;
        for (URI url : urls) {
            HttpTransport.Response response;
            try {
                response = transport.send(HttpTransport.Request.get(url, ACCEPT));
            } catch (IOException e) {
                // Every candidate is on the same host: one that cannot be reached stands for all of them.
                lastTransportError = e;
                misses.add(url + ": " + e.getClass().getSimpleName());
                break;
            }
            if (response.status() != 200) {
                misses.add(url + ": HTTP " + response.status());
                continue;
            }
            Map<String, Object> document;
            try {
                document = JsonUtil.parseJson(response.bodyAsUtf8());
            } catch (Exception e) {
                misses.add(url + ": not a JSON object");
                continue;
            }
            AuthorizationServerMetadata metadata;
            try {
                metadata = AuthorizationServerMetadata.fromJson(document, security);
            } catch (IllegalArgumentException e) {
                throw failure(issuer, "the metadata at " + url + " is unusable: " + e.getMessage(), null);
            }
            if (!metadata.issuer().equals(issuer)) {
                throw failure(issuer, "the metadata at " + url + " names the issuer '"
                        + TokenEndpointClient.printable(metadata.issuer()) + "', not '" + issuer + "' (RFC 8414 3.3)", null);
            }
            return metadata;
        }
        throw failure(issuer, "no metadata found (" + String.join("; ", misses) + ")", lastTransportError);
    }

    private static TokenEndpointException failure(String issuer, String what, Throwable cause) {
        return new TokenEndpointException(TokenEndpointException.Kind.DISCOVERY, issuer,
                "Discovery of the authorization server " + issuer + " failed: " + what, null, null, -1, cause);
    }

    public static final class Builder {
        private HttpTransport transport;
        private TransportSecurity security = TransportSecurity.requireTls();
        private Clock clock = Clock.systemUTC();
        private Duration cacheLifetime = DEFAULT_CACHE_LIFETIME;
        private int maxEntries = DEFAULT_MAX_ENTRIES;

        private Builder() {
        }

        public Builder transport(HttpTransport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        public Builder transportSecurity(TransportSecurity security) {
            this.security = Objects.requireNonNull(security, "security");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder cacheLifetime(Duration lifetime) {
            if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
                throw new IllegalArgumentException("The metadata cache lifetime must be positive");
            }
            this.cacheLifetime = lifetime;
            return this;
        }

        public Builder maxEntries(int entries) {
            if (entries < 1) {
                throw new IllegalArgumentException("The metadata cache must hold at least one issuer");
            }
            this.maxEntries = entries;
            return this;
        }

        public AuthorizationServerDiscovery build() {
            if (transport == null) {
                transport = JdkHttpTransport.createDefault();
            }
            return new AuthorizationServerDiscovery(this);
        }
    }
}
