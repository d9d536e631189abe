package org.enachain.samples.b;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** API B ({@code /api-b}): a protected resource of domain-a, called by API A with a chained token. */
@ApplicationPath("/")
public class ApiBApplication extends Application {
}
