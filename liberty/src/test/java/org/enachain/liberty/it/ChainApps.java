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
                faultApp(FaultyAuthorizationServer.get().issuer()));
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
                .addAsWebInfResource(new StringAsset("<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\""
                        + " version=\"4.0\" bean-discovery-mode=\"annotated\"/>\n"), "beans.xml");
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
