package org.enachain.samples.a;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** API A ({@code /api-a}): a protected resource of domain-a that calls API B and domain-b's partner API. */
@ApplicationPath("/")
public class ApiAApplication extends Application {
}
