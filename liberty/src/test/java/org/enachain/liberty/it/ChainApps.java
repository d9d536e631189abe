package org.enachain.liberty.it;

import java.io.File;
import java.util.List;

import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.Filters;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The applications of the chain, in deployment order. */
public final class ChainApps {

    private ChainApps() {
    }

    /** Everything {@link SuiteDeployments} deploys: the STS first, since the others discover it. */
    public static List<Archive<?>> all() {
        return List.of(sts());
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
}
