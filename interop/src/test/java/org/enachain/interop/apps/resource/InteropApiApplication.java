package org.enachain.interop.apps.resource;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Every interop test application: JAX-RS at its context root. */
@ApplicationPath("/")
public class InteropApiApplication extends Application {
}
