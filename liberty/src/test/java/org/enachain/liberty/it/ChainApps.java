package org.enachain.liberty.it;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;

import org.enachain.core.chain.TokenChainer;
import org.enachain.jakarta.outbound.ChainedToken;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.Filters;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.jwt.JwtClaims;

/**
 * The applications of the chain, in deployment order: enachain-sts as the build packaged it, then the test
 * applications built with ShrinkWrap from {@code org.enachain.liberty.apps.*} and
 * {@code src/test/resources/apps/<name>/microprofile-config.properties}, each with enachain-jakarta,
 * enachain-core, jose4j, slf4j-api and slf4j-jdk14 in {@code WEB-INF/lib}.
 */
public final class ChainApps {

    private static final String APPS = "org.enachain.liberty.apps.";

    private ChainApps() {
    }

    /**
     * Everything {@link SuiteDeployments} deploys. The STS first: the others may discover it when they start.
     * Then the chain from its end (the partner API, API C, API B, API A), and the fault-injection application.
     */
    public static List<Archive<?>> all() {
        return List.of(sts(),
                app("partner", "partner"),
                app("api-c", "c"),
                app("api-b", "b"),
                app("api-a", "a"),
                faultApp(FaultyAuthorizationServer.get().issuer()),
                featured("bundled-b", true),
                featured("bundled-a", true));
    }

    /** Whether this failsafe run is the feature suite (server feature-it, {@code usr:enaChaining-1.0}). */
    static boolean featureSuite() {
        return "feature".equals(System.getProperty("chain.it.suite"));
    }

    /** What {@link SuiteDeployments} deploys on this run's server: {@link #all()} or {@link #featureApps()}. */
    public static List<Archive<?>> suite() {
        return featureSuite() ? featureApps() : all();
    }

    /**
     * The feature suite: the STS, and the {@code featured} application as API B and API A with NO enachain class
     * inside — the server's {@code usr:enaChaining-1.0} feature provides enachain.
     */
    public static List<Archive<?>> featureApps() {
        return List.of(sts(), featured("api-b", false), featured("api-a", false));
    }

    /**
     * The {@code featured} application (org.enachain.liberty.apps.featured) as {@code <name>.war}: with API A's
     * or API B's configuration and the URL of API B ({@code featured-b}); with {@code libraries}, enachain and its
     * libraries in {@code WEB-INF/lib} as in every other test application, else nothing but its own classes.
     * Deployed without the libraries on the feature-it server (as api-a, api-b), with them on chain-it (as
     * bundled-a, bundled-b, whose base URLs the configuration is adapted to).
     */
    public static WebArchive featured(String name, boolean libraries) {
        String role = name.endsWith("-a") ? "api-a" : "api-b";
        String peer = name.substring(0, name.length() - 1) + "b";
        String configuration = resource("apps/" + role + "/microprofile-config.properties")
                .replace("${https.port}/" + role, "${https.port}/" + name)
                + "\n# The featured application's client of API B.\nfeatured-b/mp-rest/url=https://127.0.0.1:${https.port}/" + peer + "\n";
        WebArchive war = ShrinkWrap.create(WebArchive.class, name + ".war")
                .addPackage(APPS + "featured")
                .addAsResource(new StringAsset(configuration), "META-INF/microprofile-config.properties")
                .addAsWebInfResource(new StringAsset(BEANS_XML), "beans.xml");
        if (libraries) {
            addLibraries(war);
        }
        return war;
    }

    /**
     * enachain-sts as the build packaged it (classes, enachain-core, jose4j, descriptors), as {@code sts.war};
     * the context root {@code /sts} comes from its {@code WEB-INF/ibm-web-ext.xml}.
     */
    static WebArchive sts() {
        File file = new File(ChainServer.property("chain.it.sts.war"));
        if (!file.isFile()) {
            throw new IllegalStateException(file + " does not exist: run the integration tests through Maven"
                    + " (./mvnw verify), which packages enachain-sts first");
        }
        WebArchive war = ShrinkWrap.create(ZipImporter.class, "sts.war").importFrom(file).as(WebArchive.class);
        if (war.getContent(Filters.include("/WEB-INF/lib/enachain-core-[^/]*\\.jar")).isEmpty()) {
            throw new IllegalStateException(file + " has no WEB-INF/lib/enachain-core-*.jar (packaged together with"
                    + " liberty:run or liberty:dev?): rebuild it with ./mvnw verify");
        }
        return war;
    }

    /**
     * A test application: {@code <name>.war} (so its context root is {@code /<name>}) with the classes of
     * {@code org.enachain.liberty.apps.<appPackage>} and {@code ...apps.common}, and its configuration.
     */
    static WebArchive app(String name, String appPackage) {
        return app(name, appPackage, resource("apps/" + name + "/microprofile-config.properties"));
    }

    /** The fault-injection application, whose authorization server is the fake at {@code fakeIssuer}. */
    static WebArchive faultApp(String fakeIssuer) {
        return app("api-fault", "fault",
                resource("apps/api-fault/microprofile-config.properties").replace("@FAKE_ISSUER@", fakeIssuer));
    }

    private static WebArchive app(String name, String appPackage, String configuration) {
        WebArchive war = ShrinkWrap.create(WebArchive.class, name + ".war")
                .addPackage(APPS + appPackage)
                .addPackage(APPS + "common")
                .addAsResource(new StringAsset(configuration), "META-INF/microprofile-config.properties")
                .addAsWebInfResource(new StringAsset(BEANS_XML), "beans.xml");
        return addLibraries(war);
    }

    private static final String BEANS_XML = "<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\""
            + " version=\"4.0\" bean-discovery-mode=\"annotated\"/>\n";

    private static WebArchive addLibraries(WebArchive war) {
        // slf4j-jdk14 routes jose4j's logging into java.util.logging, that is into Liberty's log and trace,
        // where the log-hygiene IT scans it too (without a provider, SLF4J drops it with a warning).
        for (Class<?> library : List.of(ChainedToken.class, TokenChainer.class, JwtClaims.class, org.slf4j.Logger.class,
                org.slf4j.jul.JULServiceProvider.class)) {
            war.addAsLibrary(library(library));
        }
        return war;
    }

    /**
     * The jar (or, when the reactor resolved it to a classes folder, that folder packed as a jar) holding
     * {@code type} on the test class path: the very enachain-jakarta and enachain-core this build made.
     */
    static JavaArchive library(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null) {
            throw new IllegalStateException("no code source for " + type.getName());
        }
        Path location;
        try {
            location = Path.of(source.getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (Files.isDirectory(location)) {
            String name = location.getParent().getParent().getFileName() + ".jar"; // <module>/target/classes
            return ShrinkWrap.create(ExplodedImporter.class, name).importDirectory(location.toFile()).as(JavaArchive.class);
        }
        return ShrinkWrap.create(ZipImporter.class, location.getFileName().toString()).importFrom(location.toFile())
                .as(JavaArchive.class);
    }

    private static String resource(String name) {
        try (InputStream in = ChainApps.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
