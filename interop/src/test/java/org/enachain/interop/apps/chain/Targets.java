package org.enachain.interop.apps.chain;

/** The targets of API A's rest clients: compile-time constants, usable in annotations. */
public final class Targets {

    /** API B of scenario 2: a client of the Keycloak realm ena-s2, named by its URL client id. */
    public static final String API_B = "https://api-b.interop.example";
    /** The domain-B API of scenario 3, whose tokens the Keycloak realm ena-s3 issues. */
    public static final String DOMAIN_B_API = "https://api.domain-b.interop.example";
    /**
     * A stand-in for the realm ena-s3's issuer in the annotation: the real one holds Keycloak's port, known at run
     * time, so the application overrides it with {@code domain-b/enachain/target-issuer}.
     */
    public static final String KEYCLOAK_PLACEHOLDER = "https://keycloak.interop.example/realms/ena-s3";

    private Targets() {
    }
}
