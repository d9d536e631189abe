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
import java.util.stream.IntStream;

import org.enachain.sts.policy.DemoUser;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** One tenant serving many exchanges at once: a shared, thread-safe engine (STS-01, GEN-81). */
class ConcurrentExchangeTest {

    private static final int EXCHANGES = 500;
    private static final int THREADS = 16;

    /** 500 users, user-001 to user-500, each with a subject of its own. */
    private static final List<DemoUser> USERS = IntStream.rangeClosed(1, EXCHANGES)
            .mapToObj(i -> new DemoUser(String.format("user-%03d", i), String.format("pw-%03d-demo", i),
                    String.format("u-%03d-subject", i), Map.of(), LOA3, Set.of()))
            .toList();

    private final StsFixture sts = StsFixture.create(spec -> spec.users.addAll(USERS));

    @Test
    @DisplayName("STS-01, GEN-81: 500 parallel exchanges with distinct subjects (500 users, each logged in once) all succeed with unique jti")
    void whenManyExchangesRunInParallelThenAllSucceedWithUniqueJti() throws Exception {
        List<String> subjects = new ArrayList<>();
        for (DemoUser user : USERS) {
            subjects.add((String) sts.login(user.username(), user.password(), APP, API_A, "a-read b-read c-read", false)
                    .get("access_token"));
        }
        assertThat(new HashSet<>(subjects)).hasSize(EXCHANGES);
        assertThat(subjects.stream().map(t -> claimsOf(t).get("sub")).distinct()).hasSize(EXCHANGES);

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
            Set<String> subs = new HashSet<>();
            for (int i = 0; i < futures.size(); i++) {
                EndpointResponse response = futures.get(i).get(60, TimeUnit.SECONDS);
                assertThat(response.status()).as(response.body()).isEqualTo(200);
                Map<String, Object> claims = claimsOf((String) response.jsonBody().get("access_token"));
                assertThat(claims).containsKeys("iss", "exp", "aud", "sub", "client_id", "iat", "jti")
                        .containsEntry("client_id", API_A).containsEntry("sub", USERS.get(i).subject())
                        .containsEntry("sid", claimsOf(subjects.get(i)).get("sid"));
                jtis.add((String) claims.get("jti"));
                subs.add((String) claims.get("sub"));
            }
            assertThat(jtis).hasSize(EXCHANGES);
            assertThat(subs).hasSize(EXCHANGES);
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
