package org.enachain.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;

import org.enachain.core.jose.SigningKey;
import org.enachain.interop.apps.chain.ChainResource;
import org.enachain.interop.apps.resource.ReceivedResource;
import org.enachain.liberty.apps.common.Received;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The test applications on the keycloak-it Liberty server: enachain-jakarta in real Jakarta applications,
 * trusting Keycloak realms (and enachain-sts's domain-a) through their MicroProfile Config
 * ({@code src/test/resources/apps/<name>/microprofile-config.properties}, with the server's variables).
 *
 * <p>They are deployed once per test JVM, by the first test class that uses this extension, after
 * Keycloak has started: their trust store ({@code interop-trust.p12} in the server's directory, Keycloak's
 * and Liberty's test certificates) exists only then. Each WAR is written beside {@code dropins} and moved
 * in (Liberty never sees half a file); the extension waits for Liberty's "started" message of each and
 * fails with Liberty's own message when one does not start. Nothing is undeployed: the server stops after
 * the ITs, and the build empties {@code dropins} before the next run.
 */
public final class InteropApps implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(InteropApps.class);
    private static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(180);
    private static final String BEANS_XML = "<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\""
            + " version=\"4.0\" bean-discovery-mode=\"annotated\"/>\n";

    /** The applications, by context root; {@code chains}: API A's role, with the rest clients. */
    enum App {
        S1_PROFILE("kc-s1-profile", false),
        S1_LEGACY_TYPE("kc-s1-legacy-type", false),
        S1_LEGACY("kc-s1-legacy", false),
        S2_API_A("kc-s2-api-a", true),
        S2_API_B("kc-s2-api-b", false),
        S3_API_A("kc-s3-api-a", true),
        S3_DOMAIN_B("kc-s3-domain-b", false);

        final String contextRoot;
        final boolean chains;

        App(String contextRoot, boolean chains) {
            this.contextRoot = contextRoot;
            this.chains = chains;
        }

        /** {@code path} (starting with /) of this application on the keycloak-it server. */
        URI uri(String path) {
            return URI.create("https://127.0.0.1:" + property("interop.liberty.https.port") + "/" + contextRoot + path);
        }
    }

    /** What the root store holds once the applications run. */
    private record Deployed(Set<App> apps) {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        KeycloakServer keycloak = KeycloakExtension.server(context);
        context.getRoot().getStore(NS).getOrComputeIfAbsent(Deployed.class, k -> deployAll(keycloak), Deployed.class);
    }

    private static Deployed deployAll(KeycloakServer keycloak) {
        Path server = Path.of(property("interop.server.dir"));
        TestTls.writeTrustStore(keycloak.tlsKeyStore(), keycloak.tlsPassword(), server.resolve("interop-trust.p12"),
                property("interop.liberty.keystore.password"));
        Path staging = server.resolve("staging");
        Path dropins = server.resolve("dropins");
        try {
            Files.createDirectories(staging);
            Files.createDirectories(dropins);
            for (App app : App.values()) {
                Path war = staging.resolve(app.contextRoot + ".war");
                archive(app).as(ZipExporter.class).exportTo(war.toFile(), true);
                Files.move(war, dropins.resolve(war.getFileName()), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot deploy the test applications to " + dropins, e);
        }
        awaitStarted(server.resolve("logs/messages.log"));
        return new Deployed(EnumSet.allOf(App.class));
    }

    private static WebArchive archive(App app) {
        WebArchive war = ShrinkWrap.create(WebArchive.class, app.contextRoot + ".war")
                .addPackage(ReceivedResource.class.getPackage())
                .addPackage(Received.class.getPackage())
                .addAsResource(new StringAsset(resource("apps/" + app.contextRoot + "/microprofile-config.properties")),
                        "META-INF/microprofile-config.properties")
                .addAsWebInfResource(new StringAsset(BEANS_XML), "beans.xml");
        if (app.chains) {
            war.addPackage(ChainResource.class.getPackage());
        }
        Path libs = Path.of(property("interop.app.libs"));
        try (Stream<Path> jars = Files.list(libs)) {
            List<Path> all = jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
            if (all.isEmpty()) {
                throw new IllegalStateException("No jars in " + libs + ": run the tests through ./mvnw verify");
            }
            all.forEach(jar -> war.addAsLibrary(jar.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return war;
    }

    /** Waits for CWWKZ0001I of every application; a CWWKZ0002E (or another failure to start) ends the wait at once. */
    private static void awaitStarted(Path messages) {
        Instant deadline = Instant.now().plus(DEPLOY_TIMEOUT);
        Set<App> waiting = EnumSet.allOf(App.class);
        while (true) {
            List<String> lines = lines(messages);
            for (App app : App.values()) {
                String name = Pattern.quote(app.contextRoot);
                Pattern started = Pattern.compile("CWWKZ000[13]I: .*[Aa]pplication " + name + "[ .]");
                Pattern failed = Pattern.compile("(CWWKZ0002E|CWWKZ0004E|CWWKZ0012I).*[Aa]pplication " + name + "[ .]");
                for (String line : lines) {
                    if (failed.matcher(line).find()) {
                        throw new IllegalStateException("The test application " + app.contextRoot + " did not start: "
                                + line.strip() + " (see " + messages + ")");
                    }
                    if (started.matcher(line).find()) {
                        waiting.remove(app);
                    }
                }
            }
            if (waiting.isEmpty()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Not started within " + DEPLOY_TIMEOUT.toSeconds() + " s: " + waiting
                        + " (see " + messages + ")");
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the test applications", e);
            }
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            return List.of(); // being rotated or written: read again on the next poll
        }
    }

    private static String resource(String name) {
        try (var in = InteropApps.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A test-only key of interop/src/test/it-keys ({@code <kid>.jwks}), as the test applications read it. */
    static SigningKey interopKey(String kid) {
        try {
            return SigningKey.fromJwks(Files.readString(Path.of(property("interop.keys"), kid + ".jwks")), kid);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException(name + " is not set: run these tests through Maven (./mvnw verify)");
        }
        return value;
    }

    // ---- calling them ---------------------------------------------------------------------------------

    /** An answer of a test application: status, the headers the tests look at, the body as JSON when it is JSON. */
    record Reply(int status, String challenge, String contentType, Map<String, Object> json, String body) {

        @SuppressWarnings("unchecked")
        Map<String, Object> object(String... path) {
            Map<String, Object> m = json;
            for (String member : path) {
                m = (Map<String, Object>) m.get(member);
                if (m == null) {
                    throw new AssertionError("no " + String.join(".", path) + " in " + body);
                }
            }
            return m;
        }
    }

    /** A client for the test applications, trusting {@code trust}. */
    static HttpClient client(SSLContext trust) {
        return HttpClient.newBuilder().sslContext(trust).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** A GET with the given {@code Authorization} (when not null) and {@code DPoP} (when not null) headers. */
    static Reply get(HttpClient http, URI uri, String authorization, String dpopProof) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (dpopProof != null) {
            request.header("DPoP", dpopProof);
        }
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String type = r.headers().firstValue("Content-Type").orElse("");
            Map<String, Object> json = Map.of();
            if (type.contains("json") && !r.body().isBlank()) {
                json = JsonUtil.parseJson(r.body());
            }
            return new Reply(r.statusCode(), r.headers().firstValue("WWW-Authenticate").orElse(null), type, json, r.body());
        } catch (IOException | JoseException e) {
            throw new IllegalStateException("GET " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    static List<String> strings(Object list) {
        List<String> out = new ArrayList<>();
        if (list instanceof List<?> l) {
            l.forEach(e -> out.add(String.valueOf(e)));
        } else if (list != null) {
            out.add(String.valueOf(list));
        }
        return out;
    }
}
