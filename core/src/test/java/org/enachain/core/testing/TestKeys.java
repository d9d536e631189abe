package org.enachain.core.testing;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import org.enachain.core.jose.JwsAlgorithm;
import org.enachain.core.jose.SigningKey;

/** Keys generated once per test JVM (RSA generation is slow) and shared by the tests. */
public final class TestKeys {

    /** The authorization server's keys. */
    public static final SigningKey AS_ES256 = SigningKey.generateEs256().withKeyId("as-es256");
    public static final SigningKey AS_RS256 = SigningKey.generate(JwsAlgorithm.RS256).withKeyId("as-rs256");
    /** A client's key (assertions, DPoP). */
    public static final SigningKey CLIENT_ES256 = SigningKey.generateEs256().withKeyId("client-es256");
    public static final SigningKey CLIENT_RS256 = SigningKey.generate(JwsAlgorithm.RS256).withKeyId("client-rs256");
    /** A key nobody trusts. */
    public static final SigningKey ATTACKER_ES256 = SigningKey.generateEs256().withKeyId("as-es256");
    public static final SigningKey ATTACKER_RS256 = SigningKey.generate(JwsAlgorithm.RS256).withKeyId("as-rs256");

    private TestKeys() {
    }

    /** A 1024-bit RSA key pair, which the profile forbids (GEN-03). */
    public static KeyPair weakRsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(1024);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
