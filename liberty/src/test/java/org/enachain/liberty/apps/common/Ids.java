package org.enachain.liberty.apps.common;

/**
 * The identifiers the test applications are registered under in the STS's development and test tenants
 * (sts/src/main/liberty/policies): compile-time constants, usable in annotations.
 */
public final class Ids {

    public static final String API_A = "https://api-a.enachain.test";
    public static final String API_B = "https://api-b.enachain.test";
    public static final String API_C = "https://api-c.enachain.test";
    /** A resource identifier no tenant knows: an exchange for it is refused with invalid_target. */
    public static final String UNKNOWN_API = "https://api-x.enachain.test";
    /** The partner API of domain-b. */
    public static final String PARTNER = "https://partner.domain-b.enachain.test";
    /**
     * A stand-in for domain-b's issuer in annotations: the real one contains the test server's port, known only
     * at run time, so the applications override it with {@code <configKey>/enachain/target-issuer}.
     */
    public static final String DOMAIN_B_PLACEHOLDER = "https://sts.domain-b.enachain.test/domain-b";

    private Ids() {
    }
}
