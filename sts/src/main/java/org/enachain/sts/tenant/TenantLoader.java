package org.enachain.sts.tenant;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

import org.enachain.core.jose.JwksSource;
import org.enachain.core.jose.SigningKey;
import org.enachain.core.jose.VerificationKeys;
import org.enachain.core.replay.ReplayStore;
import org.enachain.sts.engine.Tenant;
import org.enachain.sts.policy.PolicyException;
import org.enachain.sts.policy.PolicyFile;
import org.enachain.sts.policy.TenantPolicy;

/**
 * Builds the tenants of one deployment from a directory of policy files ({@code <tenant>.json}).
 * A bad file stops that tenant only, with every problem logged by field; the others start. A tenant
 * that trusts another tenant of the same deployment (its JWK Set URL is that tenant's) reads its
 * keys in-process instead of over HTTP.
 */
public final class TenantLoader {

    /** {@code ${base-url}} in a policy file stands for the deployment's base URL. */
    public static final String BASE_URL_VARIABLE = "base-url";

    private static final Logger LOG = System.getLogger(TenantLoader.class.getName());

    /** The tenants that started, and the problems of those that did not. */
    public record Loaded(Map<String, Tenant> tenants, Map<String, List<String>> failures) {
        public Loaded {
            tenants = Map.copyOf(tenants);
            failures = Map.copyOf(failures);
        }
    }

    private TenantLoader() {
    }

    /**
     * @param baseUrl    the external base URL; a tenant's issuer is {@code baseUrl + "/" + name}
     * @param replayStores makes each tenant's own replay store, so one busy tenant cannot fill another's
     * @param remoteKeys how a JWK Set URL outside this deployment becomes a key source
     */
    public static Loaded load(Path policyDirectory, String baseUrl, Clock clock, Supplier<ReplayStore> replayStores,
                              Function<URI, JwksSource> remoteKeys) throws IOException {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        Map<String, List<String>> failures = new TreeMap<>();
        Map<String, TenantPolicy> policies = new TreeMap<>();
        Map<String, List<SigningKey>> keys = new LinkedHashMap<>();
        Map<String, byte[]> pseudonymKeys = new LinkedHashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(policyDirectory, "*.json")) {
            for (Path file : files) {
                String name = file.getFileName().toString().replaceFirst("\\.json$", "");
                try {
                    TenantPolicy policy = PolicyFile.read(file, Map.of(BASE_URL_VARIABLE, base));
                    keys.put(name, KeyFiles.signingKeys(policy.signingKeys()));
                    pseudonymKeys.put(name, KeyFiles.pseudonymKey(policy.signingKeys()));
                    policies.put(name, policy);
                } catch (PolicyException e) {
                    failures.put(name, e.problems());
                } catch (IOException | IllegalArgumentException e) {
                    failures.put(name, List.of(e.getMessage()));
                }
            }
        }
        Map<String, VerificationKeys> localJwks = new LinkedHashMap<>();
        keys.forEach((name, k) -> localJwks.put(base + "/" + name + "/jwks", VerificationKeys.of(k.toArray(SigningKey[]::new))));
        Function<URI, JwksSource> resolver = uri -> {
            VerificationKeys local = localJwks.get(uri.toString());
            return local != null ? local : remoteKeys.apply(uri);
        };

        Map<String, Tenant> tenants = new LinkedHashMap<>();
        for (Map.Entry<String, TenantPolicy> e : policies.entrySet()) {
            String name = e.getKey();
            try {
                tenants.put(name, Tenant.builder(e.getValue(), base + "/" + name).signingKeys(keys.get(name))
                        .pseudonymKey(pseudonymKeys.get(name)).clock(clock).replayStore(replayStores.get())
                        .remoteKeys(resolver).build());
                LOG.log(Level.INFO, "ENAS1002I Tenant {0} started: issuer {1}", name, base + "/" + name);
            } catch (IllegalArgumentException | IllegalStateException ex) {
                failures.put(name, List.of(ex.getMessage()));
            }
        }
        failures.forEach((name, problems) -> LOG.log(Level.ERROR, "ENAS1001E Tenant {0} did not start:\n  {1}", name,
                String.join("\n  ", new ArrayList<>(problems))));
        if (tenants.isEmpty() && failures.isEmpty()) {
            LOG.log(Level.WARNING, "ENAS1003W No policy file (*.json) in {0}: no tenant started", policyDirectory);
        }
        return new Loaded(tenants, failures);
    }
}
