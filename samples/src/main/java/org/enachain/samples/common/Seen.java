package org.enachain.samples.common;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.enachain.core.jose.JwkThumbprint;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;

/**
 * What a demo API saw of a request: the decoded header and claims of the access token and the thumbprint of
 * the DPoP proof's key. DEMO ONLY — a real resource never hands a token's contents back to its caller; the
 * demo does so that its page can show the chain as it happened. The signature is never included.
 */
public final class Seen {

    private Seen() {
    }

    /** The view of a request's {@code Authorization} and {@code DPoP} headers (either may be null). */
    public static JsonObject of(List<String> authorization, List<String> dpop) {
        JsonObjectBuilder view = Json.createObjectBuilder();
        String token = tokenOf(authorization);
        if (token != null) {
            String[] parts = token.split("\\.");
            view.add("scheme", authorization.get(0).strip().split(" ", 2)[0]);
            view.add("header", json(parts[0]));
            view.add("claims", json(parts.length > 1 ? parts[1] : ""));
        }
        if (dpop != null && dpop.size() == 1) {
            view.add("proof_jkt", proofThumbprint(dpop.get(0)));
        }
        return view.build();
    }

    private static String tokenOf(List<String> authorization) {
        if (authorization == null || authorization.size() != 1) {
            return null;
        }
        String value = authorization.get(0).strip();
        int space = value.indexOf(' ');
        return space < 0 ? null : value.substring(space + 1).strip();
    }

    private static JsonObject json(String part) {
        try (JsonReader reader = Json.createReader(new StringReader(
                new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8)))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            return Json.createObjectBuilder().add("unreadable", e.getClass().getSimpleName()).build();
        }
    }

    @SuppressWarnings("unchecked")
    private static String proofThumbprint(String proof) {
        try {
            String header = new String(Base64.getUrlDecoder().decode(proof.split("\\.")[0]), StandardCharsets.UTF_8);
            Map<String, Object> jwk = (Map<String, Object>) JsonUtil.parseJson(header).get("jwk");
            return JwkThumbprint.of(JsonWebKey.Factory.newJwk(jwk)).value();
        } catch (org.jose4j.lang.JoseException | RuntimeException e) {
            return "unreadable proof: " + e.getClass().getSimpleName();
        }
    }
}
