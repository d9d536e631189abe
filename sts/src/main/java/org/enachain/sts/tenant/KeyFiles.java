package org.enachain.sts.tenant;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.enachain.core.jose.JwsAlgorithm;
import org.enachain.core.jose.SigningKey;
import org.enachain.sts.policy.SigningKeysPolicy;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * A tenant's secrets on disk: its signing keys as a private JWK Set, generated at first start when
 * the policy says so and kept (owner-only) so a restart keeps the keys its peers trust; and the key
 * of its pseudonymous subjects beside them. Nothing here is ever logged.
 */
public final class KeyFiles {

    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyFiles() {
    }

    /** Loads the signing keys, generating and storing them first when the file is missing and the policy allows. */
    public static List<SigningKey> signingKeys(SigningKeysPolicy policy) throws IOException {
        Path file = policy.file();
        if (!Files.exists(file)) {
            if (!policy.generateWhenMissing()) {
                throw new IOException("The signing key file " + file + " does not exist; provide a private JWK Set"
                        + " there, or add \"generate\" to signing-keys");
            }
            List<SigningKey> generated = new ArrayList<>();
            for (JwsAlgorithm algorithm : policy.generatedAlgorithms()) {
                SigningKey key = SigningKey.generate(algorithm);
                generated.add(key.withKeyId(key.thumbprint().value()));
            }
            writeOwnerOnly(file, privateJwks(generated));
        }
        return read(file);
    }

    static List<SigningKey> read(Path file) throws IOException {
        String json = Files.readString(file, StandardCharsets.UTF_8);
        Object keys;
        try {
            keys = JsonUtil.parseJson(json).get("keys");
        } catch (JoseException e) {
            throw new IOException("The signing key file " + file + " is not a JWK Set");
        }
        if (!(keys instanceof List<?> entries) || entries.isEmpty()) {
            throw new IOException("The signing key file " + file + " holds no keys");
        }
        List<SigningKey> loaded = new ArrayList<>();
        for (Object entry : entries) {
            if (!(entry instanceof Map<?, ?> jwk) || !(jwk.get("kid") instanceof String kid)) {
                throw new IOException("Every key in " + file + " needs a kid");
            }
            try {
                loaded.add(SigningKey.fromJwks(json, kid));
            } catch (IllegalArgumentException e) {
                throw new IOException("The key '" + kid + "' in " + file + " cannot be used: " + e.getMessage());
            }
        }
        return loaded;
    }

    /** The pseudonym key beside the signing keys ({@code <file>.pseudonym-key}), generated when missing. */
    public static byte[] pseudonymKey(SigningKeysPolicy policy) throws IOException {
        Path file = policy.file().resolveSibling(policy.file().getFileName() + ".pseudonym-key");
        if (!Files.exists(file)) {
            byte[] key = new byte[32];
            RANDOM.nextBytes(key);
            writeOwnerOnly(file, Base64.getEncoder().encodeToString(key));
        }
        byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
        if (key.length < 32) {
            throw new IOException("The pseudonym key in " + file + " is shorter than 256 bits");
        }
        return key;
    }

    static String privateJwks(List<SigningKey> keys) {
        List<Map<String, Object>> jwks = new ArrayList<>();
        for (SigningKey key : keys) {
            try {
                PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(key.publicKey());
                jwk.setPrivateKey(key.privateKey());
                jwk.setKeyId(key.keyId());
                jwk.setAlgorithm(key.algorithm().jwaName());
                jwk.setUse("sig");
                jwks.add(jwk.toParams(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
            } catch (JoseException e) {
                throw new IllegalStateException("A generated key cannot be written as a JWK", e);
            }
        }
        return JsonUtil.toJson(Map.of("keys", jwks));
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ".enachain-", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory's permissions protect the file
            }
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file);
            }
        } catch (FileAlreadyExistsException e) {
            // another instance generated them first: use theirs
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
