package org.enachain.sts.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enachain.sts.engine.StsFixture.*;
import static org.enachain.sts.engine.UserGrantSupport.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.enachain.core.testing.LogCapture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the tenants log while they work (GEN-21, sts/README.md "Logs"): one {@code ENAS5001I} audit
 * line per issued token or grant, naming it by its {@code jti}; a revocation by the {@code sid} it
 * revoked; refusals by their description. Never a token, grant, client assertion, DPoP proof,
 * refresh token, authorization code or password, at any level.
 */
class AuditLogTest {

    /** A compact JWS of JSON: a header and a payload that are both base64url JSON objects. */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]+\\.eyJ");

    private final StsFixture sts = StsFixture.create();
    /** Every secret value the run sent or received. */
    private final List<String> secrets = new ArrayList<>();
    /** The issued JWTs, in order: login, exchange, grant, redemption, refresh. */
    private final List<String> issued = new ArrayList<>();
    private String sid;
    private String logs;

    /** A token request whose client assertion (and DPoP proof) is recorded as a secret. */
    private EndpointResponse post(Tenant tenant, String clientId, Map<String, String> params, boolean dpop) {
        String assertion = sts.assertion(clientId, tenant);
        secrets.add(assertion);
        Map<String, String> all = new LinkedHashMap<>(params);
        all.put("client_id", clientId);
        all.put("client_assertion_type", ASSERTION_TYPE);
        all.put("client_assertion", assertion);
        EndpointRequest request = EndpointRequest.formPost(form(all));
        if (dpop) {
            String proof = sts.proof(clientId, tenant);
            secrets.add(proof);
            request = request.withDpop(proof);
        }
        return tenant.token(request);
    }

    /** The body of a 200 response; its access token is recorded as issued, its refresh token as a secret. */
    private Map<String, Object> ok(EndpointResponse response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        Map<String, Object> body = response.jsonBody();
        String token = (String) body.get("access_token");
        issued.add(token);
        secrets.add(token);
        if (body.get("refresh_token") instanceof String refreshToken) {
            secrets.add(refreshToken);
        }
        return body;
    }

    /**
     * Under log capture: Alice logs in (code with DPoP), API A exchanges her token for API B and for a
     * grant, the grant is redeemed at domain-b, the app refreshes, revokes the new refresh token, and
     * API A's exchange of a tampered token is refused.
     */
    @BeforeEach
    void runTheChain() {
        try (LogCapture capture = new LogCapture()) {
            Map<String, String> request = authorizationRequest();
            request.put("scope", "a-read b-read");
            String code = code(sts, request);
            secrets.add(code);
            secrets.add(ALICE_PASSWORD);
            secrets.add(VERIFIER);

            Map<String, Object> login = ok(post(sts.a, APP, params("grant_type", "authorization_code", "code", code,
                    "redirect_uri", REDIRECT, "code_verifier", VERIFIER), true));
            String appToken = (String) login.get("access_token");
            sid = (String) claimsOf(appToken).get("sid");

            ok(post(sts.a, API_A, params("grant_type", TOKEN_EXCHANGE, "subject_token", appToken,
                    "subject_token_type", ACCESS_TOKEN_TYPE, "requested_token_type", ACCESS_TOKEN_TYPE,
                    "resource", API_B, "scope", "b-read"), false));
            String grant = (String) ok(post(sts.a, API_A, params("grant_type", TOKEN_EXCHANGE,
                    "subject_token", appToken, "subject_token_type", ACCESS_TOKEN_TYPE, "requested_token_type", JWT_TYPE,
                    "audience", ISSUER_B, "scope", "a-read"), false)).get("access_token");
            ok(post(sts.b, API_A_AT_B, params("grant_type", JWT_BEARER, "assertion", grant, "resource", PARTNER,
                    "scope", "partner-read"), true));
            Map<String, Object> refreshed = ok(post(sts.a, APP, params("grant_type", "refresh_token",
                    "refresh_token", (String) login.get("refresh_token")), false));

            String revocationAssertion = sts.assertion(APP, sts.a);
            secrets.add(revocationAssertion);
            EndpointResponse revoked = sts.a.revoke(EndpointRequest.formPost(form(params(
                    "token", (String) refreshed.get("refresh_token"), "client_id", APP,
                    "client_assertion_type", ASSERTION_TYPE, "client_assertion", revocationAssertion))));
            assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);

            String tampered = appToken.substring(0, appToken.length() - 4) + "AAAA";
            secrets.add(tampered);
            EndpointResponse refused = post(sts.a, API_A, params("grant_type", TOKEN_EXCHANGE, "subject_token", tampered,
                    "subject_token_type", ACCESS_TOKEN_TYPE, "requested_token_type", ACCESS_TOKEN_TYPE,
                    "resource", API_B, "scope", "b-read"), false);
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);

            logs = capture.all();
        }
        assertThat(issued).hasSize(5);
    }

    @Test
    @DisplayName("GEN-21: the log of a login, exchange, grant, redemption, refresh, revocation and refusal holds none of their tokens, assertions, proofs, codes or passwords")
    void whenTheChainRunsThenTheLogHoldsNoSecret() {
        assertThat(logs).isNotBlank().doesNotContainPattern(JWT);
        for (String secret : secrets) {
            assertThat(logs).doesNotContain(secret);
            for (String segment : secret.split("\\.")) {
                if (segment.length() >= 16 && !segment.startsWith("eyJ")) {
                    assertThat(logs).as("a signature or opaque value").doesNotContain(segment);
                }
            }
        }
    }

    @Test
    @DisplayName("GEN-21: every issued token and grant has exactly one ENAS5001I audit line, naming it by its jti")
    void whenTheChainRunsThenEachIssuedTokenHasOneAuditLineWithItsJti() {
        List<String> auditLines = logs.lines().filter(l -> l.contains("ENAS5001I")).toList();

        assertThat(auditLines).hasSize(issued.size());
        for (String token : issued) {
            String jti = (String) claimsOf(token).get("jti");
            assertThat(jti).isNotBlank();
            assertThat(auditLines).filteredOn(l -> l.contains("\"jti\":\"" + jti + "\"")).hasSize(1);
        }
    }

    @Test
    @DisplayName("GEN-21: the revocation is audited as ENAS5002I by the sid it revoked, not by the token")
    void whenTheAppRevokesThenTheAuditLineNamesTheSid() {
        assertThat(logs.lines().filter(l -> l.contains("ENAS5002I")).toList()).singleElement().asString()
                .contains("\"sid\":\"" + sid + "\"").contains(APP);
    }

    @Test
    @DisplayName("GEN-21, GEN-77: the refused exchange is logged with its error and description, never the subject token")
    void whenARequestIsRefusedThenTheLogLineHoldsTheDescriptionOnly() {
        assertThat(logs.lines().filter(l -> l.contains("ENAS4002D")).toList()).singleElement().asString()
                .contains("invalid_request").doesNotContain(ALICE_SUB);
    }
}
