package org.enachain.jakarta.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every enachain setting of one application, read and checked at once ({@link #read}); a wrong value is
 * a {@link ConfigurationException} naming the key and the fix. Immutable.
 *
 * @param resource the inbound settings, when {@code enachain.resource.identifier} is set
 * @param client   the outbound settings, when {@code enachain.client.id} is set
 * @param http     how authorization servers are reached
 * @param warnings every weakening switch that is on, one message each with its message ID, to log at start
 */
public record EnachainSettings(Optional<ResourceSettings> resource, Optional<ClientSettings> client, HttpSettings http,
                               List<String> warnings) {

    public EnachainSettings {
        warnings = List.copyOf(warnings);
    }

    /** Reads and checks every key; unknown keys in enachain's namespaces are errors (a typo would otherwise pass silently). */
    public static EnachainSettings read(ConfigReader r) {
        for (String name : r.names()) {
            if (ConfigKeys.OWN_PREFIXES.stream().anyMatch(name::startsWith) && !ConfigKeys.FIXED_KEYS.contains(name)
                    && !ConfigKeys.JWKS_URI_KEY.matcher(name).matches() && !ConfigKeys.AS_KEY.matcher(name).matches()) {
                throw new ConfigurationException(name, name + " is not an enachain configuration key; check its spelling"
                        + " against the key table in the enachain-jakarta README");
            }
        }
        List<String> warnings = new ArrayList<>();
        HttpSettings http = HttpSettings.read(r);
        if (http.plainHttpOnLoopback()) {
            warnings.add("ENAJ0103W: " + ConfigKeys.INSECURE_PLAIN_HTTP_ON_LOOPBACK + "=true: plain http is allowed to"
                    + " loopback addresses for authorization servers and JWK Sets. For development only, never in"
                    + " production (GEN-01)");
        }
        Optional<ResourceSettings> resource = ResourceSettings.read(r, http.security(), warnings);
        Optional<ClientSettings> client = ClientSettings.read(r, http.security(), warnings);
        return new EnachainSettings(resource, client, http, warnings);
    }
}
