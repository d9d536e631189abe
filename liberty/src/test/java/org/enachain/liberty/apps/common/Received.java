package org.enachain.liberty.apps.common;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.enachain.core.jose.JwkThumbprint;
import org.enachain.jakarta.inbound.ChainContext;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;

/**
 * What a test API received, as JSON for the ITs to look at: the decoded payload of the access token it was
 * called with (TEST APPLICATIONS ONLY — a real resource never echoes a token's contents), the thumbprint of
 * the key of the DPoP proof that came with it, the {@link SecurityContext} and the {@link ChainContext} the
 * inbound filter set up.
 */
public final class Received {

    private Received() {
    }

    /** The view of a request whose token came in the {@code Authorization} header. */
    public static JsonObjectBuilder view(HttpHeaders headers, SecurityContext security, ChainContext chain) {
        return view(tokenFromHeader(headers.getRequestHeader(HttpHeaders.AUTHORIZATION)), headers, security, chain);
    }

    /** The view of a request whose token is {@code token} (e.g. from a form body). */
    public static JsonObjectBuilder view(String token, HttpHeaders headers, SecurityContext security, ChainContext chain) {
        JsonObjectBuilder view = Json.createObjectBuilder();
        if (token != null) {
            view.add("token", payload(token));
        }
        List<String> proofs = headers.getRequestHeader("DPoP");
        if (proofs != null && proofs.size() == 1) {
            view.add("proof_jkt", proofThumbprint(proofs.get(0)));
        }
        if (security.getUserPrincipal() != null) {
            view.add("principal", security.getUserPrincipal().getName());
        }
        if (security.getAuthenticationScheme() != null) {
            view.add("scheme", security.getAuthenticationScheme());
        }
        view.add("secure", security.isSecure());
        view.add("context", context(chain));
        return view;
    }

    private static JsonObjectBuilder context(ChainContext chain) {
        JsonObjectBuilder c = Json.createObjectBuilder().add("authenticated", chain.isAuthenticated());
        if (!chain.isAuthenticated()) {
            return c;
        }
        c.add("subject", chain.subject()).add("client_id", chain.clientId())
                .add("scopes", Json.createArrayBuilder(chain.scopes().stream().sorted().toList()))
                .add("actors", Json.createArrayBuilder(chain.actors().actors()))
                .add("amr", Json.createArrayBuilder(chain.amr()));
        chain.acr().ifPresent(acr -> c.add("acr", acr));
        chain.authTime().ifPresent(t -> c.add("auth_time", t.getEpochSecond()));
        chain.tokenId().ifPresent(jti -> c.add("token_id", jti));
        return c;
    }

    private static String tokenFromHeader(List<String> authorization) {
        if (authorization == null || authorization.size() != 1) {
            return null;
        }
        String value = authorization.get(0).strip();
        int space = value.indexOf(' ');
        return space < 0 ? null : value.substring(space + 1).strip();
    }

    private static JsonObject payload(String jwt) {
        String[] parts = jwt.split("\\.");
        String json = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
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
