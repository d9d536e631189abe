package org.enachain.sts.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.enachain.core.client.ClientIdentity;
import org.enachain.core.jose.SigningKey;

/**
 * The clients of the development and test tenants (src/main/liberty/policies), with their test-only
 * private keys from src/test/resources/it-keys.
 */
final class ItClients {

    static final String APP = "https://app.enachain.test";
    static final String REDIRECT = APP + "/callback";
    static final String API_A = "https://api-a.enachain.test";
    static final String API_B = "https://api-b.enachain.test";
    static final String API_C = "https://api-c.enachain.test";
    static final String API_A_AT_B = "https://api-a.partners.domain-b.enachain.test";
    static final String PARTNER = "https://partner.domain-b.enachain.test";
    static final String ALICE_SUB = "u-7c1e-alice";

    private ItClients() {
    }

    static String issuerA() {
        return LibertyHttps.baseUri() + "/domain-a";
    }

    static String issuerB() {
        return LibertyHttps.baseUri() + "/domain-b";
    }

    static SigningKey key(String name) {
        try (InputStream in = ItClients.class.getResourceAsStream("/it-keys/" + name + ".jwks")) {
            if (in == null) {
                throw new IllegalStateException("Missing test key it-keys/" + name + ".jwks");
            }
            return SigningKey.fromJwks(new String(in.readAllBytes(), StandardCharsets.UTF_8), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client authenticating with private_key_jwt, without DPoP. */
    static ClientIdentity identity(String clientId, String keyName) {
        return ClientIdentity.builder(clientId, key(keyName)).build();
    }

    /** The same client with a DPoP key of its own. */
    static ClientIdentity identityWithDpop(String clientId, String keyName) {
        return ClientIdentity.builder(clientId, key(keyName)).dpopKey(SigningKey.generateEs256()).build();
    }
}
