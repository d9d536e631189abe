package org.enachain.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.enachain.core.client.AuthorizationServerMetadata;
import org.enachain.core.client.ClientIdentity;
import org.enachain.core.client.TokenEndpointClient;
import org.enachain.core.client.TokenExchangeRequest;
import org.enachain.core.client.TokenResponse;
import org.enachain.core.client.TokenScheme;
import org.enachain.core.http.JdkHttpTransport;
import org.enachain.core.http.TransportSecurity;
import org.enachain.core.jose.SigningKey;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The token-exchange load comparison of bench/README.md — not part of {@code ./mvnw verify} (excluded in
 * interop/pom.xml); run by {@code bench/run-keycloak.sh}. The same workload against enachain-sts (domain-a on
 * the keycloak-it Liberty server) and Keycloak: API A exchanges a user token for API B with a fresh ES256
 * {@code private_key_jwt} assertion and a DPoP proof per request, 8 requests at a time, alternating rounds, both
 * over HTTPS; besides the rates, each server's own CPU time per exchange.
 */
@ExtendWith(KeycloakExtension.class)
class ExchangeBenchIT {

    private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 8);
    private static final int REQUESTS = Integer.getInteger("bench.requests", 2000);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 5000);
    private static final int ROUNDS = 4;

    private static final String REALM = "ena-bench";
    private static final String KC_APP = "https://app.interop.example";
    private static final String KC_API_A = "https://api-a.interop.example";
    private static final String KC_API_B = "https://api-b.interop.example";

    /** One side of the comparison: a request that exchanges once. */
    private record Side(String name, TokenEndpointClient client, AuthorizationServerMetadata as, ClientIdentity identity,
                        TokenExchangeRequest request) {
        TokenResponse exchange() {
            return client.send(as, identity, request, true);
        }
    }

    private record Result(double perSecond, double p50, double p99, int n, double cpuMsPerExchange) {
    }

    @Test
    @DisplayName("Token exchange throughput: enachain-sts beside Keycloak")
    void compare(KeycloakAdmin keycloak) throws Exception {
        Side sts = enachainSts(keycloak);
        Side kc = keycloak(keycloak);
        assertThat(sts.exchange().scheme()).isEqualTo(TokenScheme.DPOP);
        assertThat(kc.exchange().scheme()).isEqualTo(TokenScheme.DPOP);

        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        try {
            run(pool, sts, WARMUP);
            run(pool, kc, WARMUP);
            List<long[]> stsRounds = new ArrayList<>();
            List<long[]> kcRounds = new ArrayList<>();
            long stsNanos = 0;
            long kcNanos = 0;
            // Each server's own CPU time over its rounds: what an exchange costs the server, whatever the load
            // driver (on the same cores) costs.
            ProcessHandle liberty = libertyProcess();
            Duration stsCpu = Duration.ZERO;
            Duration kcCpu = Duration.ZERO;
            for (int r = 0; r < ROUNDS; r++) {
                Duration c0 = cpu(liberty);
                long t0 = System.nanoTime();
                stsRounds.add(run(pool, sts, REQUESTS / ROUNDS));
                long t1 = System.nanoTime();
                Duration c1 = keycloak.cpuTime();
                stsCpu = stsCpu.plus(cpu(liberty).minus(c0));
                kcRounds.add(run(pool, kc, REQUESTS / ROUNDS));
                long t2 = System.nanoTime();
                kcCpu = kcCpu.plus(keycloak.cpuTime().minus(c1));
                stsNanos += t1 - t0;
                kcNanos += t2 - t1;
            }
            Result s = result(stsRounds, stsNanos, stsCpu);
            Result k = result(kcRounds, kcNanos, kcCpu);
            String table = String.format(Locale.ROOT, """
                    | server | JDK | exchanges/s | p50 (ms) | p99 (ms) | server CPU per exchange (ms) | requests |
                    |---|---|---:|---:|---:|---:|---:|
                    | enachain-sts on Open Liberty | %s | %.0f | %.1f | %.1f | %.2f | %d |
                    | Keycloak %s (dev mode, H2) | %s | %.0f | %.1f | %.1f | %.2f | %d |

                    enachain-sts / Keycloak: **%.1f×** exchanges/s, **%.1f×** less server CPU per exchange (concurrency %d, %d warm-up requests each, %d rounds alternating; load driver on JDK %s, %d cores).
                    """, libertyJdk(), s.perSecond(), s.p50(), s.p99(), s.cpuMsPerExchange(), s.n(),
                    System.getProperty("keycloak.version", "26.7.3"), Jdk21.require().home().getFileName() + " (" + Jdk21.require().feature() + ")",
                    k.perSecond(), k.p50(), k.p99(), k.cpuMsPerExchange(), k.n(), s.perSecond() / k.perSecond(),
                    k.cpuMsPerExchange() / s.cpuMsPerExchange(), CONCURRENCY, WARMUP, ROUNDS, Runtime.version(),
                    Runtime.getRuntime().availableProcessors());
            System.out.println(table);
            Files.writeString(Path.of(System.getProperty("keycloak.log")).resolveSibling("bench-keycloak.md"), table);
        } finally {
            pool.shutdownNow();
        }
    }

    private static long[] run(ExecutorService pool, Side side, int n) throws Exception {
        long[] latencies = new long[n];
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < CONCURRENCY; w++) {
            workers.add(pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < n; ) {
                    long t = System.nanoTime();
                    side.exchange();
                    latencies[i] = System.nanoTime() - t;
                }
                return null;
            }));
        }
        for (Future<?> f : workers) {
            f.get();
        }
        return latencies;
    }

    private static Result result(List<long[]> rounds, long nanos, Duration serverCpu) {
        long[] all = rounds.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(all.length / (nanos / 1e9), all[(int) (all.length * 0.50)] / 1e6,
                all[(int) Math.min(all.length - 1, all.length * 0.99)] / 1e6, all.length,
                serverCpu.toNanos() / 1e6 / all.length);
    }

    /**
     * The JVM of this build's keycloak-it server: {@code <wlp>/bin/tools/ws-server.jar keycloak-it} on its command
     * line, with this build's {@code <wlp>} (another checkout's server of the same name is not it).
     */
    private static ProcessHandle libertyProcess() {
        Path serverDir = Path.of(System.getProperty("interop.server.dir"));
        String launch = serverDir.getParent().getParent().getParent().resolve("bin/tools/ws-server.jar") + " "
                + serverDir.getFileName();
        List<ProcessHandle> found = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(launch)).orElse(false)).toList();
        if (found.size() != 1) {
            throw new IllegalStateException(found.size() + " processes run " + launch + "; expected exactly one");
        }
        return found.get(0);
    }

    private static Duration cpu(ProcessHandle process) {
        return process.info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("The CPU time of process " + process.pid() + " is not readable"));
    }

    private static Side enachainSts(KeycloakAdmin keycloak) throws Exception {
        String issuerA = System.getProperty("interop.sts.base-url") + "/domain-a";
        var trust = keycloak.testTrust();
        String alice = KeycloakCrossDomainIT.aliceAtDomainA(issuerA, trust, "a-read b-read");
        TokenEndpointClient client = TokenEndpointClient.create(JdkHttpTransport.builder().sslContext(trust).build(),
                TransportSecurity.requireTls());
        return new Side("enachain-sts", client, AuthorizationServerMetadata.of(issuerA, URI.create(issuerA + "/token")),
                ClientIdentity.builder("https://api-a.enachain.test", KeycloakCrossDomainIT.itKey("api-a.jwks", "api-a-it"))
                        .dpopKey(SigningKey.generateEs256()).build(),
                TokenExchangeRequest.intraDomain(alice).audience("https://api-b.enachain.test").scope("b-read").build());
    }

    private static Side keycloak(KeycloakAdmin keycloak) {
        keycloak.createRealm(REALM, Map.of());
        String password = TestSecrets.password();
        keycloak.createUser(REALM, "alice", password);
        keycloak.createClient(REALM, Map.of("clientId", KC_API_B, "publicClient", false, "standardFlowEnabled", false,
                "directAccessGrantsEnabled", false));
        SigningKey assertionKey = SigningKey.generateEs256();
        Map<String, Object> jwk = new LinkedHashMap<>(assertionKey.publicJwk());
        jwk.put("use", "sig");
        jwk.put("alg", "ES256");
        String apiA = keycloak.createClient(REALM, Map.of("clientId", KC_API_A, "publicClient", false,
                "standardFlowEnabled", false, "directAccessGrantsEnabled", false,
                "clientAuthenticatorType", "client-jwt",
                "attributes", Map.of("use.jwks.string", "true",
                        "jwks.string", JsonUtil.toJson(Map.of("keys", List.of(jwk))),
                        "token.endpoint.auth.signing.alg", "ES256",
                        "standard.token.exchange.enabled", "true",
                        "access.token.header.type.rfc9068", "true")));
        keycloak.addMapper(REALM, apiA, KeycloakAdmin.clientIdClaimMapper(KC_API_A));
        keycloak.addMapper(REALM, apiA, KeycloakAdmin.clientAudienceMapper(KC_API_B));
        String app = keycloak.createClient(REALM, Map.of("clientId", KC_APP, "publicClient", true,
                "directAccessGrantsEnabled", true, "standardFlowEnabled", false,
                "attributes", Map.of("access.token.header.type.rfc9068", "true")));
        keycloak.addMapper(REALM, app, KeycloakAdmin.clientIdClaimMapper(KC_APP));
        keycloak.addMapper(REALM, app, KeycloakAdmin.clientAudienceMapper(KC_API_A));
        // Over HTTPS, like enachain-sts: the same TLS work on both sides.
        String user = keycloak.httpsUserToken(REALM, KC_APP, "alice", password);
        String issuer = keycloak.httpsIssuer(REALM);
        return new Side("Keycloak", TokenEndpointClient.create(
                JdkHttpTransport.builder().sslContext(keycloak.testTrust()).build(), TransportSecurity.requireTls()),
                AuthorizationServerMetadata.of(issuer, URI.create(issuer + "/protocol/openid-connect/token")),
                ClientIdentity.builder(KC_API_A, assertionKey).dpopKey(SigningKey.generateEs256()).build(),
                TokenExchangeRequest.intraDomain(user).audience(KC_API_B).build());
    }

    /** The JVM Liberty runs on, from its messages.log header. */
    private static String libertyJdk() {
        try {
            Path log = Path.of(System.getProperty("interop.liberty.keystore")).getParent().getParent().getParent()
                    .resolve("logs/messages.log");
            Matcher m = Pattern.compile("java\\.runtime = (.*)").matcher(Files.readString(log));
            return m.find() ? m.group(1).strip() : "unknown";
        } catch (Exception e) {
            return "unknown";
        }
    }
}
