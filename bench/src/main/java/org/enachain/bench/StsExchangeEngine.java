package org.enachain.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.enachain.core.client.AuthorizationServerMetadata;
import org.enachain.core.client.ClientIdentity;
import org.enachain.core.dpop.DpopProofFactory;
import org.enachain.core.jose.SigningKey;
import org.enachain.core.replay.InMemoryReplayStore;
import org.enachain.sts.engine.AuthorizationEndpoint;
import org.enachain.sts.engine.EndpointRequest;
import org.enachain.sts.engine.EndpointResponse;
import org.enachain.sts.engine.Tenant;
import org.enachain.sts.tenant.TenantLoader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;

/**
 * One whole token exchange in the STS engine, in-process: {@link Tenant#token} of a form POST in
 * which API A exchanges alice's access token for API B ({@code b-read}), authenticated with
 * {@code private_key_jwt} and sending a DPoP proof, answered with a DPoP-bound token. No HTTP, no
 * JAX-RS, no Liberty: what the server on Liberty spends beyond this is the container's.
 *
 * <p>The tenant is {@code domain-a} built by {@link TenantLoader} from the very policy file the
 * Liberty server runs ({@code sts/src/main/liberty/policies/domain-a.json}, copied to a temporary
 * directory where its signing keys are generated), on the system clock, with a real
 * {@link InMemoryReplayStore} for assertions and proofs, as on Liberty (capacity
 * {@value #REPLAY_CAPACITY} instead of the default 100,000 so that long runs cannot fill it). Its
 * audit line per issued token is built and formatted (java.util.logging {@link SimpleFormatter}) but
 * not written anywhere.
 *
 * <p>Every request is distinct and made before its measurement iteration, in a
 * {@code @Setup(Level.Iteration)} (not measured): a new client assertion and a new DPoP proof each,
 * made with enachain-core's client code, and one of {@value #SUBJECTS} subject tokens obtained in
 * setup through the engine's own login (authorization code + PKCE) and refresh grants. The
 * iteration's batch holds two requests per millisecond of iteration time plus 512, more than an
 * exchange (at least four ECDSA operations) can use; a benchmark that runs out fails.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@Fork(jvmArgsAppend = Fixtures.QUIET_SLF4J)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StsExchangeEngine {

    static final String BASE_URL = "https://127.0.0.1:9443/sts";
    static final int SUBJECTS = 256;
    static final int REPLAY_CAPACITY = 1_000_000;
    /** Subject tokens live 5 minutes: make new ones well before. */
    private static final Duration SUBJECT_RENEWAL = Duration.ofMinutes(3);

    /** The audit logger, held so that its configuration stays. */
    private static final Logger AUDIT = Logger.getLogger("org.enachain.sts.audit");
    private static final FormattingSink AUDIT_SINK = new FormattingSink();
    /** The loader's "tenant started" line would land in JMH's output. */
    private static final Logger LOADER = Logger.getLogger("org.enachain.sts.tenant");

    static {
        AUDIT.setUseParentHandlers(false);
        AUDIT.addHandler(AUDIT_SINK);
        LOADER.setLevel(java.util.logging.Level.WARNING);
    }

    private Path policyDirectory;
    private Tenant tenant;
    private AuthorizationServerMetadata metadata;
    private ClientIdentity app;
    private ClientIdentity apiA;
    private DpopProofFactory dpop;
    private String refreshToken;
    private String[] subjects;
    private Instant subjectsMadeAt;

    private EndpointRequest[] requests;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        policyDirectory = Files.createTempDirectory("enachain-bench-sts");
        Files.writeString(policyDirectory.resolve(StsDev.TENANT + ".json"), StsDev.policyJson());
        Clock clock = Clock.systemUTC();
        TenantLoader.Loaded loaded = TenantLoader.load(policyDirectory, BASE_URL, clock,
                new InMemoryReplayStore(REPLAY_CAPACITY, clock), uri -> {
                    throw new IllegalStateException("The benchmark tenant fetches no remote keys: " + uri);
                });
        tenant = loaded.tenants().get(StsDev.TENANT);
        if (tenant == null) {
            throw new IllegalStateException("The tenant " + StsDev.TENANT + " did not start: " + loaded.failures());
        }
        metadata = AuthorizationServerMetadata.of(tenant.issuer(), URI.create(tenant.issuer() + "/token"));
        app = ClientIdentity.builder(StsDev.APP, StsDev.clientKey("app")).build();
        apiA = ClientIdentity.builder(StsDev.API_A, StsDev.clientKey("api-a")).dpopKey(SigningKey.generateEs256()).build();
        dpop = apiA.dpop().orElseThrow();
        refreshToken = login();
        makeSubjects();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (policyDirectory != null) {
            try (Stream<Path> files = Files.walk(policyDirectory)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }

    /** The requests of the coming iteration, made now (not measured). */
    @Setup(Level.Iteration)
    public void prepare(IterationParams iteration) {
        if (Duration.between(subjectsMadeAt, Instant.now()).compareTo(SUBJECT_RENEWAL) > 0) {
            makeSubjects();
        }
        long millis = iteration.getTime().convertTo(TimeUnit.MILLISECONDS);
        int count = (int) Math.min(1_000_000, millis * 2 + 512);
        requests = IntStream.range(0, count).parallel()
                .mapToObj(i -> EndpointRequest.formPost(StsDev.exchangeForm(subjects[i % SUBJECTS],
                        apiA.newClientAssertion(metadata))).withDpop(dpop.forTokenRequest("POST", metadata.tokenEndpoint())))
                .toArray(EndpointRequest[]::new);
        next = 0;
    }

    @Benchmark
    public EndpointResponse engine() {
        if (next == requests.length) {
            throw new IllegalStateException("All " + requests.length + " requests made for this iteration are used up");
        }
        EndpointResponse response = tenant.token(requests[next++]);
        if (response.status() != 200) {
            throw new IllegalStateException("The exchange was refused: HTTP " + response.status() + " " + response.body());
        }
        return response;
    }

    // ------------------------------------------------------------------ subject tokens, as a user gets them

    /** Alice logs in at the app through the engine's authorization endpoint; returns the refresh token. */
    private String login() {
        AuthorizationEndpoint.Outcome page = tenant.authorizationEndpoint().show(StsDev.authorizeParameters(false));
        if (!(page instanceof AuthorizationEndpoint.Outcome.Page p) || p.status() != 200) {
            throw new IllegalStateException("No login page: " + page);
        }
        AuthorizationEndpoint.Outcome outcome = tenant.authorizationEndpoint().submit(StsDev.authorizeParameters(true));
        if (!(outcome instanceof AuthorizationEndpoint.Outcome.Redirect redirect)) {
            throw new IllegalStateException("The login was refused: " + outcome);
        }
        String code = StsDev.query(URI.create(redirect.location())).get("code");
        return (String) appToken(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", StsDev.REDIRECT, "code_verifier", StsDev.VERIFIER)).get("refresh_token");
    }

    /** {@value #SUBJECTS} distinct access tokens of alice for API A, by refreshing (the refresh token rotates). */
    private void makeSubjects() {
        String[] made = new String[SUBJECTS];
        for (int i = 0; i < SUBJECTS; i++) {
            Map<String, Object> tokens = appToken(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
            refreshToken = (String) tokens.get("refresh_token");
            made[i] = (String) tokens.get("access_token");
        }
        subjects = made;
        subjectsMadeAt = Instant.now();
    }

    private Map<String, Object> appToken(Map<String, String> grant) {
        Map<String, String> form = new java.util.LinkedHashMap<>(grant);
        form.put("client_id", StsDev.APP);
        form.put("client_assertion_type", StsDev.ASSERTION_TYPE);
        form.put("client_assertion", app.newClientAssertion(metadata));
        EndpointResponse response = tenant.token(EndpointRequest.formPost(StsDev.form(form)));
        if (response.status() != 200) {
            throw new IllegalStateException("The app's token request was refused: " + response.body());
        }
        return response.jsonBody();
    }

    /** Formats every record it gets, as a file handler would, and writes nothing. */
    private static final class FormattingSink extends Handler {
        private volatile int characters;

        FormattingSink() {
            setFormatter(new SimpleFormatter());
        }

        @Override
        public void publish(LogRecord record) {
            if (isLoggable(record)) {
                characters += getFormatter().format(record).length();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
