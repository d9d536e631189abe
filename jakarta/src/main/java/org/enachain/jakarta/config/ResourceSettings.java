package org.enachain.jakarta.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import org.enachain.core.http.TransportSecurity;
import org.enachain.core.resource.DpopMode;
import org.enachain.core.resource.RequiredScopes;

/**
 * This application as a protected resource: the inbound filter is active exactly when
 * {@code enachain.resource.identifier} is set.
 *
 * @param identifier             the resource identifier (RS-47)
 * @param alternativeIdentifiers other identifiers a token's {@code aud} may name (RS-12)
 * @param baseUrl                the external base URL of the application, without a trailing slash
 * @param issuers                the trusted issuers, compared exactly (RS-06)
 * @param jwksUris               configured JWK Set URLs by issuer index; others are discovered (RS-07)
 * @param dpop                   which schemes are accepted
 * @param dpopNonces             whether DPoP proofs must carry a server nonce (RS-44)
 * @param legacyJwtType          A-05: also accept access tokens typed {@code JWT}
 * @param clientIdFromAzp        A-06: take the client from {@code azp}
 * @param leeway                 clock-skew leeway for token times (GEN-17)
 * @param replayCapacity         how many DPoP proof {@code jti}s the in-memory replay store holds (RS-38)
 * @param metadata               whether to publish RFC 9728 metadata (RS-52)
 * @param scopesSupported        {@code scopes_supported} of the metadata
 */
