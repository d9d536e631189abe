package org.enachain.sts.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.enachain.core.Identifiers;
import org.enachain.core.http.TransportSecurity;
import org.enachain.core.jose.RemoteJwksSource;
import org.enachain.core.replay.InMemoryReplayStore;
import org.enachain.sts.engine.Tenant;
import org.enachain.sts.tenant.TenantLoader;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The tenants of this deployment, loaded once at start from MicroProfile Config:
 * {@code enachain.sts.base-url} (the external https base, A-28) and {@code enachain.sts.policy-dir}.
 * A wrong base URL or a missing directory stops the application with a message naming the key.
 */
@ApplicationScoped
public class StsDeployment {

    static final String BASE_URL = "enachain.sts.base-url";
    static final String POLICY_DIR = "enachain.sts.policy-dir";
    static final String INSECURE_LOOPBACK_JWKS = "enachain.sts.insecure-loopback-jwks";

    @Inject
    @ConfigProperty(name = BASE_URL)
    String baseUrl;

    @Inject
    @ConfigProperty(name = POLICY_DIR)
    String policyDir;

    @Inject
    @ConfigProperty(name = INSECURE_LOOPBACK_JWKS, defaultValue = "false")
    boolean insecureLoopbackJwks;

    private volatile TenantLoader.Loaded loaded;

    void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
        tenants();
    }

    private TenantLoader.Loaded tenants() {
        TenantLoader.Loaded current = loaded;
        return current != null ? current : load();
    }

    private synchronized TenantLoader.Loaded load() {
        if (loaded == null) {
            try {
                Identifiers.checkIssuer(baseUrl);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(BASE_URL + ": " + e.getMessage()
                        + " (set it to the https URL this application is reached at, e.g. https://host:9443/sts)");
            }
            Path dir = Path.of(policyDir);
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException(POLICY_DIR + ": '" + policyDir + "' is not a directory (it must hold"
                        + " one <tenant>.json policy file per issuer)");
            }
            TransportSecurity security = insecureLoopbackJwks ? TransportSecurity.allowPlainHttpOnLoopback()
                    : TransportSecurity.requireTls();
            Clock clock = Clock.systemUTC();
            try {
                loaded = TenantLoader.load(dir, baseUrl, clock,
                        () -> new InMemoryReplayStore(InMemoryReplayStore.DEFAULT_CAPACITY, clock),
                        uri -> RemoteJwksSource.builder(uri).clock(clock).transportSecurity(security).build());
            } catch (IOException e) {
                throw new IllegalStateException(POLICY_DIR + ": cannot read '" + policyDir + "': " + e.getMessage());
            }
        }
        return loaded;
    }

    Optional<Tenant> tenant(String name) {
        return Optional.ofNullable(tenants().tenants().get(name));
    }

    Optional<List<String>> failure(String name) {
        return Optional.ofNullable(tenants().failures().get(name));
    }

}
