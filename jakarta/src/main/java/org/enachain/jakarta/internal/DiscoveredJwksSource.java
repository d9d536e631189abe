package org.enachain.jakarta.internal;

import java.io.IOException;
import java.net.URI;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.enachain.core.Printable;
import org.enachain.core.client.AuthorizationServerDiscovery;
import org.enachain.core.http.HttpTransport;
import org.enachain.core.http.TransportSecurity;
import org.enachain.core.jose.JwksSource;
import org.enachain.core.jose.JwksUnavailableException;
import org.enachain.core.jose.JwsAlgorithm;
import org.enachain.core.jose.RemoteJwksSource;
import org.jose4j.json.JsonUtil;

/**
 * The keys of a trusted issuer whose JWK Set URL is not configured: its RFC 8414 metadata is fetched on
 * first use (not at deployment, so that a resource can start before its authorization server), the
 * document's {@code issuer} must equal the configured issuer exactly, and its {@code jwks_uri} is then
 * served by a {@link RemoteJwksSource} (cache, refetch on unknown {@code kid}, staleness limit). A failed
 * discovery is retried at most once per {@link #RETRY_INTERVAL}; until it succeeds tokens of this
 * issuer are refused with 503 (the keys are unavailable), never accepted. Thread-safe.
 */
public final class DiscoveredJwksSource implements JwksSource {

    private static final System.Logger LOG = System.getLogger(DiscoveredJwksSource.class.getName());
    static final Duration RETRY_INTERVAL = Duration.ofSeconds(10);
    private static final Map<String, String> ACCEPT = Map.of("Accept", "application/json");

    private final String issuer;
    private final HttpTransport transport;
    private final TransportSecurity security;
    private final Clock clock;
    private volatile RemoteJwksSource delegate;
    private Instant lastAttempt;

    public DiscoveredJwksSource(String issuer, HttpTransport transport, TransportSecurity security, Clock clock) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.security = Objects.requireNonNull(security, "security");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public List<PublicKey> keysFor(String kid, JwsAlgorithm algorithm) throws JwksUnavailableException {
        RemoteJwksSource keys = delegate;
        if (keys == null) {
            keys = discover();
        }
        return keys.keysFor(kid, algorithm);
    }

    private synchronized RemoteJwksSource discover() throws JwksUnavailableException {
        if (delegate != null) {
            return delegate;
        }
        Instant now = clock.instant();
        if (lastAttempt != null && now.isBefore(lastAttempt.plus(RETRY_INTERVAL))) {
            throw new JwksUnavailableException("The metadata of " + issuer + " could not be fetched; next attempt after "
                    + lastAttempt.plus(RETRY_INTERVAL), null);
        }
        lastAttempt = now;
        List<String> misses = new ArrayList<>();
        for (URI url : AuthorizationServerDiscovery.candidates(issuer)) {
            HttpTransport.Response response;
            try {
                response = transport.send(HttpTransport.Request.get(url, ACCEPT));
            } catch (IOException e) {
                misses.add(url + ": " + e.getClass().getSimpleName());
                break; // the same host: one unreachable candidate stands for all
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
            if (!issuer.equals(document.get("issuer"))) {
                throw unavailable("the metadata at " + url + " names the issuer '"
                        + Printable.ascii(document.get("issuer"), 200) + "' (RFC 8414 3.3)");
            }
            if (!(document.get("jwks_uri") instanceof String jwksUri)) {
                throw unavailable("the metadata at " + url + " has no jwks_uri; configure the JWK Set URL");
            }
            RemoteJwksSource found;
            try {
                found = RemoteJwksSource.builder(URI.create(jwksUri)).transport(transport).transportSecurity(security)
                        .clock(clock).build();
            } catch (IllegalArgumentException e) {
                throw unavailable("its jwks_uri is not usable: " + e.getMessage());
            }
            LOG.log(System.Logger.Level.INFO, "ENAJ0201I: The JWK Set of {0} is {1} (from its metadata at {2})",
                    issuer, found.uri(), url);
            delegate = found;
            return found;
        }
        throw unavailable("no metadata found (" + String.join("; ", misses) + ")");
    }

    private JwksUnavailableException unavailable(String what) {
        String message = "Discovery of the JWK Set of " + issuer + " failed: " + what;
        LOG.log(System.Logger.Level.WARNING, "ENAJ0202W: {0}", message);
        return new JwksUnavailableException(message, null);
    }

    @Override
    public String toString() {
        return "DiscoveredJwksSource[" + issuer + "]";
    }
}
