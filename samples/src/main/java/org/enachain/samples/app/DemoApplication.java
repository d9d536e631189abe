package org.enachain.samples.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The demo's web application ({@code /demo}): the OAuth client {@code https://app.enachain.test} of domain-a.
 * Its page is static ({@code index.html}, {@code chain.js}); its endpoints are under {@code /demo/api}.
 */
@ApplicationPath("api")
public class DemoApplication extends Application {
}
