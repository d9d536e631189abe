package org.enachain.liberty.apps.c;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** API C ({@code /api-c}): DPoP required, with nonces; the end of the two-hop chain. */
@ApplicationPath("/")
public class ApiCApplication extends Application {
}
