package org.enachain.sts.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enachain.sts.engine.StsFixture.*;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.enachain.core.jose.SigningKey;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * Shared checks and raw requests for the authorization-server tests of REQUIREMENTS 3.3: the RFC 6749
 * 5.2 error shape with a description that leaks nothing (GEN-75 to GEN-77), requests the fixture's
 * helpers cannot express (repeated parameters, several DPoP headers, other methods), and signature
 * checks against the published JWK Set.
 */
final class TokenEndpointChecks {

    private TokenEndpointChecks() {
    }

    /**
     * The response is an RFC 6749 5.2 error: exactly {@code status}, JSON, {@code error} equal to
     * {@code error}, an {@code error_description} (GEN-76) that names no user and none of {@code secrets}
     * (GEN-77), and the no-store headers.
     */
    static void assertError(EndpointResponse response, int status, String error, String... secrets) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.mediaType()).isEqualTo(EndpointResponse.JSON);
        assertThat(response.headers()).containsEntry("Cache-Control", "no-store");
        Map<String, Object> body = response.jsonBody();
        assertThat(body).containsEntry("error", error);
        assertThat(body.get("error_description")).isInstanceOf(String.class);
        String description = (String) body.get("error_description");
        assertThat(description).isNotBlank().doesNotContain(ALICE_SUB).doesNotContain(BOB_SUB);
        for (String secret : secrets) {
            assertThat(description).doesNotContain(secret);
        }
        assertThat(body.keySet()).isSubsetOf("error", "error_description", "error_uri");
    }

    /** Every way the token endpoint answers 200, each from a fresh valid fixture (GEN-74, GEN-98, GEN-100). */
    enum SuccessPath {
        AUTHORIZATION_CODE("Bearer") {
            @Override
            EndpointResponse run(StsFixture sts) {
                return redeemCode(sts, false);
            }
        },
        AUTHORIZATION_CODE_WITH_DPOP("DPoP") {
            @Override
            EndpointResponse run(StsFixture sts) {
                return redeemCode(sts, true);
            }
        },
        REFRESH_TOKEN("Bearer") {
            @Override
            EndpointResponse run(StsFixture sts) {
                String refreshToken = (String) sts.login(API_A, "a-read b-read", false).get("refresh_token");
                return sts.token(sts.a, APP, params("grant_type", "refresh_token", "refresh_token", refreshToken));
            }
        },
        TOKEN_EXCHANGE("Bearer") {
            @Override
            EndpointResponse run(StsFixture sts) {
                return sts.exchange(API_A, sts.aliceTokenForApiA(), API_B, "b-read", false);
            }
        },
        TOKEN_EXCHANGE_WITH_DPOP("DPoP") {
            @Override
            EndpointResponse run(StsFixture sts) {
                return sts.exchange(API_A, sts.aliceTokenForApiA(), API_C, "c-read", true);
            }
        },
        CROSS_DOMAIN_GRANT("N_A") {
            @Override
            EndpointResponse run(StsFixture sts) {
                return sts.grantFor(API_A, sts.aliceTokenForApiA(), "a-read");
            }
        },
        JWT_BEARER_GRANT("Bearer") {
            @Override
            EndpointResponse run(StsFixture sts) {
                EndpointResponse grant = sts.grantFor(API_A, sts.aliceTokenForApiA(), "a-read");
                assertOk(grant);
                return sts.redeem(API_A_AT_B, (String) grant.jsonBody().get("access_token"), PARTNER, "partner-read",
                        false);
            }
        };

        private final String tokenType;

        SuccessPath(String tokenType) {
            this.tokenType = tokenType;
        }

        /** The {@code token_type} this path answers with. */
        String tokenType() {
            return tokenType;
        }

        abstract EndpointResponse run(StsFixture sts);

        private static EndpointResponse redeemCode(StsFixture sts, boolean dpop) {
            String code = sts.authorizationCode("alice", "alice-demo-password", APP, API_A, "a-read b-read");
            return sts.token(sts.a, APP, params("grant_type", "authorization_code", "code", code,
                    "redirect_uri", REDIRECT, "code_verifier", VERIFIER), dpop);
        }
    }

    static void assertOk(EndpointResponse response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    /** The form body of a request authenticated as {@code clientId} at {@code tenant}, plus repeated pairs. */
    static String authenticatedForm(StsFixture sts, Tenant tenant, String clientId, Map<String, String> params,
                                    String... extraNamesAndValues) {
        Map<String, String> all = new LinkedHashMap<>(params);
        all.putIfAbsent("client_id", clientId);
        all.putIfAbsent("client_assertion_type", ASSERTION_TYPE);
        all.putIfAbsent("client_assertion", sts.assertion(clientId, tenant));
        StringBuilder body = new StringBuilder(form(all));
        for (int i = 0; i < extraNamesAndValues.length; i += 2) {
            body.append('&').append(encode(extraNamesAndValues[i])).append('=').append(encode(extraNamesAndValues[i + 1]));
        }
        return body.toString();
    }

    /** A form POST with exactly these DPoP header values. */
    static EndpointRequest post(String body, String... dpopHeaders) {
        return new EndpointRequest("POST", FormParameters.MEDIA_TYPE, body, List.of(dpopHeaders), Optional.empty());
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The client assertion claims the fixture would send, for a test to change one of them. */
    static Map<String, Object> assertionClaims(StsFixture sts, String clientId, String audience) {
        long now = sts.clock.instant().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", clientId);
        claims.put("sub", clientId);
        claims.put("aud", audience);
        claims.put("iat", now);
        claims.put("exp", now + 60);
        claims.put("jti", java.util.UUID.randomUUID().toString());
        return claims;
    }

    static String signAssertion(SigningKey key, String typ, Map<String, Object> claims) {
        return key.sign(typ, SigningKey.HeaderKey.KEY_ID, JsonUtil.toJson(claims));
    }

    /** The keys of a published JWK Set, as JSON objects. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> jwks(Tenant tenant) {
        try {
            return new ArrayList<>((List<Map<String, Object>>) JsonUtil.parseJson(tenant.jwksJson()).get("keys"));
        } catch (JoseException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Finds the one key of {@code tenant}'s published JWK Set named by the JWT's {@code kid} and checks
     * the signature with it under the header's {@code alg}.
     */
    static boolean verifiesWithPublishedKey(Tenant tenant, String jwt) {
        try {
            String kid = (String) headerOf(jwt).get("kid");
            List<JsonWebKey> matching = new JsonWebKeySet(tenant.jwksJson()).getJsonWebKeys().stream()
                    .filter(k -> kid != null && kid.equals(k.getKeyId())).toList();
            assertThat(matching).as("keys with kid " + kid).hasSize(1);
            JsonWebSignature jws = new JsonWebSignature();
            jws.setCompactSerialization(jwt);
            jws.setKey(((PublicJsonWebKey) matching.get(0)).getPublicKey());
            return jws.verifySignature();
        } catch (JoseException e) {
            throw new AssertionError(e);
        }
    }
}
