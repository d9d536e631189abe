package org.enachain.sts.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enachain.sts.engine.StsFixture.*;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** One tenant serving many exchanges at once: a shared, thread-safe engine (STS-01, GEN-81). */
class ConcurrentExchangeTest {

    private static final int EXCHANGES = 500;
    private static final int THREADS = 16;

    private final StsFixture sts = StsFixture.create();

    @Test
    @DisplayName("STS-01, GEN-81: 500 parallel exchanges of 500 distinct subject tokens all succeed with unique jti")
    void whenManyExchangesRunInParallelThenAllSucceedWithUniqueJti() throws Exception {
        List<String> subjects = new ArrayList<>();
        for (int i = 0; i < EXCHANGES; i++) {
            subjects.add((String) sts.login(API_A, "a-read b-read c-read", false).get("access_token"));
        }
        assertThat(new HashSet<>(subjects)).hasSize(EXCHANGES);

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<EndpointResponse>> futures = new ArrayList<>();
        try {
            for (String subject : subjects) {
                Callable<EndpointResponse> exchange = () -> {
                    start.await();
                    return sts.exchange(API_A, subject, API_B, "b-read", false);
                };
                futures.add(pool.submit(exchange));
            }
            start.countDown();
            Set<String> jtis = new HashSet<>();
            for (int i = 0; i < futures.size(); i++) {
                EndpointResponse response = futures.get(i).get(60, TimeUnit.SECONDS);
                assertThat(response.status()).as(response.body()).isEqualTo(200);
                Map<String, Object> claims = claimsOf((String) response.jsonBody().get("access_token"));
                assertThat(claims).containsKeys("iss", "exp", "aud", "sub", "client_id", "iat", "jti")
                        .containsEntry("client_id", API_A).containsEntry("sub", ALICE_SUB)
                        .containsEntry("sid", claimsOf(subjects.get(i)).get("sid"));
                jtis.add((String) claims.get("jti"));
            }
            assertThat(jtis).hasSize(EXCHANGES);
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
