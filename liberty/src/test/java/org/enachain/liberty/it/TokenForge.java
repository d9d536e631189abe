package org.enachain.liberty.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.enachain.core.jose.SigningKey;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * Access tokens with exactly the flaws a negative test needs (expired, not yet valid, wrong {@code typ}, no
 * {@code client_id}, ...), signed with domain-a's real signing key — read from the file the STS generated in
 * the test server's policies folder at its first start — so that the only thing wrong with them is the flaw
 * under test. TEST ONLY: nothing but a test may read a tenant's private keys.
 */
public final class TokenForge {

    private final SigningKey key;
    private final Map<String, Object> claims = new LinkedHashMap<>();
    private String type = "at+jwt";
    private SigningKey signer;

    private TokenForge(SigningKey key) {
        this.key = key;
        this.signer = key;
    }

    /** A valid, unbound access token of domain-a for API B with {@code b-read}, for alice, client API A. */
    public static TokenForge forApiB() {
        long now = Instant.now().getEpochSecond();
        TokenForge forge = new TokenForge(domainAKey());
        forge.claims.put("iss", ChainServer.issuerA());
        forge.claims.put("sub", TestClient.ALICE_SUB);
        forge.claims.put("aud", List.of(TestClient.API_B));
        forge.claims.put("client_id", TestClient.API_A);
        forge.claims.put("scope", "b-read");
        forge.claims.put("iat", now);
        forge.claims.put("exp", now + 300);
        forge.claims.put("jti", UUID.randomUUID().toString());
        return forge;
    }

    public TokenForge claim(String name, Object value) {
        claims.put(name, value);
        return this;
    }

    public TokenForge without(String name) {
        claims.remove(name);
        return this;
    }

    public TokenForge type(String typ) {
        this.type = typ;
        return this;
    }

    /** Signed by {@code other} (its own key id) instead of domain-a's key. */
    public TokenForge signedBy(SigningKey other) {
        this.signer = other;
        return this;
    }

    public String sign() {
        return Secrets.remember(signer.sign(type, SigningKey.HeaderKey.KEY_ID, JsonUtil.toJson(claims)));
    }

    /** The same claims with {@code alg: none} and no signature. */
    public String unsecured() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = JsonUtil.toJson(Map.of("typ", type, "alg", "none", "kid", key.keyId()));
        return Secrets.remember(b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(JsonUtil.toJson(claims).getBytes(StandardCharsets.UTF_8)) + ".");
    }

    /** domain-a's first signing key, from {@code policies/keys/domain-a-signing.jwks}. */
    static SigningKey domainAKey() {
        Path file = ChainServer.directory().resolve(Path.of("policies", "keys", "domain-a-signing.jwks"));
        try {
            String json = Files.readString(file, StandardCharsets.UTF_8);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> keys = (List<Map<String, Object>>) JsonUtil.parseJson(json).get("keys");
            return SigningKey.fromJwks(json, (String) keys.get(0).get("kid"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read domain-a's signing keys " + file + " (has the STS started?)", e);
        } catch (JoseException e) {
            throw new IllegalStateException(file + " is not a JWK Set", e);
        }
    }
}
