package org.enachain.core.client;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.enachain.core.testing.JwtFixture;
import org.enachain.core.testing.ScriptedAuthorizationServer;
import org.enachain.core.testing.TestHttpsServer;
import org.enachain.core.testing.TestKeys;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/** Shared values and small helpers for the token endpoint client tests. */
final class ClientTestSupport {

    /** The client identifier registered at the originating AS. */
    static final String CLIENT_ID = "https://app.example.com";
    /** The same client's identifier registered at the target-domain AS (CL-08, CL-44). */
    static final String TARGET_CLIENT_ID = "https://app.domain-b.example";
    /** A downstream protected resource's identifier. */
    static final String RESOURCE = "https://api-b.example.com";
    /** A peer AS's issuer. */
    static final String TARGET_ISSUER = "https://as.domain-b.example";

    /** The inbound access token: a real signed JWT, so its exact bytes matter. */
    static final String SUBJECT_TOKEN = JwtFixture.accessToken(TestKeys.AS_ES256,
            Instant.parse("2026-11-27T12:00:00Z")).compact();

    static final String ISSUED_ACCESS_TOKEN = "issued-access-token-0f3a9c";
    static final String ISSUED_GRANT = JwtFixture.authorizationGrant(TestKeys.AS_ES256,
            Instant.parse("2026-11-27T12:00:00Z")).compact();

    private ClientTestSupport() {
    }

    /** A successful Bearer response for an access token request. */
    static TestHttpsServer.Reply bearer() {
        return ScriptedAuthorizationServer.token(ISSUED_ACCESS_TOKEN, "Bearer", 300,
                TokenTypeUri.ACCESS_TOKEN.uri(), null);
    }

    /** A successful DPoP response for an access token request. */
    static TestHttpsServer.Reply dpopBound() {
        return ScriptedAuthorizationServer.token(ISSUED_ACCESS_TOKEN, "DPoP", 300,
                TokenTypeUri.ACCESS_TOKEN.uri(), null);
    }

    /** A successful cross-domain response: the JWT grant with token_type N_A (Chaining 3.3.4). */
    static TestHttpsServer.Reply grant() {
        return ScriptedAuthorizationServer.token(ISSUED_GRANT, "N_A", 60, TokenTypeUri.JWT.uri(), null);
    }

    /** {@code reply} with extra response headers. */
    static TestHttpsServer.Reply withHeader(TestHttpsServer.Reply reply, String name, String value) {
        Map<String, String> headers = new java.util.LinkedHashMap<>(reply.headers());
        headers.put(name, value);
        return new TestHttpsServer.Reply(reply.status(), headers, reply.body(), reply.delivery());
    }

    /**
     * Scripts the next token answers of {@code as}, replacing whatever an earlier test left: a fresh
     * queue, answered in order, then {@code 500 server_error} when it runs dry.
     */
    static void script(ScriptedAuthorizationServer as, TestHttpsServer.Reply... replies) {
        Deque<TestHttpsServer.Reply> queue = new ArrayDeque<>(List.of(replies));
        as.onToken(r -> {
            synchronized (queue) {
                TestHttpsServer.Reply next = queue.poll();
                return next != null ? next : ScriptedAuthorizationServer.error(500, "server_error", "nothing scripted");
            }
        });
    }

    /** The decoded JOSE header of a compact JWS. */
    static Map<String, Object> header(String compact) {
        return segment(compact, 0);
    }

    /** The decoded payload of a compact JWS, exactly as its JSON reads (an {@code aud} string stays a string). */
    static Map<String, Object> claims(String compact) {
        return segment(compact, 1);
    }

    private static Map<String, Object> segment(String compact, int index) {
        String[] parts = compact.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a compact JWS: " + parts.length + " parts");
        }
        try {
            return JsonUtil.parseJson(new String(Base64.getUrlDecoder().decode(parts[index]), StandardCharsets.UTF_8));
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The private part ({@code d}) of the client key the tests sign assertions with, base64url as in a JWK. */
    static final String CLIENT_PRIVATE_KEY_D = privateD(TestKeys.CLIENT_ES256);

    private static String privateD(org.enachain.core.jose.SigningKey key) {
        try {
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(key.publicKey());
            jwk.setPrivateKey(key.privateKey());
            return (String) jwk.toParams(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE).get("d");
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks that no secret appears in the message of {@code e} or of any of its causes: not the
     * subject token, not the issued token or grant, not the client's private key, and not any of
     * the client assertions and DPoP proofs that {@code as} received.
     */
    static void assertNoSecrets(Throwable e, ScriptedAuthorizationServer as) {
        List<String> secrets = new ArrayList<>(List.of(SUBJECT_TOKEN, ISSUED_ACCESS_TOKEN, ISSUED_GRANT, CLIENT_PRIVATE_KEY_D));
        for (TestHttpsServer.Received r : as.tokenRequests()) {
            String assertion = r.formValue("client_assertion");
            if (assertion != null) {
                secrets.add(assertion);
                secrets.add(assertion.substring(assertion.lastIndexOf('.') + 1));
            }
            secrets.addAll(r.headerValues("DPoP"));
        }
        List<String> messages = messageChain(e);
        for (String secret : secrets) {
            org.assertj.core.api.Assertions.assertThat(messages).as("exception messages").allSatisfy(
                    m -> org.assertj.core.api.Assertions.assertThat(m).doesNotContain(secret));
        }
    }

    /** The messages of {@code e} and all its causes, for checks that no secret leaks into them. */
    static List<String> messageChain(Throwable e) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
            messages.add(t.toString());
        }
        return messages;
    }
}
