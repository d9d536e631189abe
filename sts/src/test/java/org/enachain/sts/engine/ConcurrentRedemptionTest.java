package org.enachain.sts.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enachain.sts.engine.CrossDomainSupport.*;
import static org.enachain.sts.engine.StsFixture.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The grant's one-time use under contention (Chaining 3.3, 3.4.2 step 2; A-36). */
class ConcurrentRedemptionTest {

    private static final int CALLERS = 50;

    private final StsFixture sts = StsFixture.create();

    @Test
    @DisplayName("TAS-19, STS-68, A-36: 50 parallel redemptions of one grant give exactly one 200 and 49 invalid_grant")
    void whenOneGrantIsRedeemedInParallelThenExactlyOneSucceeds() throws Exception {
        String grant = aliceGrantForApiA(sts, "a-read");
        List<EndpointRequest> requests = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            requests.add(EndpointRequest.formPost(form(params("grant_type", JWT_BEARER, "assertion", grant,
                    "resource", PARTNER, "scope", "partner-read", "client_id", API_A_AT_B,
                    "client_assertion_type", ASSERTION_TYPE, "client_assertion", sts.assertion(API_A_AT_B, sts.b)))));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        List<EndpointResponse> responses = new ArrayList<>();
        try {
            List<Future<EndpointResponse>> futures = new ArrayList<>();
            for (EndpointRequest request : requests) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return sts.b.token(request);
                }));
            }
            start.countDown();
            for (Future<EndpointResponse> future : futures) {
                responses.add(future.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        List<EndpointResponse> accepted = responses.stream().filter(r -> r.status() == 200).toList();
        List<EndpointResponse> refused = responses.stream().filter(r -> r.status() != 200).toList();
        assertThat(accepted).hasSize(1);
        assertThat(refused).hasSize(CALLERS - 1);
        for (EndpointResponse response : refused) {
            assertRejected(response, 400, "invalid_grant", grant);
        }
        assertThat(claimsOf((String) accepted.get(0).jsonBody().get("access_token")))
                .containsEntry("sub", ALICE_SUB).containsEntry("client_id", API_A_AT_B);
    }
}
