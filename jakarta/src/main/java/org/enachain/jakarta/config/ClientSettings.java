package org.enachain.jakarta.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import org.enachain.core.client.ClientIdentity.AssertionAudience;
import org.enachain.core.http.TransportSecurity;

/**
 * This application as a client: its identity at the home authorization server and at each other one
 * it reaches for cross-domain chains. Outbound is active exactly when {@code enachain.client.id} is set.
 *
 * @param home         {@code enachain.client.*}
 * @param others       {@code enachain.as.<alias>.*}, in alias order
 * @param cacheSize    {@code enachain.chain.cache-size}
 * @param expirySkew   {@code enachain.chain.expiry-skew-seconds}
 */
public record ClientSettings(Identity home, List<Identity> others, int cacheSize, Duration expirySkew) {

    public static final int DEFAULT_CACHE_SIZE = 10_000;
    public static final long DEFAULT_EXPIRY_SKEW_SECONDS = 30;
    /** The value of a {@code dpop-key} key that asks for a fresh ES256 key at start. */
    public static final String GENERATE = "generate";

    static final Map<String, AssertionAudience> AUDIENCES = Map.of("issuer", AssertionAudience.ISSUER,
            "token-endpoint", AssertionAudience.TOKEN_ENDPOINT);

    public ClientSettings {
        others = List.copyOf(others);
    }

    /**
     * Who this client is at one authorization server.
     *
     * @param prefix              the keys' prefix, {@code enachain.client.} or {@code enachain.as.<alias>.}
     * @param issuer              the AS's issuer identifier
     * @param clientId            the client identifier registered there
     * @param key                 the client-assertion signing key file (PEM, JWK, JWK Set or PKCS #12)
     * @param keyId               the {@code kid} in a JWK Set, or the alias in a PKCS #12 file; may be null
     * @param keyPassword         the PKCS #12 password; may be null (never shown)
     * @param dpopKey             the DPoP key file, or empty for a key generated at start
     * @param assertionAudience   A-07
     * @param legacyAssertionType A-08
     */
    public record Identity(String prefix, String issuer, String clientId, Path key, String keyId, String keyPassword,
                           Optional<Path> dpopKey, AssertionAudience assertionAudience, boolean legacyAssertionType) {

        @Override
        public String toString() {
            return "Identity[" + clientId + " at " + issuer + ", key " + key + (keyId == null ? "" : " (" + keyId + ")")
                    + ", DPoP key " + dpopKey.map(Path::toString).orElse("generated") + "]";
        }
    }

    /** Reads the outbound settings; empty when {@code enachain.client.id} is not set. */
    static Optional<ClientSettings> read(ConfigReader r, TransportSecurity security, List<String> warnings) {
        if (r.string(ConfigKeys.CLIENT_ID).isEmpty()) {
            for (String name : r.names()) {
                if ((name.startsWith("enachain.client.") || name.startsWith(ConfigKeys.AS_PREFIX)
                        || name.startsWith("enachain.chain.")) && r.string(name).isPresent()) {
                    throw new ConfigurationException(name, name + " is set, but " + ConfigKeys.CLIENT_ID + " is not:"
                            + " outbound chaining is active only with this client's identifier at its home authorization"
                            + " server. Set " + ConfigKeys.CLIENT_ID + ", or remove " + name);
                }
            }
            return Optional.empty();
        }
        Identity home = identity(r, "enachain.client.", "id", security, warnings);
        Set<String> aliases = new TreeSet<>();
        for (String name : r.names()) {
            Matcher m = ConfigKeys.AS_KEY.matcher(name);
            if (m.matches()) {
                aliases.add(m.group(1));
            }
        }
        List<Identity> others = new ArrayList<>();
        Set<String> issuers = new HashSet<>();
        issuers.add(home.issuer());
        for (String alias : aliases) {
            Identity other = identity(r, ConfigKeys.AS_PREFIX + alias + ".", "client-id", security, warnings);
            if (!issuers.add(other.issuer())) {
                throw new ConfigurationException(other.prefix() + "issuer", other.prefix() + "issuer names "
                        + other.issuer() + ", which another identity already names; configure one identity per"
                        + " authorization server");
            }
            others.add(other);
        }
        int cacheSize = r.integer(ConfigKeys.CHAIN_CACHE_SIZE, DEFAULT_CACHE_SIZE, 1, 10_000_000);
        Duration skew = r.seconds(ConfigKeys.CHAIN_EXPIRY_SKEW_SECONDS, DEFAULT_EXPIRY_SKEW_SECONDS, 0, 3600);
        return Optional.of(new ClientSettings(home, others, cacheSize, skew));
    }

    private static Identity identity(ConfigReader r, String prefix, String clientIdProperty, TransportSecurity security,
                                     List<String> warnings) {
        String idKey = prefix + clientIdProperty;
        String clientId = r.required(idKey, "for the client identity " + prefix + "* (the client_id registered at"
                + " that authorization server)");
        String issuerKey = prefix + "issuer";
        String issuer = r.required(issuerKey, "with " + idKey + " (the issuer identifier of the authorization server"
                + " where " + ConfigReader.shown(clientId) + " is registered)");
        ConfigReader.checkedUrl(issuerKey, issuer, security);
        String keyKey = prefix + "key";
        Path key = ConfigReader.checkedFile(keyKey, r.required(keyKey, "with " + idKey
                + " (the file of the private key this client signs its private_key_jwt assertions with: PEM,"
                + " JWK, JWK Set or .p12)"));
        String keyId = r.string(prefix + "key-id").orElse(null);
        String password = r.string(prefix + "key-password").orElse(null);
        String dpopKeyKey = prefix + "dpop-key";
        String dpopValue = r.string(dpopKeyKey).orElse(GENERATE);
        Optional<Path> dpopKey = dpopValue.equals(GENERATE) ? Optional.empty()
                : Optional.of(ConfigReader.checkedFile(dpopKeyKey, dpopValue));
        String audienceKey = prefix + "assertion-audience";
        AssertionAudience audience = r.choice(audienceKey, AssertionAudience.ISSUER, AUDIENCES);
        if (audience == AssertionAudience.TOKEN_ENDPOINT) {
            warnings.add("ENAJ0104W: " + audienceKey + "=token-endpoint: client assertions of "
                    + ConfigReader.shown(clientId) + " name the token endpoint instead of the issuer as aud (A-07 legacy"
                    + " option, CL-09)");
        }
        String legacyKey = prefix + "legacy-assertion-type";
        boolean legacy = r.bool(legacyKey, false);
        if (legacy) {
            warnings.add("ENAJ0105W: " + legacyKey + "=true: client assertions of " + ConfigReader.shown(clientId)
                    + " are typed JWT instead of client-authentication+jwt (A-08 legacy option, CL-07)");
        }
        return new Identity(prefix, issuer, clientId, key, keyId, password, dpopKey, audience, legacy);
    }
}
