package org.enachain.sts.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The deployment of every integration test: the WAR that the build packaged, as {@code sts.war}. */
public final class StsDeployment {

    private StsDeployment() {
    }

    /**
     * The packaged WAR (everything the real application has: classes, enachain-core, jose4j,
     * WEB-INF descriptors). Failsafe runs after {@code package}, so it exists; its path is the system
     * property {@code sts.it.war}.
     */
    public static WebArchive war() {
        File war = new File(LibertyHttps.property("sts.it.war"));
        if (!war.isFile()) {
            throw new IllegalStateException(war + " does not exist: run the integration tests through Maven"
                    + " (./mvnw verify), which packages the WAR first");
        }
        return ShrinkWrap.create(ZipImporter.class, "sts.war").importFrom(war).as(WebArchive.class);
    }
}
