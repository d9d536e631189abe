package org.enachain.liberty.apps.featured;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The application of the feature ITs, deployed twice (as {@code api-a.war} and {@code api-b.war}) on a server
 * with {@code usr:enaChaining-1.0}: it uses enachain's API ({@code @ChainedToken}, {@code @RequiredScope},
 * {@code ChainContext}) and packages none of it — no enachain-jakarta, no enachain-core, no jose4j. Nothing
 * in this package names another enachain type or any library class.
 */
@ApplicationPath("/")
public class FeaturedApplication extends Application {
}
