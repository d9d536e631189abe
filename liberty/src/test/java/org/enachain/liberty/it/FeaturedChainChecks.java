package org.enachain.liberty.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enachain.liberty.it.TestClient.ALICE_SUB;
import static org.enachain.liberty.it.TestClient.API_A;
import static org.enachain.liberty.it.TestClient.API_B;
import static org.enachain.liberty.it.TestClient.APP;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.enachain.core.jose.JwkThumbprint;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The same checks of the {@code featured} application ({@code org.enachain.liberty.apps.featured}), whichever
 * way enachain reaches it: {@link FeatureIT} (the Liberty user feature {@code usr:enaChaining-1.0}, nothing in
 * the WAR) and {@link BundledIT} (the jars in {@code WEB-INF/lib}, no feature). Each of the three things that
 * fail silently when a feature misses a Liberty SPI has its own test: the CDI beans (CDIExtensionMetadata),
 * the MP Rest Client listener and the JAX-RS providers (the ResourceProvider of the META-INF/services files).
 */
abstract class FeaturedChainChecks {

    private final TestClient client = TestClient.get();

    /** {@code "/api-a"} or {@code "/bundled-a"}. */
    abstract String apiA();

    /** {@code "/api-b"} or {@code "/bundled-b"}. */
    abstract String apiB();

    private static String apiADpopKey() {
        return TestClient.key("api-a-dpop").thumbprint().value();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> json, String name) {
        Map<String, Object> value = (Map<String, Object>) json.get(name);
        assertThat(value).as("%s in %s", name, json.keySet()).isNotNull();
        return value;
    }

    private Map<String, Object> chain() {
        HttpResponse<String> response = client.send(client.alice().request("GET", ChainServer.uri(apiA() + "/chain")));
        assertThat(response.statusCode()).as("GET %s/chain: %s", apiA(), response.body()).isEqualTo(200);
        return TestClient.json(response.body());
    }

    @Test
    @DisplayName("CL-12, CL-13, CL-25, CL-48, CL-56, STS-54, RS-01, RS-30, RS-35: test client → API A → API B with DPoP, the real"
            + " enachain-sts on the same server: API B gets its own token (aud B, client_id A, act {A, {app}}) bound to API"
            + " A's DPoP key, with a proof by that key")
    void wholeChain() throws JoseException {
        Map<String, Object> atB = object(chain(), "b");

        assertThat(object(atB, "token")).containsEntry("iss", ChainServer.issuerA())
                .containsEntry("aud", List.of(API_B, ChainServer.issuerA()))
                .containsEntry("sub", ALICE_SUB)
                .containsEntry("client_id", API_A)
                .containsEntry("scope", "b-read")
                .containsEntry("act", Map.of("sub", API_A, "act", Map.of("sub", APP)))
                .containsEntry("cnf", Map.of("jkt", apiADpopKey()));
        assertThat(atB).containsEntry("authorization_scheme", "DPoP").containsEntry("scheme", "DPoP");
        @SuppressWarnings("unchecked")
        Map<String, Object> jwk = (Map<String, Object>) object(atB, "proof_header").get("jwk");
        assertThat(JwkThumbprint.of(JsonWebKey.Factory.newJwk(jwk)).value()).as("the proof's key").isEqualTo(apiADpopKey());
    }

    @Test
    @DisplayName("The CDI beans are active: ChainContext is injected in API A and API B and tells each its caller")
    void cdiBeansActive() {
        Map<String, Object> chain = chain();

        assertThat(object(chain, "a")).containsEntry("authenticated", true).containsEntry("subject", ALICE_SUB)
                .containsEntry("client_id", APP);
        assertThat(object(object(chain, "b"), "context")).containsEntry("authenticated", true)
                .containsEntry("subject", ALICE_SUB).containsEntry("client_id", API_A);
    }

    @Test
    @DisplayName("CL-12, CL-56: the RestClientListener is active: API A's outbound call carries a chained token under DPoP,"
            + " not its caller's token")
    void restClientListenerActive() {
        TestClient.Caller alice = client.alice();
        HttpResponse<String> response = client.send(alice.request("GET", ChainServer.uri(apiA() + "/chain")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Object> atB = object(TestClient.json(response.body()), "b");

        Map<String, Object> token = object(atB, "token");
        assertThat(token.get("jti")).isNotEqualTo(TestClient.claimsOf(alice.accessToken()).get("jti"));
        assertThat(token).containsEntry("client_id", API_A).containsKey("act");
        assertThat(atB).containsEntry("authorization_scheme", "DPoP").containsKey("proof_header");
    }

    @Test
    @DisplayName("RS-23, RS-24: the JAX-RS providers file is read: the inbound filter answers a call without credentials"
            + " with 401 and exactly the Bearer and DPoP challenges")
    void inboundFilterActive() {
        for (String path : List.of(apiA() + "/chain", apiB() + "/received")) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(ChainServer.uri(path)).GET());

            assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(401);
            assertThat(response.headers().allValues("WWW-Authenticate")).as("GET %s", path)
                    .containsExactly("Bearer", "DPoP algs=\"ES256 ES384 ES512 RS256 RS384 RS512 PS256 PS384 PS512\"");
        }
    }
}
