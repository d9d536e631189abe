package org.enachain.liberty.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * (b) The same {@code featured} application as {@link FeatureIT}, with enachain-jakarta, enachain-core, jose4j
 * and SLF4J in {@code WEB-INF/lib} and no feature: on the chain-it server, as {@code /bundled-a} and
 * {@code /bundled-b}. (Every other chain IT also runs applications that package the jars.)
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Order(5)
@DisabledIfSystemProperty(named = "chain.it.suite", matches = "feature")
class BundledIT extends FeaturedChainChecks {

    @Override
    String apiA() {
        return "/bundled-a";
    }

    @Override
    String apiB() {
        return "/bundled-b";
    }

    @Test
    @DisplayName("The deployed WARs hold the same classes as the feature's, and enachain-jakarta, enachain-core and jose4j"
            + " in WEB-INF/lib")
    void warHasTheLibraries() {
        for (String name : new String[] {"bundled-a", "bundled-b"}) {
            WebArchive war = ChainApps.featured(name, true);

            assertThat(war.getContent().keySet()).extracting(ArchivePath::get).as(name)
                    .anyMatch(path -> path.matches("/WEB-INF/lib/(enachain-)?jakarta.*\\.jar"))
                    .anyMatch(path -> path.matches("/WEB-INF/lib/(enachain-)?core.*\\.jar"))
                    .anyMatch(path -> path.matches("/WEB-INF/lib/jose4j.*\\.jar"))
                    .anyMatch(path -> path.startsWith("/WEB-INF/classes/org/enachain/liberty/apps/featured/"));
        }
    }
}
