package org.enachain.core.jose;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PEM blocks enachain reads (RFC 7468): {@code PRIVATE KEY} (PKCS #8), {@code PUBLIC KEY}
 * (SubjectPublicKeyInfo) and {@code CERTIFICATE}. Other blocks fail with a message naming the
 * conversion that fixes them.
 */
final class Pem {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

    private static final String ENCRYPTED_PEM = "Encrypted PEM keys are not read; keep a password-protected key in a"
            + " PKCS #12 keystore instead (openssl pkcs12 -export -inkey key.pem -in cert.pem -out key.p12)";

    record Block(String label, byte[] der) {
    }

    private Pem() {
    }

    static List<Block> blocks(String pem) {
        if (pem.contains("Proc-Type: 4,ENCRYPTED")) {
            throw new IllegalArgumentException(ENCRYPTED_PEM);
        }
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            String label = m.group(1);
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(m.group(2));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("The PEM block '" + label + "' is not valid base64");
            }
            blocks.add(new Block(label, der));
        }
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("No PEM block found (expected -----BEGIN ...----- lines)");
        }
        return blocks;
    }

    static PrivateKey privateKey(Block block) {
        switch (block.label()) {
            case "PRIVATE KEY":
                for (String algorithm : new String[] {"RSA", "EC"}) {
                    try {
                        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(block.der()));
                    } catch (GeneralSecurityException e) {
                        // not this algorithm; try the next
                    }
                }
                throw new IllegalArgumentException("The PRIVATE KEY block is neither an RSA nor an EC key");
            case "RSA PRIVATE KEY":
            case "EC PRIVATE KEY":
                throw new IllegalArgumentException("The key is in the legacy '" + block.label()
                        + "' format; convert it to PKCS #8 with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem");
            case "ENCRYPTED PRIVATE KEY":
                throw new IllegalArgumentException(ENCRYPTED_PEM);
            default:
                throw new IllegalArgumentException("A PEM '" + block.label() + "' block is not a private key");
        }
    }

    static PublicKey publicKey(Block block) {
        try {
            switch (block.label()) {
                case "PUBLIC KEY":
                    for (String algorithm : new String[] {"RSA", "EC"}) {
                        try {
                            return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(block.der()));
                        } catch (GeneralSecurityException e) {
                            // not this algorithm; try the next
                        }
                    }
                    throw new IllegalArgumentException("The PUBLIC KEY block is neither an RSA nor an EC key");
                case "CERTIFICATE":
                    X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                            .generateCertificate(new ByteArrayInputStream(block.der()));
                    return certificate.getPublicKey();
                default:
                    throw new IllegalArgumentException("A PEM '" + block.label() + "' block is not a public key or certificate");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("The PEM " + block.label() + " block cannot be read", e);
        }
    }

    static boolean isPrivate(Block block) {
        return block.label().endsWith("PRIVATE KEY");
    }
}
