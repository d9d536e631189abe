package org.enachain.sts.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The STS's JAX-RS application; resources are found by annotation scanning. */
@ApplicationPath("/")
public class StsApplication extends Application {
}
