package org.enachain.liberty.apps.partner;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** domain-b's partner API ({@code /partner}): trusts only domain-b's tokens. */
@ApplicationPath("/")
public class PartnerApplication extends Application {
}