public record ResourceSettings(String identifier, List<String> alternativeIdentifiers, URI baseUrl, List<String> issuers,
                               Map<Integer, URI> jwksUris, DpopMode dpop, boolean dpopNonces, boolean legacyJwtType,
                               boolean clientIdFromAzp, Duration leeway, int replayCapacity, boolean metadata,
                               List<String> scopesSupported) {

    public static final long DEFAULT_LEEWAY_SECONDS = 60;
    public static final int DEFAULT_REPLAY_CAPACITY = 100_000;

    static final Map<String, DpopMode> DPOP_MODES = Map.of("required", DpopMode.REQUIRED, "optional", DpopMode.OPTIONAL,
            "disabled", DpopMode.DISABLED);

    public ResourceSettings {
        alternativeIdentifiers = List.copyOf(alternativeIdentifiers);
        issuers = List.copyOf(issuers);
        jwksUris = Map.copyOf(jwksUris);
        scopesSupported = List.copyOf(scopesSupported);
    }

    /** Reads the inbound settings; empty when {@code enachain.resource.identifier} is not set. */
    static java.util.Optional<ResourceSettings> read(ConfigReader r, TransportSecurity security, List<String> warnings) {
        java.util.Optional<String> identifier = r.string(ConfigKeys.RESOURCE_IDENTIFIER);
        if (identifier.isEmpty()) {
            for (String name : r.names()) {
                if (name.startsWith("enachain.resource.") && r.string(name).isPresent()) {
                    throw new ConfigurationException(name, name + " is set, but " + ConfigKeys.RESOURCE_IDENTIFIER
                            + " is not: the inbound filter is active only for a resource with an identifier. Set "
                            + ConfigKeys.RESOURCE_IDENTIFIER + " to this resource's https identifier, or remove " + name);
                }
            }
            return java.util.Optional.empty();
        }
        URI id = resourceIdentifier(ConfigKeys.RESOURCE_IDENTIFIER, identifier.get(), warnings);
        List<String> alternatives = new ArrayList<>();
        for (String alt : r.list(ConfigKeys.RESOURCE_ALTERNATIVE_IDENTIFIERS)) {
            alternatives.add(resourceIdentifier(ConfigKeys.RESOURCE_ALTERNATIVE_IDENTIFIERS, alt, warnings).toString());
        }
        String base = r.required(ConfigKeys.RESOURCE_BASE_URL, "with " + ConfigKeys.RESOURCE_IDENTIFIER
                + " (the external https base URL of this application, such as https://api.example.com/orders-app,"
                + " against which DPoP proofs' htu is checked)");
        URI baseUrl = ConfigReader.checkedUrl(ConfigKeys.RESOURCE_BASE_URL, base, security);
        if (baseUrl.getRawQuery() != null) {
            throw new ConfigurationException(ConfigKeys.RESOURCE_BASE_URL, ConfigKeys.RESOURCE_BASE_URL
                    + " must not have a query: " + ConfigReader.shown(base));
        }
        String trimmed = baseUrl.toString();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        baseUrl = URI.create(trimmed);

        List<String> issuers = r.list(ConfigKeys.RESOURCE_ISSUERS);
        if (issuers.isEmpty()) {
            throw new ConfigurationException(ConfigKeys.RESOURCE_ISSUERS, ConfigKeys.RESOURCE_ISSUERS + " is required with "
                    + ConfigKeys.RESOURCE_IDENTIFIER + ": list the issuer identifiers of the authorization servers whose"
                    + " access tokens this resource accepts, comma-separated");
        }
        for (String issuer : issuers) {
            ConfigReader.checkedUrl(ConfigKeys.RESOURCE_ISSUERS, issuer, security);
        }
        if (issuers.stream().distinct().count() != issuers.size()) {
            throw new ConfigurationException(ConfigKeys.RESOURCE_ISSUERS, ConfigKeys.RESOURCE_ISSUERS
                    + " names an issuer twice; list each once");
        }
        Map<Integer, URI> jwksUris = new TreeMap<>();
        for (String name : r.names()) {
            if (!name.startsWith(ConfigKeys.RESOURCE_JWKS_URI_PREFIX) || r.string(name).isEmpty()) {
                continue;
            }
            Matcher m = ConfigKeys.JWKS_URI_KEY.matcher(name);
            int index = m.matches() ? Integer.parseInt(m.group(1)) : -1;
            if (index < 0 || index >= issuers.size()) {
                throw new ConfigurationException(name, name + " does not name an issuer: the suffix is the issuer's"
                        + " position in " + ConfigKeys.RESOURCE_ISSUERS + ", 0 to " + (issuers.size() - 1));
            }
            jwksUris.put(index, r.url(name, security).orElseThrow());
        }
        DpopMode dpop = r.choice(ConfigKeys.RESOURCE_DPOP, DpopMode.OPTIONAL, DPOP_MODES);
        boolean nonces = r.bool(ConfigKeys.RESOURCE_DPOP_NONCES, false);
        if (nonces && dpop == DpopMode.DISABLED) {
            throw new ConfigurationException(ConfigKeys.RESOURCE_DPOP_NONCES, ConfigKeys.RESOURCE_DPOP_NONCES
                    + " is true but " + ConfigKeys.RESOURCE_DPOP + " is disabled: nonces are for DPoP proofs. Set "
                    + ConfigKeys.RESOURCE_DPOP + " to required or optional, or the nonces to false");
        }
        boolean legacyType = r.bool(ConfigKeys.RESOURCE_LEGACY_JWT_TYPE, false);
        if (legacyType) {
            warnings.add("ENAJ0101W: " + ConfigKeys.RESOURCE_LEGACY_JWT_TYPE + "=true weakens access token validation:"
                    + " tokens typed JWT are accepted besides at+jwt (A-05 legacy option, RS-05)");
        }
        boolean azp = r.bool(ConfigKeys.RESOURCE_CLIENT_ID_FROM_AZP, false);
        if (azp) {
            warnings.add("ENAJ0102W: " + ConfigKeys.RESOURCE_CLIENT_ID_FROM_AZP + "=true weakens access token validation:"
                    + " the client is taken from azp when a token has no client_id (A-06 legacy option, RS-13)");
        }
        Duration leeway = r.seconds(ConfigKeys.RESOURCE_LEEWAY_SECONDS, DEFAULT_LEEWAY_SECONDS, 0, 300);
        int capacity = r.integer(ConfigKeys.RESOURCE_REPLAY_CAPACITY, DEFAULT_REPLAY_CAPACITY, 1, 100_000_000);
        boolean metadata = r.bool(ConfigKeys.RESOURCE_METADATA, false);
        List<String> scopes = r.list(ConfigKeys.RESOURCE_SCOPES_SUPPORTED);
        for (String scope : scopes) {
            try {
                RequiredScopes.allOf(scope);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(ConfigKeys.RESOURCE_SCOPES_SUPPORTED, ConfigKeys.RESOURCE_SCOPES_SUPPORTED
                        + ": " + e.getMessage());
            }
        }
        return java.util.Optional.of(new ResourceSettings(id.toString(), alternatives, baseUrl, issuers, jwksUris, dpop,
                nonces, legacyType, azp, leeway, capacity, metadata, scopes));
    }

    /** RS-47: an https URL with a host and no fragment; RS-48: a query is warned about. */
    private static URI resourceIdentifier(String key, String value, List<String> warnings) {
        URI uri = ConfigReader.checkedUrl(key, value, TransportSecurity.requireTls());
        if (uri.getRawQuery() != null) {
            warnings.add("ENAJ0106W: " + key + " " + ConfigReader.shown(value) + " has a query component, which a"
                    + " resource identifier should not have (RS-48)");
        }
        return uri;
    }
}
