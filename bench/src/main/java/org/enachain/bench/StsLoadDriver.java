package org.enachain.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.enachain.core.client.AuthorizationServerDiscovery;
import org.enachain.core.client.AuthorizationServerMetadata;
import org.enachain.core.client.ClientIdentity;
import org.enachain.core.dpop.DpopProofFactory;
import org.enachain.core.http.HttpTransport;
import org.enachain.core.http.JdkHttpTransport;
import org.enachain.core.jose.SigningKey;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * A load driver for enachain-sts running on Liberty: a fixed number of threads send intra-domain token
 * exchanges (API A exchanges alice's access token for API B, {@code private_key_jwt} + DPoP) over HTTPS
 * to {@code domain-a}, and the driver reports exchanges per second and the latency distribution.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.enachain.bench.StsLoadDriver \
 *     --base-url https://127.0.0.1:29443/sts --keystore .../resources/security/key.p12 \
 *     [--keystore-password enachain-dev-only] [--concurrency 8] [--warmup 500] [--requests 2000]
 *     [--round 1000] [--subjects 200] [--timeout-seconds 30]
 *     [--server-pid PID] [--server-java "25.0.3 (OpenJDK ...)"] [--quiet-machine "yes (...)"]
 *     [--out bench/results/sts-load-jdk25.json]
 * </pre>
 *
 * <p><b>What is timed.</b> Each request's latency is {@link System#nanoTime} around
 * {@link HttpTransport#send} of enachain-core's {@link JdkHttpTransport} (the JDK {@code HttpClient},
 * HTTP/1.1, keep-alive, trusting only the server's certificate): from handing over a ready request to
 * having the whole answer. Every request carries a fresh client assertion and a fresh DPoP proof, made
 * with enachain-core's client code ({@link ClientIdentity#newClientAssertion},
 * {@link DpopProofFactory#forTokenRequest}) <em>before</em> its round starts: the requests run in
 * rounds (default {@value #DEFAULT_ROUND}); between rounds, with no request in flight, the driver
 * threads make the next round's requests; then all threads send them as fast as they are answered.
 * Exchanges per second is the number of successful measured requests over the summed wall time of
 * the measured rounds, so neither the driver's signatures nor its bookkeeping is in any number, and the server's
 * CPU is not shared with the driver's signing either. The answer's check (status 200, a DPoP token) is
 * done after the clock stops. Latency percentiles (nearest rank) are over the successful requests;
 * failures are counted, and the first few described, in the report.
 *
 * <p><b>Subject tokens.</b> Alice logs in once through the login form (authorization code + PKCE, as
 * the integration tests do); the app then refreshes {@code --subjects} times, each refresh giving a new
 * access token. Request {@code i} uses subject token {@code i mod subjects}; the pool is renewed between
 * rounds when it is older than three minutes (tokens live five).
 *
 * <p><b>CPU.</b> With {@code --server-pid}, the CPU time of the server process (and of its threads,
 * grouped by name), of the driver and of the whole machine ({@code /proc/stat}) is read before and
 * after each measured round (Linux), so the report can say where the time went.
 *
 * <p>The output is one JSON document ({@code --out}); a summary goes to standard output. The process
 * exits with 1 when nothing succeeded or the setup failed.
 */
public final class StsLoadDriver {

    static final int DEFAULT_ROUND = 1000;
    private static final Duration SUBJECT_RENEWAL = Duration.ofMinutes(3);
    private static final int ERROR_SAMPLES = 5;

    private final Options options;
    private final HttpTransport transport;
    private final AuthorizationServerMetadata metadata;
    private final ClientIdentity app;
    private final ClientIdentity apiA;
    private final DpopProofFactory dpop;
    private final ExecutorService threads;
    private final CpuProbe probe;

    private String refreshToken;
    private List<String> subjects;
    private Instant subjectsMadeAt;

    private StsLoadDriver(Options options, SSLContext ssl) {
        this.options = options;
        this.transport = JdkHttpTransport.builder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(options.timeoutSeconds)).build();
        this.metadata = AuthorizationServerDiscovery.builder().transport(transport).build().discover(options.issuer());
        this.app = ClientIdentity.builder(StsDev.APP, StsDev.clientKey("app")).build();
        this.apiA = ClientIdentity.builder(StsDev.API_A, StsDev.clientKey("api-a")).dpopKey(SigningKey.generateEs256())
                .build();
        this.dpop = apiA.dpop().orElseThrow();
        this.threads = Executors.newFixedThreadPool(options.concurrency, r -> {
            Thread t = new Thread(r, "sts-load");
            t.setDaemon(true);
            return t;
        });
        this.probe = new CpuProbe(options.serverPid);
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        double[] loadAtStart = loadAverage();
        StsLoadDriver driver = new StsLoadDriver(options, trustOnly(options.keystore, options.keystorePassword));
        Map<String, Object> report;
        try {
            report = driver.run(loadAtStart);
        } finally {
            driver.threads.shutdownNow();
        }
        Files.createDirectories(options.out.toAbsolutePath().getParent());
        Files.writeString(options.out, Json.pretty(report) + "\n", StandardCharsets.UTF_8);
        System.out.println("Wrote " + options.out);
        @SuppressWarnings("unchecked")
        Map<String, Object> results = (Map<String, Object>) report.get("results");
        if (((Number) results.get("succeeded")).longValue() == 0) {
            System.exit(1);
        }
    }

    // ------------------------------------------------------------------ the run

    private Map<String, Object> run(double[] loadAtStart) throws Exception {
        System.out.printf(Locale.ROOT, "Driver on JDK %s; server %s%s; concurrency %d, warm-up %d, measured %d"
                        + " (rounds of %d), %d subject tokens%n", Runtime.version(), options.issuer(),
                options.serverJava == null ? "" : " on JDK " + options.serverJava, options.concurrency,
                options.warmup, options.requests, options.round, options.subjects);
        refreshToken = login();
        makeSubjects();
        checkOneExchange();

        Outcome warmup = new Outcome(options.warmup);
        runRounds(warmup, false);
        System.out.printf(Locale.ROOT, "Warm-up: %d requests, %d errors%n", options.warmup, warmup.errors.get());

        double[] loadAtMeasurement = loadAverage();
        Outcome measured = new Outcome(options.requests);
        runRounds(measured, true);
        double[] loadAtEnd = loadAverage();

        return report(measured, warmup, loadAtStart, loadAtMeasurement, loadAtEnd);
    }

    /** Runs {@code outcome}'s requests in rounds; with {@code measure}, samples CPU around each round. */
    private void runRounds(Outcome outcome, boolean measure) throws Exception {
        for (int start = 0; start < outcome.latencies.length; start += options.round) {
            int end = Math.min(outcome.latencies.length, start + options.round);
            if (Duration.between(subjectsMadeAt, Instant.now()).compareTo(SUBJECT_RENEWAL) > 0) {
                makeSubjects();
            }
            HttpTransport.Request[] requests = prepare(start, end);
            CpuProbe.Sample before = measure ? probe.sample() : null;
            long began = System.nanoTime();
            send(requests, start, outcome);
            long ended = System.nanoTime();
            if (measure) {
                probe.add(before, probe.sample());
            }
            outcome.wallNanos += ended - began;
        }
    }

    /** The requests {@code start} (inclusive) to {@code end}, made by all threads in parallel, untimed. */
    private HttpTransport.Request[] prepare(int start, int end) throws Exception {
        HttpTransport.Request[] requests = new HttpTransport.Request[end - start];
        List<Callable<Void>> makers = new ArrayList<>();
        for (int t = 0; t < options.concurrency; t++) {
            int first = t;
            makers.add(() -> {
                for (int i = first; i < requests.length; i += options.concurrency) {
                    requests[i] = exchangeRequest(subjects.get((start + i) % subjects.size()));
                }
                return null;
            });
        }
        all(threads.invokeAll(makers));
        return requests;
    }

    private HttpTransport.Request exchangeRequest(String subject) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        headers.put("Accept", "application/json");
        headers.put("DPoP", dpop.forTokenRequest("POST", metadata.tokenEndpoint()));
        return HttpTransport.Request.postForm(metadata.tokenEndpoint(), headers,
                StsDev.exchangeForm(subject, apiA.newClientAssertion(metadata)));
    }

    /** All threads send the round's requests, each taking the next unsent one, until none is left. */
    private void send(HttpTransport.Request[] requests, int offset, Outcome outcome) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Callable<Void>> senders = new ArrayList<>();
        for (int t = 0; t < options.concurrency; t++) {
            senders.add(() -> {
                int i;
                while ((i = next.getAndIncrement()) < requests.length) {
                    HttpTransport.Response response = null;
                    IOException failure = null;
                    long t0 = System.nanoTime();
                    try {
                        response = transport.send(requests[i]);
                    } catch (IOException e) {
                        failure = e;
                    }
                    long t1 = System.nanoTime();
                    outcome.record(offset + i, t1 - t0, response, failure);
                }
                return null;
            });
        }
        all(threads.invokeAll(senders));
    }

    private static void all(List<Future<Void>> futures) throws Exception {
        for (Future<Void> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception ex ? ex : e;
            }
        }
    }

    // ------------------------------------------------------------------ subject tokens, as the ITs get them

    /** Alice logs in at the app through the login form; returns the app's refresh token. */
    private String login() throws IOException {
        String authorize = options.issuer() + "/authorize";
        HttpTransport.Response page = transport.send(HttpTransport.Request.get(
                URI.create(authorize + "?" + StsDev.form(StsDev.authorizeParameters(false))), Map.of()));
        if (page.status() != 200 || !page.bodyAsUtf8().contains("<form")) {
            throw new IllegalStateException("No login form at " + authorize + ": HTTP " + page.status());
        }
        HttpTransport.Response submitted = transport.send(HttpTransport.Request.postForm(URI.create(authorize),
                Map.of("Content-Type", "application/x-www-form-urlencoded"),
                StsDev.form(StsDev.authorizeParameters(true))));
        String location = submitted.firstHeader("Location").orElseThrow(() -> new IllegalStateException(
                "The login was refused: HTTP " + submitted.status()));
        String code = StsDev.query(URI.create(location)).get("code");
        return (String) appToken(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", StsDev.REDIRECT, "code_verifier", StsDev.VERIFIER)).get("refresh_token");
    }

    /** {@code --subjects} distinct access tokens of alice for API A: one refresh each (the refresh token rotates). */
    private void makeSubjects() throws IOException {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < options.subjects; i++) {
            Map<String, Object> tokens = appToken(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
            refreshToken = (String) tokens.get("refresh_token");
            made.add((String) tokens.get("access_token"));
        }
        subjects = List.copyOf(made);
        subjectsMadeAt = Instant.now();
    }

    private Map<String, Object> appToken(Map<String, String> grant) throws IOException {
        Map<String, String> form = new LinkedHashMap<>(grant);
        form.put("client_id", StsDev.APP);
        form.put("client_assertion_type", StsDev.ASSERTION_TYPE);
        form.put("client_assertion", app.newClientAssertion(metadata));
        HttpTransport.Response response = transport.send(HttpTransport.Request.postForm(metadata.tokenEndpoint(),
                Map.of("Content-Type", "application/x-www-form-urlencoded"), StsDev.form(form)));
        if (response.status() != 200) {
            throw new IllegalStateException("The app's " + grant.get("grant_type") + " request was refused: HTTP "
                    + response.status() + " " + response.bodyAsUtf8());
        }
        return json(response.bodyAsUtf8());
    }

    /** One exchange, checked in full: a DPoP-bound token for API B, acting for alice through API A. */
    private void checkOneExchange() throws IOException {
        HttpTransport.Response response = transport.send(exchangeRequest(subjects.get(0)));
        Map<String, Object> body = json(response.bodyAsUtf8());
        if (response.status() != 200 || !"DPoP".equals(body.get("token_type"))) {
            throw new IllegalStateException("The exchange does not work: HTTP " + response.status() + " " + body);
        }
        String token = (String) body.get("access_token");
        Map<String, Object> claims = json(new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                StandardCharsets.UTF_8));
        Object aud = claims.get("aud");
        Object cnf = claims.get("cnf");
        if (!(aud instanceof List<?> audiences && audiences.contains(StsDev.API_B))
                || !StsDev.API_A.equals(claims.get("client_id"))
                || !(cnf instanceof Map<?, ?> c && dpop.thumbprint().value().equals(c.get("jkt")))) {
            throw new IllegalStateException("The exchanged token is not what was asked for: " + claims);
        }
    }

    private static Map<String, Object> json(String text) {
        try {
            return JsonUtil.parseJson(text);
        } catch (JoseException e) {
            throw new IllegalStateException("Not a JSON object: " + text, e);
        }
    }

    // ------------------------------------------------------------------ the report

    private Map<String, Object> report(Outcome measured, Outcome warmup, double[] loadAtStart,
                                       double[] loadAtMeasurement, double[] loadAtEnd) {
        long[] ok = measured.successfulLatencies();
        Arrays.sort(ok);
        double seconds = measured.wallNanos / 1e9;
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("measuredRequests", options.requests);
        results.put("succeeded", ok.length);
        results.put("errors", measured.errors.get());
        results.put("measuredSeconds", round(seconds, 3));
        results.put("exchangesPerSecond", round(ok.length / seconds, 1)); // successful ones
        results.put("meanMs", round(ok.length == 0 ? Double.NaN : Arrays.stream(ok).average().orElse(0) / 1e6, 2));
        results.put("p50Ms", millis(percentile(ok, 50)));
        results.put("p90Ms", millis(percentile(ok, 90)));
        results.put("p99Ms", millis(percentile(ok, 99)));
        results.put("maxMs", millis(ok.length == 0 ? -1 : ok[ok.length - 1]));
        results.put("errorSamples", List.copyOf(measured.errorSamples));
        results.put("warmupErrors", warmup.errors.get());

        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("javaVersion", Runtime.version().toString());
        driver.put("vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        driver.put("javaHome", System.getProperty("java.home"));

        Map<String, Object> server = new LinkedHashMap<>();
        server.put("issuer", options.issuer());
        server.put("javaVersion", options.serverJava);
        server.put("pid", options.serverPid);

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmark", "sts-load");
        report.put("description", "Intra-domain token exchange at domain-a over HTTPS: API A exchanges alice's access"
                + " token for API B (scope b-read), private_key_jwt + DPoP, a fresh client assertion and DPoP proof"
                + " per request");
        report.put("date", Instant.now().toString());
        report.put("cores", Runtime.getRuntime().availableProcessors());
        report.put("concurrency", options.concurrency);
        report.put("warmupRequests", options.warmup);
        report.put("roundSize", options.round);
        report.put("subjectTokens", options.subjects);
        report.put("driver", driver);
        report.put("server", server);
        report.put("results", results);
        report.put("cpu", probe.report(options.requests, seconds));
        Map<String, Object> load = new LinkedHashMap<>();
        load.put("atStart", toList(loadAtStart));
        load.put("atMeasurementStart", toList(loadAtMeasurement));
        load.put("atEnd", toList(loadAtEnd));
        report.put("loadAverage", load);
        if (options.quietMachine != null) {
            report.put("waitedForQuietMachine", options.quietMachine);
        }

        System.out.printf(Locale.ROOT, "Measured: %d requests in %.2f s: %.1f exchanges/s; p50 %s ms, p90 %s ms,"
                        + " p99 %s ms, max %s ms; %d errors%n", options.requests, seconds, ok.length / seconds,
                results.get("p50Ms"), results.get("p90Ms"), results.get("p99Ms"), results.get("maxMs"),
                measured.errors.get());
        System.out.println("CPU: " + report.get("cpu"));
        System.out.println("Load average at start " + load.get("atStart") + ", at the end " + load.get("atEnd"));
        return report;
    }

    /** Nearest rank; -1 for no data. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static Object millis(long nanos) {
        return nanos < 0 ? null : round(nanos / 1e6, 2);
    }

    static double round(double v, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(v * scale) / scale;
    }

    private static List<Double> toList(double[] values) {
        List<Double> list = new ArrayList<>();
        for (double v : values) {
            list.add(v);
        }
        return list;
    }

    /** The 1, 5 and 15 minute load averages (empty where {@code /proc/loadavg} is missing). */
    static double[] loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2])};
        } catch (IOException | RuntimeException e) {
            return new double[0];
        }
    }

    /** Trusts exactly the certificates of the server's keystore (Liberty's self-signed one). */
    static SSLContext trustOnly(Path keystore, char[] password) throws IOException, GeneralSecurityException {
        KeyStore serverKeys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            serverKeys.load(in, password);
        }
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        for (String alias : Collections.list(serverKeys.aliases())) {
            Certificate certificate = serverKeys.getCertificate(alias);
            if (certificate != null) {
                trusted.setCertificateEntry(alias, certificate);
            }
        }
        if (trusted.size() == 0) {
            throw new IllegalStateException("No certificate in " + keystore);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    // ------------------------------------------------------------------ bookkeeping

    /** The latencies and errors of one phase; every slot is written by exactly one thread. */
    private static final class Outcome {
        final long[] latencies;
        final boolean[] succeeded;
        final AtomicInteger errors = new AtomicInteger();
        final List<String> errorSamples = Collections.synchronizedList(new ArrayList<>());
        long wallNanos;

        Outcome(int requests) {
            latencies = new long[requests];
            succeeded = new boolean[requests];
        }

        void record(int i, long nanos, HttpTransport.Response response, IOException failure) {
            latencies[i] = nanos;
            if (failure == null && response.status() == 200) {
                String body = response.bodyAsUtf8();
                if (body.contains("\"token_type\":\"DPoP\"") && body.contains("\"access_token\":\"")) {
                    succeeded[i] = true;
                    return;
                }
            }
            errors.incrementAndGet();
            if (errorSamples.size() < ERROR_SAMPLES) {
                errorSamples.add(failure != null ? failure.toString()
                        : "HTTP " + response.status() + " " + abbreviate(response.bodyAsUtf8()));
            }
        }

        long[] successfulLatencies() {
            return java.util.stream.IntStream.range(0, latencies.length).filter(i -> succeeded[i])
                    .mapToLong(i -> latencies[i]).toArray();
        }

        private static String abbreviate(String s) {
            return s.length() <= 300 ? s : s.substring(0, 300) + "…";
        }
    }

    /**
     * CPU time of the server process (total and per thread-name group), of this driver and of the
     * whole machine, summed over the measured rounds. Linux {@code /proc} only; without it (or without
     * a server pid) the parts it cannot see are left out.
     */
    static final class CpuProbe {
        private final Long serverPid;
        private final long ticksPerSecond;
        private long serverNanos;
        private long driverNanos;
        private long machineBusyTicks;
        private long machineTotalTicks;
        private final Map<String, Long> serverThreadTicks = new TreeMap<>();
        private boolean serverSeen = true;
        private boolean machineSeen = true;

        record Sample(long serverNanos, long driverNanos, long[] machine, Map<Long, ThreadTicks> threads) {
        }

        record ThreadTicks(String group, long ticks) {
        }

        CpuProbe(Long serverPid) {
            this.serverPid = serverPid;
            this.ticksPerSecond = clockTicks();
        }

        Sample sample() {
            long server = -1;
            Map<Long, ThreadTicks> threads = Map.of();
            if (serverPid != null) {
                server = ProcessHandle.of(serverPid).flatMap(p -> p.info().totalCpuDuration())
                        .map(Duration::toNanos).orElse(-1L);
                threads = threadTicks(serverPid);
            }
            long driver = ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
            return new Sample(server, driver, machineTicks(), threads);
        }

        void add(Sample before, Sample after) {
            if (before.serverNanos < 0 || after.serverNanos < 0) {
                serverSeen = false;
            }
            serverNanos += after.serverNanos - before.serverNanos;
            driverNanos += after.driverNanos - before.driverNanos;
            if (before.machine.length == 2 && after.machine.length == 2) {
                machineBusyTicks += after.machine[0] - before.machine[0];
                machineTotalTicks += after.machine[1] - before.machine[1];
            } else {
                machineSeen = false;
            }
            after.threads.forEach((tid, t) -> {
                ThreadTicks earlier = before.threads.get(tid);
                long delta = t.ticks - (earlier == null ? 0 : earlier.ticks);
                serverThreadTicks.merge(t.group, delta, Long::sum);
            });
        }

        Map<String, Object> report(int requests, double seconds) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("note", "CPU time summed over the measured rounds only (not the untimed request making between"
                    + " them); ms per exchange = CPU time / measured requests");
            m.put("driverCpuSeconds", round(driverNanos / 1e9, 3));
            m.put("driverMsPerExchange", round(driverNanos / 1e6 / requests, 3));
            if (serverPid != null && serverSeen) {
                m.put("serverCpuSeconds", round(serverNanos / 1e9, 3));
                m.put("serverMsPerExchange", round(serverNanos / 1e6 / requests, 3));
                m.put("serverCoresBusy", round(serverNanos / 1e9 / seconds, 2));
                List<Map.Entry<String, Long>> groups = new ArrayList<>(serverThreadTicks.entrySet());
                groups.removeIf(e -> e.getValue() <= 0);
                groups.sort(Map.Entry.<String, Long>comparingByValue().reversed());
                Map<String, Object> byThread = new LinkedHashMap<>();
                for (Map.Entry<String, Long> e : groups) {
                    byThread.put(e.getKey(), round(e.getValue() / (double) ticksPerSecond, 2));
                }
                m.put("serverCpuSecondsByThreadGroup", byThread);
            }
            if (machineSeen && machineTotalTicks > 0) {
                double busyCores = (double) machineBusyTicks / machineTotalTicks * Runtime.getRuntime().availableProcessors();
                m.put("machineCoresBusy", round(busyCores, 2));
                double otherSeconds = machineBusyTicks / (double) ticksPerSecond - driverNanos / 1e9
                        - (serverPid != null && serverSeen ? serverNanos / 1e9 : 0);
                m.put("otherProcessesCpuSeconds", round(Math.max(0, otherSeconds), 2));
            }
            return m;
        }

        /** Busy and total jiffies of all CPUs from {@code /proc/stat}; empty when unreadable. */
        private static long[] machineTicks() {
            try {
                String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
                String[] f = cpu.trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < Math.min(f.length, 9); i++) { // user nice system idle iowait irq softirq steal
                    total += Long.parseLong(f[i]);
                }
                long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
                return new long[] {total - idle, total};
            } catch (IOException | RuntimeException e) {
                return new long[0];
            }
        }

        /** utime + stime of every thread of {@code pid}, with its name made into a group (digits dropped). */
        private static Map<Long, ThreadTicks> threadTicks(long pid) {
            Map<Long, ThreadTicks> threads = new LinkedHashMap<>();
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
                for (Path task : tasks) {
                    try {
                        String stat = Files.readString(task.resolve("stat"));
                        int open = stat.indexOf('(');
                        int close = stat.lastIndexOf(')');
                        String name = stat.substring(open + 1, close);
                        String[] rest = stat.substring(close + 2).split(" ");
                        // after "(comm) ": state is field 3, so utime (14) and stime (15) are rest[11] and rest[12]
                        long ticks = Long.parseLong(rest[11]) + Long.parseLong(rest[12]);
                        threads.put(Long.parseLong(task.getFileName().toString()), new ThreadTicks(group(name), ticks));
                    } catch (IOException | RuntimeException e) {
                        // the thread ended meanwhile
                    }
                }
            } catch (IOException e) {
                return Map.of();
            }
            return threads;
        }

        static String group(String threadName) {
            return threadName.replaceAll("[0-9]+", "#").replaceAll("[-#_ ]+$", "").strip();
        }

        private static long clockTicks() {
            try {
                Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
                p.waitFor();
                return Long.parseLong(out);
            } catch (IOException | RuntimeException e) {
                return 100;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 100;
            }
        }
    }

    // ------------------------------------------------------------------ options

    static final class Options {
        static final String USAGE = "Usage: StsLoadDriver --base-url https://127.0.0.1:PORT/sts --keystore key.p12"
                + " [--keystore-password P] [--concurrency 8] [--warmup 500] [--requests 2000] [--round "
                + DEFAULT_ROUND + "] [--subjects 200] [--timeout-seconds 30] [--server-pid PID]"
                + " [--server-java VERSION] [--quiet-machine TEXT] [--out FILE.json]";

        String baseUrl;
        Path keystore;
        char[] keystorePassword = "enachain-dev-only".toCharArray();
        int concurrency = 8;
        int warmup = 500;
        int requests = 2000;
        int round = DEFAULT_ROUND;
        int subjects = 200;
        int timeoutSeconds = 30;
        Long serverPid;
        String serverJava;
        String quietMachine;
        Path out;

        String issuer() {
            return baseUrl + "/" + StsDev.TENANT;
        }

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("No value for " + name);
                }
                String value = args[++i];
                switch (name) {
                    case "--base-url" -> o.baseUrl = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
                    case "--keystore" -> o.keystore = Path.of(value);
                    case "--keystore-password" -> o.keystorePassword = value.toCharArray();
                    case "--concurrency" -> o.concurrency = positive(name, value);
                    case "--warmup" -> o.warmup = Integer.parseInt(value);
                    case "--requests" -> o.requests = positive(name, value);
                    case "--round" -> o.round = positive(name, value);
                    case "--subjects" -> o.subjects = positive(name, value);
                    case "--timeout-seconds" -> o.timeoutSeconds = positive(name, value);
                    case "--server-pid" -> o.serverPid = Long.parseLong(value);
                    case "--server-java" -> o.serverJava = value;
                    case "--quiet-machine" -> o.quietMachine = value;
                    case "--out" -> o.out = Path.of(value);
                    default -> throw new IllegalArgumentException("Unknown option " + name);
                }
            }
            if (o.baseUrl == null || o.keystore == null) {
                throw new IllegalArgumentException("--base-url and --keystore are required");
            }
            if (o.warmup < 0) {
                throw new IllegalArgumentException("--warmup must not be negative");
            }
            if (o.out == null) {
                String major = o.serverJava == null ? "unknown" : o.serverJava.split("[^0-9]", 2)[0];
                o.out = Path.of("bench", "results", "sts-load-jdk" + major + ".json");
            }
            return o;
        }

        private static int positive(String name, String value) {
            int n = Integer.parseInt(value);
            if (n < 1) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return n;
        }
    }

    // ------------------------------------------------------------------ JSON out

    /** Indented JSON of maps, lists, strings, numbers, booleans and nulls (jose4j writes one line). */
    static final class Json {
        private Json() {
        }

        static String pretty(Object value) {
            StringBuilder sb = new StringBuilder();
            write(sb, value, "");
            return sb.toString();
        }

        private static void write(StringBuilder sb, Object value, String indent) {
            if (value instanceof Map<?, ?> map) {
                if (map.isEmpty()) {
                    sb.append("{}");
                    return;
                }
                sb.append("{\n");
                int n = 0;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    sb.append(indent).append("  ").append(quote(String.valueOf(e.getKey()))).append(": ");
                    write(sb, e.getValue(), indent + "  ");
                    sb.append(++n < map.size() ? ",\n" : "\n");
                }
                sb.append(indent).append('}');
            } else if (value instanceof List<?> list) {
                if (list.isEmpty()) {
                    sb.append("[]");
                    return;
                }
                boolean simple = list.stream().allMatch(v -> v instanceof Number || v instanceof Boolean);
                if (simple) {
                    sb.append('[');
                    for (int i = 0; i < list.size(); i++) {
                        sb.append(i == 0 ? "" : ", ");
                        write(sb, list.get(i), indent);
                    }
                    sb.append(']');
                    return;
                }
                sb.append("[\n");
                for (int i = 0; i < list.size(); i++) {
                    sb.append(indent).append("  ");
                    write(sb, list.get(i), indent + "  ");
                    sb.append(i + 1 < list.size() ? ",\n" : "\n");
                }
                sb.append(indent).append(']');
            } else if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
                sb.append("null");
            } else if (value == null || value instanceof Number || value instanceof Boolean) {
                sb.append(value);
            } else {
                sb.append(quote(value.toString()));
            }
        }

        /** A JSON string literal, escaped as jose4j escapes it. */
        private static String quote(String s) {
            String json = JsonUtil.toJson(Map.of("k", s));
            return json.substring("{\"k\":".length(), json.length() - 1);
        }
    }
}
