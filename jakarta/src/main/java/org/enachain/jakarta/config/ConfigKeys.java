package org.enachain.jakarta.config;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Every configuration key enachain-jakarta reads (jakarta/README.md documents each). */
public final class ConfigKeys {

    private ConfigKeys() {
    }

    // Inbound: this application as a protected resource.
    public static final String RESOURCE_IDENTIFIER = "enachain.resource.identifier";
    public static final String RESOURCE_ALTERNATIVE_IDENTIFIERS = "enachain.resource.alternative-identifiers";
    public static final String RESOURCE_BASE_URL = "enachain.resource.base-url";
    public static final String RESOURCE_ISSUERS = "enachain.resource.issuers";
    /** Followed by the issuer's index in {@link #RESOURCE_ISSUERS}: {@code enachain.resource.jwks-uri.0}. */
    public static final String RESOURCE_JWKS_URI_PREFIX = "enachain.resource.jwks-uri.";
    public static final String RESOURCE_DPOP = "enachain.resource.dpop";
    public static final String RESOURCE_DPOP_NONCES = "enachain.resource.dpop-nonces";
    public static final String RESOURCE_LEGACY_JWT_TYPE = "enachain.resource.legacy-jwt-type";
    public static final String RESOURCE_CLIENT_ID_FROM_AZP = "enachain.resource.client-id-from-azp";
    public static final String RESOURCE_LEEWAY_SECONDS = "enachain.resource.leeway-seconds";
    public static final String RESOURCE_REPLAY_CAPACITY = "enachain.resource.replay-capacity";
    public static final String RESOURCE_METADATA = "enachain.resource.metadata";
    public static final String RESOURCE_SCOPES_SUPPORTED = "enachain.resource.scopes-supported";

    // Outbound: this application as a client.
    public static final String CLIENT_ID = "enachain.client.id";
    public static final String CLIENT_ISSUER = "enachain.client.issuer";
    public static final String CLIENT_KEY = "enachain.client.key";
    public static final String CLIENT_KEY_ID = "enachain.client.key-id";
    public static final String CLIENT_KEY_PASSWORD = "enachain.client.key-password";
    public static final String CLIENT_DPOP_KEY = "enachain.client.dpop-key";
    public static final String CLIENT_ASSERTION_AUDIENCE = "enachain.client.assertion-audience";
    public static final String CLIENT_LEGACY_ASSERTION_TYPE = "enachain.client.legacy-assertion-type";

    /** {@code enachain.as.<alias>.<property>}: the client's identity at another authorization server. */
    public static final String AS_PREFIX = "enachain.as.";
    /** The properties of an {@code enachain.as.<alias>.} identity. */
    public static final List<String> AS_PROPERTIES = List.of("issuer", "client-id", "key", "key-id", "key-password",
            "dpop-key", "assertion-audience", "legacy-assertion-type");

    public static final String HTTP_CONNECT_TIMEOUT_MS = "enachain.http.connect-timeout-ms";
    public static final String HTTP_READ_TIMEOUT_MS = "enachain.http.read-timeout-ms";
    public static final String HTTP_TRUST_STORE = "enachain.http.trust-store";
    public static final String HTTP_TRUST_STORE_PASSWORD = "enachain.http.trust-store-password";
    public static final String CHAIN_CACHE_SIZE = "enachain.chain.cache-size";
    public static final String CHAIN_EXPIRY_SKEW_SECONDS = "enachain.chain.expiry-skew-seconds";
    public static final String INSECURE_PLAIN_HTTP_ON_LOOPBACK = "enachain.insecure-development.plain-http-on-loopback";

    // Per rest client: <configKey>/enachain/<property>.
    public static final String CLIENT_OVERRIDE_INFIX = "/enachain/";
    public static final String OVERRIDE_AUDIENCE = "audience";
    public static final String OVERRIDE_RESOURCE = "resource";
    public static final String OVERRIDE_SCOPE = "scope";
    public static final String OVERRIDE_TARGET_ISSUER = "target-issuer";
    public static final String OVERRIDE_REQUIRE_DPOP = "require-dpop";

    /** The namespaces enachain-jakarta owns: a key in them that is not one of its keys is a mistake. */
    static final List<String> OWN_PREFIXES = List.of("enachain.resource.", "enachain.client.", "enachain.as.",
            "enachain.http.", "enachain.chain.", "enachain.insecure-development.");

    static final Set<String> FIXED_KEYS = Set.of(RESOURCE_IDENTIFIER, RESOURCE_ALTERNATIVE_IDENTIFIERS,
            RESOURCE_BASE_URL, RESOURCE_ISSUERS, RESOURCE_DPOP, RESOURCE_DPOP_NONCES, RESOURCE_LEGACY_JWT_TYPE,
            RESOURCE_CLIENT_ID_FROM_AZP, RESOURCE_LEEWAY_SECONDS, RESOURCE_REPLAY_CAPACITY, RESOURCE_METADATA,
            RESOURCE_SCOPES_SUPPORTED, CLIENT_ID, CLIENT_ISSUER, CLIENT_KEY, CLIENT_KEY_ID, CLIENT_KEY_PASSWORD,
            CLIENT_DPOP_KEY, CLIENT_ASSERTION_AUDIENCE, CLIENT_LEGACY_ASSERTION_TYPE, HTTP_CONNECT_TIMEOUT_MS,
            HTTP_READ_TIMEOUT_MS, HTTP_TRUST_STORE, HTTP_TRUST_STORE_PASSWORD, CHAIN_CACHE_SIZE,
            CHAIN_EXPIRY_SKEW_SECONDS, INSECURE_PLAIN_HTTP_ON_LOOPBACK);

    static final Pattern JWKS_URI_KEY = Pattern.compile(Pattern.quote(RESOURCE_JWKS_URI_PREFIX) + "(0|[1-9][0-9]{0,3})");

    static final Pattern AS_KEY = Pattern.compile(Pattern.quote(AS_PREFIX) + "(.+)\\.(" + String.join("|", AS_PROPERTIES) + ")");
}
