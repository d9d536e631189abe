package org.enachain.sts.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enachain.sts.engine.StsFixture.*;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.enachain.core.jose.SigningKey;

/**
 * Helpers shared by the token-exchange tests (REQUIREMENTS 6.1 to 6.6): assertions on responses,
 * revocation, and subject tokens crafted with domain-a's own key.
 */
final class ExchangeTestSupport {

    private ExchangeTestSupport() {
    }

    /** Asserts a 200 response and returns its body. */
    static Map<String, Object> ok(EndpointResponse response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.jsonBody();
    }

    /** Asserts a 200 response and returns the decoded claims of its {@code access_token}. */
    static Map<String, Object> issuedClaims(EndpointResponse response) {
        return claimsOf(accessToken(response));
    }

    static String accessToken(EndpointResponse response) {
        Object token = ok(response).get("access_token");
        assertThat(token).as("access_token").isInstanceOf(String.class);
        return (String) token;
    }

    /**
     * Asserts an RFC 6749 5.2 error: the exact status and {@code error}, and an
     * {@code error_description} that holds no token, no user identifier and no key material (GEN-77).
     *
     * @param secrets further values the description must not contain (the subject token, say)
     */
    static void assertRejected(EndpointResponse response, int status, String error, String... secrets) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        Map<String, Object> body = response.jsonBody();
        assertThat(body).as(response.body()).containsEntry("error", error);
        assertThat(body.get("error_description")).as("error_description").isInstanceOf(String.class);
        String description = (String) body.get("error_description");
        assertThat(description).isNotBlank();
        List<String> forbidden = new ArrayList<>(List.of(ALICE_SUB, BOB_SUB, "eyJ"));
        for (SigningKey key : List.of(A_ES256, A_RS256, B_ES256, clientKey(APP), clientKey(API_A), clientKey(API_B),
                dpopKey(APP), dpopKey(API_A), dpopKey(API_B))) {
            key.publicJwk().values().stream().map(String::valueOf).filter(v -> v.length() >= 20).forEach(forbidden::add);
        }
        for (String secret : secrets) {
            forbidden.add(secret);
            for (String part : secret.split("\\.")) {
                if (part.length() >= 16) {
                    forbidden.add(part);
                }
            }
        }
        for (String value : forbidden) {
            assertThat(description).as("error_description leaks a secret").doesNotContain(value);
        }
    }

    /**
     * A token request at domain-a authenticated as {@code clientId}, with the parameters exactly as
     * given: unlike {@link StsFixture#params}, a name may repeat (several {@code resource} or
     * {@code audience} values); a null value leaves the pair out.
     */
    static EndpointResponse post(StsFixture sts, String clientId, boolean dpop, String... namesAndValues) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                append(body, namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        append(body, "client_id", clientId);
        append(body, "client_assertion_type", ASSERTION_TYPE);
        append(body, "client_assertion", sts.assertion(clientId, sts.a));
        EndpointRequest request = EndpointRequest.formPost(body.toString());
        return sts.a.token(dpop ? request.withDpop(sts.proof(clientId, sts.a)) : request);
    }

    private static void append(StringBuilder body, String name, String value) {
        if (body.length() > 0) {
            body.append('&');
        }
        body.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    /** Revokes {@code token} at domain-a's revocation endpoint, authenticated as {@code clientId} (RFC 7009). */
    static void revoke(StsFixture sts, String clientId, String token) {
        EndpointRequest request = EndpointRequest.formPost(StsFixture.form(params("token", token,
                "client_id", clientId, "client_assertion_type", ASSERTION_TYPE,
                "client_assertion", sts.assertion(clientId, sts.a))));
        EndpointResponse response = sts.a.revoke(request);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    /**
     * The claims of a user access token domain-a could have issued to the app for API A, valid for
     * five minutes from now: the baseline the crafted subject tokens change one claim of.
     */
    static Map<String, Object> userTokenClaims(StsFixture sts) {
        long now = sts.clock.instant().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER_A);
        claims.put("sub", ALICE_SUB);
        claims.put("aud", List.of(API_A, ISSUER_A));
        claims.put("client_id", APP);
        claims.put("scope", "a-read b-read c-read");
        claims.put("sid", UUID.randomUUID().toString());
        claims.put("acr", LOA3);
        claims.put("amr", List.of("pwd"));
        claims.put("auth_time", now);
        claims.put("iat", now);
        claims.put("exp", now + 300);
        claims.put("jti", UUID.randomUUID().toString());
        return claims;
    }

    /** An {@code at+jwt} signed with domain-a's key. */
    static String craftedAccessToken(Map<String, Object> claims) {
        return signedByA("at+jwt", claims);
    }

    /**
     * An {@code act} claim of {@code depth} nested levels: {@code outermost} first, then
     * https://app-1.domain-a.test, https://app-2.domain-a.test and so on inwards.
     */
    static Map<String, Object> actorChain(String outermost, int depth) {
        Map<String, Object> level = null;
        for (int i = depth - 1; i >= 0; i--) {
            Map<String, Object> next = new LinkedHashMap<>();
            next.put("sub", i == 0 ? outermost : "https://app-" + i + ".domain-a.test");
            if (level != null) {
                next.put("act", level);
            }
            level = next;
        }
        return level;
    }

    /** Seconds since the epoch of a NumericDate claim. */
    static long seconds(Object numericDate) {
        return ((Number) numericDate).longValue();
    }

    static Instant instant(Object numericDate) {
        return Instant.ofEpochSecond(seconds(numericDate));
    }
}
