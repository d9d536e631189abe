package org.enachain.liberty.it;

import java.util.logging.Logger;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.event.container.AfterStart;
import org.jboss.arquillian.container.spi.event.container.AfterStop;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.shrinkwrap.api.Archive;

/**
 * Deploys the whole chain — enachain-sts and every test application ({@link ChainApps#suite()}: on the
 * feature-it server only the STS and the {@code featured} application) — once, right
 * after Arquillian started the server, through the container's own {@link DeployableContainer#deploy}. The
 * IT classes then carry no {@code @Deployment}: they are client tests ({@code @RunAsClient}) against
 * applications that stay deployed for the whole failsafe run, instead of being redeployed for every class.
 *
 * <p>A deployment that fails (an application that does not start, a configuration the application
 * refuses) fails the server start, so every IT fails at once with the container's message.
 *
 * <p>Nothing is undeployed: Arquillian stops the server after the last class, and the build empties
 * {@code dropins} before the next run (liberty/pom.xml, execution {@code it-server-state}). After the stop,
 * the fault-injection fake ({@link FaultyAuthorizationServer}) is stopped too.
 *
 * <p>Registered in {@code META-INF/services/org.jboss.arquillian.core.spi.LoadableExtension}.
 */
public final class SuiteDeployments implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(Deployer.class);
    }

    /** The observer; Arquillian creates it. */
    public static final class Deployer {

        private static final Logger LOG = Logger.getLogger(SuiteDeployments.class.getName());

        public void deployTheChain(@Observes AfterStart event) throws DeploymentException {
            DeployableContainer<?> container = event.getDeployableContainer();
            for (Archive<?> archive : ChainApps.suite()) {
                long start = System.nanoTime();
                container.deploy(archive);
                LOG.info(() -> "deployed " + archive.getName() + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
            }
        }

        /** The fault-injection fake lives as long as the server that uses it. */
        public void stopTheFake(@Observes AfterStop event) {
            FaultyAuthorizationServer.stopIfStarted();
        }
    }
}
