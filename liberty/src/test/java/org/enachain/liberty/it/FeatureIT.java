package org.enachain.liberty.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * (a) The Liberty user feature: on the feature-it server ({@code usr:enaChaining-1.0}, installed by the build
 * into the runtime's {@code usr/extension/lib}), the {@code featured} application, deployed as API A and API B
 * with no enachain class inside, runs the whole chain. Runs only in liberty/pom.xml's failsafe execution
 * {@code feature-it} (system property {@code chain.it.suite=feature}), whose server has the feature.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Order(1)
@EnabledIfSystemProperty(named = "chain.it.suite", matches = "feature")
class FeatureIT extends FeaturedChainChecks {

    @Override
    String apiA() {
        return "/api-a";
    }

    @Override
    String apiB() {
        return "/api-b";
    }

    @Test
    @DisplayName("The deployed WARs hold no enachain, jose4j or SLF4J class and no library: only the featured application's"
            + " classes and its configuration")
    void warHasNoEnachainClass() {
        for (String name : new String[] {"api-a", "api-b"}) {
            WebArchive war = ChainApps.featured(name, false);
            Map<ArchivePath, Node> content = war.getContent();

            assertThat(content.keySet()).extracting(ArchivePath::get).as(name)
                    .noneMatch(path -> path.startsWith("/WEB-INF/lib/"))
                    .noneMatch(path -> path.startsWith("/WEB-INF/classes/org/enachain/jakarta/"))
                    .noneMatch(path -> path.startsWith("/WEB-INF/classes/org/enachain/core/"))
                    .noneMatch(path -> path.startsWith("/WEB-INF/classes/org/jose4j/"))
                    .noneMatch(path -> path.startsWith("/WEB-INF/classes/org/slf4j/"))
                    .filteredOn(path -> path.endsWith(".class"))
                    .isNotEmpty()
                    .allMatch(path -> path.startsWith("/WEB-INF/classes/org/enachain/liberty/apps/featured/"));
        }
    }
}
