package org.enachain.jakarta.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.lang.System.Logger.Level;
import java.time.Clock;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The application's enachain configuration, read from MicroProfile Config and checked once, when the
 * application starts ({@code @Initialized(ApplicationScoped.class)}): a wrong value throws a
 * {@link ConfigurationException}, which stops the deployment with a message naming the key and the fix.
 * Every weakening switch that is on is logged as a WARNING with its message ID. The core objects are
 * built here, once, and shared ({@link #components()}).
 *
 * <p>The inbound filter and the rest client listener reach this bean through CDI; should one of them
 * need it before the start-up event (a rest client built by another bean's start-up observer), it is
 * built then, the same way.
 */
@ApplicationScoped
public class EnachainConfiguration {

    private static final System.Logger LOG = System.getLogger(EnachainConfiguration.class.getName());

    private volatile EnachainComponents components;

    /** Reads and checks the configuration at start-up. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
        components();
    }

    /** The core objects built from the configuration. @throws ConfigurationException when it is wrong */
    public EnachainComponents components() {
        EnachainComponents c = components;
        if (c == null) {
            synchronized (this) {
                c = components;
                if (c == null) {
                    c = load(ConfigReader.of(ConfigProvider.getConfig()), Clock.systemUTC());
                    components = c;
                }
            }
        }
        return c;
    }

    /** Reads, checks, warns and builds; logs a failure as ENAJ0002E before rethrowing it. */
    static EnachainComponents load(ConfigReader reader, Clock clock) {
        try {
            EnachainSettings settings = EnachainSettings.read(reader);
            for (String warning : settings.warnings()) {
                LOG.log(Level.WARNING, warning);
            }
            EnachainComponents built = EnachainComponents.build(settings, clock);
            built.inbound().ifPresent(in -> LOG.log(Level.INFO, "ENAJ0001I: Inbound access-token checks are on for the"
                    + " resource {0} (DPoP {1}, nonces {2}, trusted issuers {3})", in.settings().identifier(),
                    in.settings().dpop(), in.settings().dpopNonces(), in.settings().issuers()));
            built.outbound().ifPresent(out -> LOG.log(Level.INFO, "ENAJ0003I: Outbound chaining is on: home"
                    + " authorization server {0}, client identities at {1}", out.homeIssuer(), out.issuers()));
            if (built.inbound().isEmpty() && built.outbound().isEmpty()) {
                LOG.log(Level.INFO, "ENAJ0004I: enachain is inactive: neither " + ConfigKeys.RESOURCE_IDENTIFIER
                        + " nor " + ConfigKeys.CLIENT_ID + " is configured");
            }
            return built;
        } catch (ConfigurationException e) {
            LOG.log(Level.ERROR, "ENAJ0002E: enachain configuration error: {0}", e.getMessage());
            throw e;
        }
    }
}
