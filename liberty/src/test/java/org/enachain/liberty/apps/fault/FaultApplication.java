package org.enachain.liberty.apps.fault;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * A fault-injection application ({@code /api-fault}): like API A, but its home authorization server is a fake
 * in the test JVM (plain HTTP on loopback) that the ITs make refuse connections, hang or answer 500.
 */
@ApplicationPath("/")
public class FaultApplication extends Application {
}
