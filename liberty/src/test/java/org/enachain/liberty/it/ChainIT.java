package org.enachain.liberty.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enachain.liberty.it.TestClient.ALICE_SUB;
import static org.enachain.liberty.it.TestClient.API_A;
import static org.enachain.liberty.it.TestClient.API_A_AT_B;
import static org.enachain.liberty.it.TestClient.API_B;
import static org.enachain.liberty.it.TestClient.API_C;
import static org.enachain.liberty.it.TestClient.APP;
import static org.enachain.liberty.it.TestClient.PARTNER;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.enachain.liberty.apps.common.Ids;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole chain on Liberty, driven like a real application: the test client logs alice in at domain-a
 * (DPoP-bound token) and calls API A with a DPoP proof; API A's {@code @ChainedToken} rest clients exchange
 * her token at the real enachain-sts and call API B, API C or domain-b's partner API, each of which answers
 * with what it received (see {@code org.enachain.liberty.apps}).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Order(1)
class ChainIT {

    private final TestClient client = TestClient.get();

    /** The thumbprint of API A's DPoP key (enachain.client.dpop-key = it-keys/api-a-dpop.jwks). */
    private static String apiADpopKey() {
        return TestClient.key("api-a-dpop").thumbprint().value();
    }

    private Map<String, Object> call(TestClient.Caller caller, String path) {
        HttpResponse<String> response = client.send(caller.request("GET", ChainServer.uri(path)));
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return TestClient.json(response.body());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> token(Map<String, Object> received) {
        return (Map<String, Object>) received.get("token");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> context(Map<String, Object> received) {
        return (Map<String, Object>) received.get("context");
    }

    @Test
    @DisplayName("CL-12, CL-13, CL-25, CL-48, CL-56, CL-66, STS-54, STS-60, RS-01, RS-30, RS-35: test client → API A → API B with"
            + " DPoP on every hop: API B gets its own token (aud B, client_id A, act {A, {app}}), bound to API A's DPoP key,"
            + " with a proof made with that key")
    void intraDomainChainWithDpopOnEveryHop() {
        TestClient.Caller alice = client.alice();

        Map<String, Object> atB = call(alice, "/api-a/chain/b");

        Map<String, Object> token = token(atB);
        assertThat(token).containsEntry("iss", ChainServer.issuerA())
                .containsEntry("aud", List.of(API_B, ChainServer.issuerA()))
                .containsEntry("sub", ALICE_SUB)
                .containsEntry("client_id", API_A)
                .containsEntry("scope", "b-read")
                .containsEntry("act", Map.of("sub", API_A, "act", Map.of("sub", APP)))
                .containsEntry("cnf", Map.of("jkt", apiADpopKey()));
        // CL-12: not alice's token passed on
        assertThat(token.get("jti")).isNotEqualTo(TestClient.claimsOf(alice.accessToken()).get("jti"));
        // CL-56: presented with the DPoP scheme and a proof by the key the token is bound to
        assertThat(atB).containsEntry("scheme", "DPoP").containsEntry("proof_jkt", apiADpopKey())
                .containsEntry("principal", ALICE_SUB).containsEntry("secure", true);
        assertThat(context(atB)).containsEntry("authenticated", true).containsEntry("subject", ALICE_SUB)
                .containsEntry("client_id", API_A).containsEntry("scopes", List.of("b-read"))
                .containsEntry("actors", List.of(API_A, APP)).containsEntry("token_id", token.get("jti"))
                .containsEntry("acr", "http://id.elegnamnden.se/loa/1.0/loa3");
    }

    @Test
    @DisplayName("CL-57, RS-17, RS-38: the same caller token twice: API A reuses its cached token for API B with a new proof"
            + " each time (API B rejects a replayed proof, so a second 200 means a fresh one)")
    void aCachedTokenIsPresentedWithAFreshProofEachTime() {
        TestClient.Caller alice = client.alice();

        Map<String, Object> first = call(alice, "/api-a/chain/b");
        Map<String, Object> second = call(alice, "/api-a/chain/b");

        assertThat(token(second).get("jti")).isEqualTo(token(first).get("jti"));
    }

    @Test
    @DisplayName("STS-63, STS-64, CL-69, CL-72, RS-39, RS-44: app → API A → API B → API C: act nests twice; API C requires DPoP"
            + " and nonces, and API B's client retries once with the nonce")
    void twoHopsNestTheActorsTwice() {
        TestClient.Caller alice = client.alice();

        Map<String, Object> atB = call(alice, "/api-a/chain/b-c");

        assertThat(token(atB)).containsEntry("scope", "b-read c-read").containsEntry("client_id", API_A);
        @SuppressWarnings("unchecked")
        Map<String, Object> atC = (Map<String, Object>) atB.get("next");
        Map<String, Object> tokenAtC = token(atC);
        assertThat(tokenAtC).containsEntry("aud", API_C).containsEntry("sub", ALICE_SUB)
                .containsEntry("client_id", API_B).containsEntry("scope", "c-read")
                .containsEntry("act", Map.of("sub", API_B, "act", Map.of("sub", API_A, "act", Map.of("sub", APP))))
                .containsEntry("cnf", Map.of("jkt", atC.get("proof_jkt")));
        assertThat(atC).containsEntry("scheme", "DPoP");
        assertThat(context(atC)).containsEntry("actors", List.of(API_B, API_A, APP));
    }

    @Test
    @DisplayName("CL-30, CL-33, CL-42, CL-44, CL-46, TAS-01: API A → domain-b's partner API through a grant from domain-a and a"
            + " token from domain-b, requested under API A's client id at domain-b")
    void crossDomainThroughTheGrantOfDomainA() {
        TestClient.Caller alice = client.alice();
        long mark = StsAudit.mark();

        Map<String, Object> atPartner = call(alice, "/api-a/chain/partner");

        Map<String, Object> token = token(atPartner);
        assertThat(token).containsEntry("iss", ChainServer.issuerB()).containsEntry("aud", PARTNER)
                .containsEntry("sub", ALICE_SUB).containsEntry("client_id", API_A_AT_B)
                .containsEntry("scope", "partner-read")
                .containsEntry("act", Map.of("sub", API_A_AT_B, "act", Map.of("sub", API_A, "act", Map.of("sub", APP))));
        assertThat(token.get("cnf")).isEqualTo(Map.of("jkt", atPartner.get("proof_jkt")));
        assertThat(atPartner).containsEntry("scheme", "DPoP");
        // leg 1 at domain-a (the grant, for domain-b's issuer), leg 2 at domain-b
        List<Map<String, Object>> issued = StsAudit.awaitIssued(mark, r -> API_A.equals(r.get("client"))
                || API_A_AT_B.equals(r.get("client")), 2, Duration.ofSeconds(10));
        assertThat(issued).extracting(r -> r.get("tenant"), r -> r.get("client"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("domain-a", API_A),
                        org.assertj.core.groups.Tuple.tuple("domain-b", API_A_AT_B));
        assertThat(issued.get(0).get("aud")).isEqualTo(ChainServer.issuerB());
    }

    @Test
    @DisplayName("A CompletionStage rest client method: the caller's token reaches the exchange on the async thread")
    void asyncClientMethod() {
        TestClient.Caller alice = client.alice();

        Map<String, Object> atB = call(alice, "/api-a/chain/b-async");

        assertThat(token(atB)).containsEntry("aud", List.of(API_B, ChainServer.issuerA())).containsEntry("sub", ALICE_SUB)
                .containsEntry("act", Map.of("sub", API_A, "act", Map.of("sub", APP)))
                .containsEntry("cnf", Map.of("jkt", apiADpopKey()));
        assertThat(atB).containsEntry("scheme", "DPoP");
    }

    @Test
    @DisplayName("CL-25: a method-level @ChainedToken (API C, c-read) wins over the interface's (API B, b-read)")
    void methodLevelAnnotationOverridesTheTypeLevelOne() {
        TestClient.Caller alice = client.alice();

        Map<String, Object> atC = call(alice, "/api-a/chain/c");

        assertThat(token(atC)).containsEntry("aud", API_C).containsEntry("scope", "c-read")
                .containsEntry("client_id", API_A).containsEntry("cnf", Map.of("jkt", apiADpopKey()))
                .containsEntry("act", Map.of("sub", API_A, "act", Map.of("sub", APP)));
    }

    @Test
    @DisplayName("CL-19: <configKey>/enachain/scope in the application's configuration overrides the annotation's scope")
    void configurationOverridesTheAnnotation() {
        TestClient.Caller alice = client.alice();

        Map<String, Object> atB = call(alice, "/api-a/chain/b-configured");

        assertThat(token(atB)).containsEntry("aud", List.of(API_B, ChainServer.issuerA()))
                .containsEntry("scope", "b-read c-read");
    }

    @Test
    @DisplayName("An exchange the STS refuses (invalid_target) is 403 application/problem+json naming the target and the error,"
            + " with no token")
    void refusedExchangeIsProblem403() {
        TestClient.Caller alice = client.alice();

        HttpResponse<String> response = client.send(alice.request("GET", ChainServer.uri("/api-a/chain/unknown")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        Map<String, Object> problem = TestClient.json(response.body());
        assertThat(problem).containsKeys("type", "title").containsEntry("status", 403L);
        assertThat((String) problem.get("detail")).contains(Ids.UNKNOWN_API).contains("invalid_target");
        assertThat(response.body()).doesNotContain("eyJ");
    }

    @Test
    @DisplayName("No caller token (a @PermitAll endpoint called without one): 500 problem+json, and no exchange was made")
    void noCallerTokenFailsBeforeAnyExchange() {
        long mark = StsAudit.mark();

        HttpResponse<String> response = client.send(java.net.http.HttpRequest.newBuilder(ChainServer.uri("/api-a/open/b")).GET());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(TestClient.json(response.body())).containsEntry("type", "urn:enachain:problem:no-caller-token")
                .containsEntry("target", API_B);
        assertThat(StsAudit.issuedSince(mark)).isEmpty();
    }
}
