package org.enachain.liberty.feature;

import java.util.Set;

import io.openliberty.cdi.spi.CDIExtensionMetadata;
import org.enachain.jakarta.config.EnachainConfiguration;
import org.enachain.jakarta.inbound.ChainContext;
import org.enachain.jakarta.internal.CallerTokenHolder;

/**
 * Makes enachain-jakarta's CDI beans beans of every application on a server with the feature: a feature's
 * bundle is no bean archive, so without this service {@code @Inject ChainContext} fails to deploy and the
 * inbound filter and the rest client listener, which look the beans up with {@code CDI.current()}, find none.
 *
 * <p>An OSGi declarative service ({@code OSGI-INF/org.enachain.liberty.feature.CdiBeans.xml}), found by
 * Liberty's {@code cdi-4.0}. The classes are enachain-jakarta's beans: the {@code @ApplicationScoped} and
 * {@code @RequestScoped} classes of its bean archive (its {@code META-INF/beans.xml} is
 * {@code bean-discovery-mode="annotated"}); {@code CdiBeansTest} checks that the list is complete.
 */
public final class CdiBeans implements CDIExtensionMetadata {

    /** enachain-jakarta's bean classes. */
    static final Set<Class<?>> BEAN_CLASSES = Set.of(EnachainConfiguration.class, ChainContext.class,
            CallerTokenHolder.class);

    @Override
    public Set<Class<?>> getBeanClasses() {
        return BEAN_CLASSES;
    }
}
