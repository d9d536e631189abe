package org.enachain.jakarta.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.enachain.core.jose.SigningKey;

/** Loads the key and trust-store files named in the configuration; every failure names the key. */
final class KeyFiles {

    private KeyFiles() {
    }

    /**
     * A signing key from a PKCS #12 file ({@code .p12}, {@code .pfx}), a PEM file (PKCS #8 private key with
     * its public key or certificate), a JWK or a JWK Set (JSON).
     *
     * @param key      the configuration key naming the file, for messages
     * @param keyId    the {@code kid} in a JWK Set, or the alias in a PKCS #12 file; may be null
     * @param password the PKCS #12 password; may be null
     */
    static SigningKey signingKey(String key, Path file, String keyId, String password) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".p12") || name.endsWith(".pfx")) {
                return SigningKey.fromPkcs12(file, password == null ? new char[0] : password.toCharArray(), keyId);
            }
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (text.startsWith("-----BEGIN")) {
                SigningKey pem = SigningKey.fromPem(text);
                return keyId == null ? pem : pem.withKeyId(keyId);
            }
            if (text.startsWith("{")) {
                if (text.contains("\"keys\"")) {
                    return SigningKey.fromJwks(text, keyId);
                }
                SigningKey jwk = SigningKey.fromJwk(text);
                if (keyId != null && !keyId.equals(jwk.keyId())) {
                    throw new IllegalArgumentException("the JWK's kid is '" + jwk.keyId() + "', not '" + keyId + "'");
                }
                return jwk;
            }
            throw new IllegalArgumentException("it is neither PEM (-----BEGIN ...), a JWK or JWK Set (JSON), nor a"
                    + " PKCS #12 file named .p12 or .pfx");
        } catch (IOException e) {
            throw new ConfigurationException(key, key + ": cannot read " + file + ": " + e.getClass().getSimpleName());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ConfigurationException(key, key + ": the key in " + file + " cannot be used: " + e.getMessage());
        }
    }

    /** A TLS context trusting the certificates of a PKCS #12 trust store (also those of its key entries). */
    static SSLContext trusting(String key, Path file, String password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password == null ? null : password.toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new ConfigurationException(key, key + ": cannot read the PKCS #12 trust store " + file + ": "
                    + e.getMessage() + " (is " + ConfigKeys.HTTP_TRUST_STORE_PASSWORD + " right?)");
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException(key, key + ": " + file + " is not a usable PKCS #12 trust store: "
                    + e.getClass().getSimpleName());
        }
    }
}
