package org.enachain.sts.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.enachain.core.jose.JwsAlgorithm;
import org.enachain.core.jose.SigningKey;
import org.enachain.core.jose.VerificationKeys;
import org.jose4j.json.JsonUtil;

/**
 * A tenant's signing keys: the first is the default, others serve resources that expect another
 * algorithm (GEN-82). Every key has a {@code kid} and {@code use} in the published JWK Set
 * (GEN-49, GEN-50, GEN-84).
 */
final class TenantKeys {

    private final List<SigningKey> keys;
    private final VerificationKeys verification;
    private final String jwksJson;

    TenantKeys(List<SigningKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("A tenant needs at least one signing key");
        }
        List<Map<String, Object>> jwks = new ArrayList<>();
        Set<String> keyIds = new HashSet<>();
        for (SigningKey key : keys) {
            if (key.keyId() == null) {
                throw new IllegalArgumentException("Every signing key of a tenant needs a kid (GEN-84)");
            }
            if (!keyIds.add(key.keyId())) {
                throw new IllegalArgumentException("Two signing keys of a tenant share the kid " + key.keyId()
                        + "; every kid must name one key (GEN-84)");
            }
            Map<String, Object> jwk = new LinkedHashMap<>(key.publicJwk());
            jwk.put("use", "sig");
            jwks.add(jwk);
        }
        this.keys = List.copyOf(keys);
        this.verification = VerificationKeys.of(keys.toArray(SigningKey[]::new));
        this.jwksJson = JsonUtil.toJson(Map.of("keys", jwks));
    }

    /** The key for {@code preferred}, or the default key when no preference is known. */
    SigningKey forAlgorithm(Optional<JwsAlgorithm> preferred) {
        if (preferred.isEmpty()) {
            return keys.get(0);
        }
        return keys.stream().filter(k -> k.algorithm() == preferred.get()).findFirst()
                .orElseThrow(() -> new IllegalStateException("No signing key for " + preferred.get()));
    }

    boolean has(JwsAlgorithm algorithm) {
        return keys.stream().anyMatch(k -> k.algorithm() == algorithm);
    }

    VerificationKeys verificationKeys() {
        return verification;
    }

    String jwksJson() {
        return jwksJson;
    }
}
