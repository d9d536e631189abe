package org.enachain.samples.partner;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** domain-b's partner API ({@code /partner}): trusts domain-b's tokens only. */
@ApplicationPath("/")
public class PartnerApplication extends Application {
}
