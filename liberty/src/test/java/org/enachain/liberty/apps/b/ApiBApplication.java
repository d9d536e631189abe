package org.enachain.liberty.apps.b;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** API B ({@code /api-b}): answers with what it received; calls API C for the two-hop chain. */
@ApplicationPath("/")
public class ApiBApplication extends Application {
}
