package org.enachain.jakarta.outbound;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.Priorities;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.eclipse.microprofile.rest.client.spi.RestClientListener;
import org.enachain.jakarta.config.ConfigKeys;
import org.enachain.jakarta.config.ConfigReader;
import org.enachain.jakarta.config.EnachainComponents;
import org.enachain.jakarta.config.EnachainConfiguration;
import org.enachain.jakarta.internal.CallerTokenHolder;

/**
 * Registers enachain's outbound providers on every MicroProfile Rest Client whose interface carries
 * {@link ChainedToken} (on the type or a method), and on no other: the {@link ChainedTokenFilter} (request
 * and response) and the {@link CallerContextInterceptorFactory} that carries the caller token to
 * asynchronous calls. The targets are resolved and checked here, once per method, with the MicroProfile
 * Config overrides; a bad annotation or a missing client identity throws, so the client — and the
 * deployment that injects it — fails with a message naming the interface, the method and the fix.
 *
 * <p>Listed in {@code META-INF/services/org.eclipse.microprofile.rest.client.spi.RestClientListener}.
 */
public class ChainedTokenListener implements RestClientListener {

    private static final System.Logger LOG = System.getLogger(ChainedTokenListener.class.getName());

    @Override
    public void onNewClient(Class<?> serviceInterface, RestClientBuilder builder) {
        if (!ChainTargets.annotated(serviceInterface)) {
            return;
        }
        EnachainComponents components;
        try {
            components = CDI.current().select(EnachainConfiguration.class).get().components();
        } catch (IllegalStateException e) {
            throw ChainTargets.configuration(serviceInterface, null, "@ChainedToken needs CDI, which is not available"
                    + " here (" + e.getMessage() + "); enable the cdi-4.0 feature and build the client inside the"
                    + " application", e);
        }
        EnachainComponents.Outbound outbound = components.outbound().orElseThrow(() -> ChainTargets.configuration(
                serviceInterface, null, "the interface carries @ChainedToken, but " + ConfigKeys.CLIENT_ID + " is not"
                        + " configured; set " + ConfigKeys.CLIENT_ID + ", " + ConfigKeys.CLIENT_ISSUER + " and "
                        + ConfigKeys.CLIENT_KEY + " (this application's identity at its authorization server)", null));
        Map<Method, ChainTargets.Resolved> targets = ChainTargets.resolve(serviceInterface,
                ConfigReader.of(ConfigProvider.getConfig()), outbound.homeIssuer(), outbound.issuers(), outbound.security());
        CallerTokens callerTokens = callerTokens(components.inbound().isPresent());
        builder.register(new ChainedTokenFilter(serviceInterface, targets, outbound.chainer(), callerTokens),
                Priorities.AUTHENTICATION);
        builder.register(new CallerContextInterceptorFactory(callerTokens));
        LOG.log(Level.DEBUG, "ENAJ0405D: Rest client {0}: chained tokens for {1} method(s)", serviceInterface.getName(),
                targets.size());
    }

    private static CallerTokens callerTokens(boolean inboundActive) {
        if (inboundActive) {
            return new CallerTokens(CDI.current().select(CallerTokenHolder.class).get(), null, null);
        }
        return MpJwtCallerTokens.ifAvailable()
                .map(jwt -> new CallerTokens(null, jwt, null))
                .orElseGet(() -> new CallerTokens(null, null, "neither the enachain inbound filter is active ("
                        + ConfigKeys.RESOURCE_IDENTIFIER + " is not configured) nor MicroProfile JWT (no injectable"
                        + " JsonWebToken); configure one of them so that requests are authenticated"));
    }
}
