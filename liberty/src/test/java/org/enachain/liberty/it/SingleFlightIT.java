package org.enachain.liberty.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enachain.liberty.it.TestClient.ALICE_SUB;
import static org.enachain.liberty.it.TestClient.API_A;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Single flight through the whole stack: HTTP, the inbound filter, CDI, the rest client, the chainer, the STS. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Order(2)
class SingleFlightIT {

    private static final int CALLS = 100;

    @Test
    @DisplayName("CL-13, GEN-81: 100 concurrent requests to API A with one caller token → exactly 1 exchange at the STS, and"
            + " API B receives that one token 100 times")
    void oneExchangeForConcurrentCallsWithOneCallerToken() {
        TestClient client = TestClient.get();
        TestClient.Caller alice = client.alice();
        URI uri = ChainServer.uri("/api-a/chain/b");
        long mark = StsAudit.mark();

        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            calls.add(client.http().sendAsync(alice.request("GET", uri).build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<Object> tokenIds = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> response = call.join();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            @SuppressWarnings("unchecked")
            Map<String, Object> token = (Map<String, Object>) TestClient.json(response.body()).get("token");
            tokenIds.add(token.get("jti"));
        }

        assertThat(tokenIds).hasSize(CALLS).containsOnly(tokenIds.get(0));
        List<Map<String, Object>> exchanges = StsAudit.awaitIssued(mark,
                r -> "domain-a".equals(r.get("tenant")) && API_A.equals(r.get("client")) && ALICE_SUB.equals(r.get("sub")),
                1, Duration.ofSeconds(10));
        assertThat(exchanges).hasSize(1);
        assertThat(exchanges.get(0)).containsEntry("jti", tokenIds.get(0))
                .containsEntry("grant", "urn:ietf:params:oauth:grant-type:token-exchange");
    }
}
