package org.enachain.liberty.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.enachain.core.dpop.AccessTokenHash;
import org.enachain.liberty.apps.common.Ids;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The chain when its authorization server fails: the fault-injection application (/api-fault, read timeout
 * 2 s, connect timeout 1 s) exchanges its callers' tokens at {@link FaultyAuthorizationServer}, which refuses
 * connections, hangs or answers 500 — and API A's caller gets the mapped error, fast, with no token in it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Order(4)
class FaultIT {

    /** enachain.http.read-timeout-ms of /api-fault. */
    private static final Duration READ_TIMEOUT = Duration.ofMillis(2000);
    private static final Duration BOUND = READ_TIMEOUT.plusSeconds(1);

    private final FaultyAuthorizationServer as = FaultyAuthorizationServer.get();
    private final TestClient client = TestClient.get();

    @AfterEach
    void restore() {
        as.releaseHangingRequests();
        as.startTokenEndpoint();
        as.mode(FaultyAuthorizationServer.Mode.SERVER_ERROR);
    }

    /** A call to /api-fault/chain by a new caller (a new subject token: no cached exchange can answer). */
    private Timed call(String subject) {
        String token = Secrets.remember(as.callerToken(subject));
        long start = System.nanoTime();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(ChainServer.uri("/api-fault/chain"))
                .header("Authorization", "Bearer " + token).GET());
        return new Timed(response, Duration.ofNanos(System.nanoTime() - start), token);
    }

    private record Timed(HttpResponse<String> response, Duration took, String token) {
    }

    private static void assertProblem(Timed call, int status) {
        String problemType = status == 502 ? "urn:enachain:problem:authorization-server-unavailable"
                : "urn:enachain:problem:token-exchange-refused";
        HttpResponse<String> response = call.response();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        Map<String, Object> problem = TestClient.json(response.body());
        assertThat(problem).containsKeys("title", "detail").containsEntry("status", (long) status)
                .containsEntry("type", problemType).containsEntry("target", Ids.API_B)
                .containsEntry("authorization_server", FaultyAuthorizationServer.get().issuer());
        assertThat((String) problem.get("detail")).contains(Ids.API_B);
        assertThat(response.body()).doesNotContain(call.token()).doesNotContain(AccessTokenHash.of(call.token()))
                .doesNotContain("eyJ");
    }

    @Test
    @DisplayName("The AS answers the exchange with 500: API A answers 502 problem+json within the read timeout + 1 s")
    void authorizationServerError() {
        as.mode(FaultyAuthorizationServer.Mode.SERVER_ERROR);
        int before = as.tokenRequests();

        Timed call = call("fault-500");

        assertProblem(call, 502);
        assertThat(call.took()).isLessThan(BOUND);
        assertThat(as.tokenRequests() - before).as("token requests: a 500 is not retried").isEqualTo(1);
    }

    @Test
    @DisplayName("The AS hangs: API A answers 502 problem+json once its read timeout is up, within the timeout + 1 s")
    void authorizationServerHangs() {
        as.mode(FaultyAuthorizationServer.Mode.HANG);

        Timed call = call("fault-hang");

        assertProblem(call, 502);
        assertThat(call.took()).isGreaterThanOrEqualTo(READ_TIMEOUT.minusMillis(100)).isLessThan(BOUND);
    }

    @Test
    @DisplayName("The AS is down (connection refused): API A answers 502 problem+json within the read timeout + 1 s")
    void authorizationServerStopped() {
        as.stopTokenEndpoint();

        Timed call = call("fault-down");

        assertProblem(call, 502);
        assertThat(call.took()).isLessThan(BOUND);
    }

    @Test
    @DisplayName("The AS refuses the exchange (invalid_target): API A answers 403 problem+json naming the error")
    void authorizationServerRefuses() {
        as.mode(FaultyAuthorizationServer.Mode.INVALID_TARGET);

        Timed call = call("fault-refused");

        assertProblem(call, 403);
        assertThat((String) TestClient.json(call.response().body()).get("detail")).contains("invalid_target");
    }
}
