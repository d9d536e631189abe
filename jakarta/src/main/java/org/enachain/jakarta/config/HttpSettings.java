package org.enachain.jakarta.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.enachain.core.http.TransportSecurity;

/**
 * How enachain talks to authorization servers (token requests, discovery, JWK Sets).
 *
 * @param connectTimeout      {@code enachain.http.connect-timeout-ms}
 * @param readTimeout         {@code enachain.http.read-timeout-ms}
 * @param trustStore          {@code enachain.http.trust-store}, or empty for the JVM's default trust
 * @param trustStorePassword  {@code enachain.http.trust-store-password}, or null
 * @param plainHttpOnLoopback {@code enachain.insecure-development.plain-http-on-loopback}
 */
public record HttpSettings(Duration connectTimeout, Duration readTimeout, Optional<Path> trustStore,
                           String trustStorePassword, boolean plainHttpOnLoopback) {

    public static final long DEFAULT_CONNECT_TIMEOUT_MS = 2000;
    public static final long DEFAULT_READ_TIMEOUT_MS = 5000;

    static HttpSettings read(ConfigReader r) {
        return new HttpSettings(
                r.millis(ConfigKeys.HTTP_CONNECT_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS, 1, 600_000),
                r.millis(ConfigKeys.HTTP_READ_TIMEOUT_MS, DEFAULT_READ_TIMEOUT_MS, 1, 600_000),
                r.file(ConfigKeys.HTTP_TRUST_STORE),
                r.string(ConfigKeys.HTTP_TRUST_STORE_PASSWORD).orElse(null),
                r.bool(ConfigKeys.INSECURE_PLAIN_HTTP_ON_LOOPBACK, false));
    }

    /** https only, unless the loopback development switch is on. */
    public TransportSecurity security() {
        return plainHttpOnLoopback ? TransportSecurity.allowPlainHttpOnLoopback() : TransportSecurity.requireTls();
    }

    @Override
    public String toString() {
        return "HttpSettings[connect=" + connectTimeout.toMillis() + " ms, read=" + readTimeout.toMillis() + " ms, trust="
                + trustStore.map(Path::toString).orElse("JVM default") + ", plainHttpOnLoopback=" + plainHttpOnLoopback + "]";
    }
}
