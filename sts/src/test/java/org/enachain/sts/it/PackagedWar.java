package org.enachain.sts.it;

import java.io.File;
import org.jboss.shrinkwrap.api.Filters;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The deployment of every integration test: the WAR that the build packaged, as {@code sts.war}. */
public final class PackagedWar {

    private PackagedWar() {
    }

    /**
     * The packaged WAR (everything the real application has: classes, enachain-core, jose4j,
     * WEB-INF descriptors). Failsafe runs after {@code package}, so it exists; its path is the system
     * property {@code sts.it.war}.
     */
    public static WebArchive war() {
        File file = new File(LibertyHttps.property("sts.it.war"));
        if (!file.isFile()) {
            throw new IllegalStateException(file + " does not exist: run the integration tests through Maven"
                    + " (./mvnw verify), which packages the WAR first");
        }
        WebArchive war = ShrinkWrap.create(ZipImporter.class, "sts.war").importFrom(file).as(WebArchive.class);
        // A WAR packaged in the same command as liberty:run or liberty:dev lacks the reactor's jars (those
        // goals point enachain-core's artifact at its classes directory): refuse it rather than test it.
        for (String library : new String[] {"enachain-core-", "jose4j-"}) {
            if (war.getContent(Filters.include("/WEB-INF/lib/" + library + "[^/]*\\.jar")).isEmpty()) {
                throw new IllegalStateException(file + " has no WEB-INF/lib/" + library + "*.jar: rebuild it with"
                        + " ./mvnw verify");
            }
        }
        return war;
    }
}
