package org.enachain.jakarta.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.enachain.core.client.TokenEndpointException;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The answer to a request whose chained call failed: status, problem+json body, never a token. */
class ChainedTokenExceptionMapperTest {

    static final String TARGET = "https://api-b.example.com";
    static final String AS = "https://as.example.com";
    static final ChainTargets.Resolved RESOLVED = new ChainTargets.Resolved(
            org.enachain.core.chain.ChainTarget.audience(TARGET), TARGET, AS);

    private static Map<String, Object> body(Response r) throws Exception {
        return JsonUtil.parseJson((String) r.getEntity());
    }

    private static ChainedTokenException from(TokenEndpointException e) {
        return ChainedTokenFilter.failure(e, RESOLVED);
    }

    @Test
    @DisplayName("AS unreachable: 502 problem+json naming the target and the AS")
    void toResponseWhenUnreachableThen502() throws Exception {
        ChainedTokenException e = from(new TokenEndpointException(TokenEndpointException.Kind.TRANSPORT, AS + "/token",
                "No connection to https://as.example.com/token within PT2S", null, null, -1, null));
        Response r = new ChainedTokenExceptionMapper().toResponse(e);
        assertThat(r.getStatus()).isEqualTo(502);
        assertThat(r.getHeaderString("Content-Type")).isEqualTo("application/problem+json");
        assertThat(r.getHeaderString("Cache-Control")).isEqualTo("no-store");
        assertThat(body(r)).containsEntry("type", "urn:enachain:problem:authorization-server-unavailable")
                .containsEntry("title", "Authorization server unavailable").containsEntry("status", 502L)
                .containsEntry("target", TARGET).containsEntry("authorization_server", AS + "/token")
                .doesNotContainKey("error");
        assertThat((String) body(r).get("detail")).isEqualTo("No token could be obtained for " + TARGET
                + ": the authorization server " + AS + "/token could not be reached or did not answer usably");
    }

    @Test
    @DisplayName("AS answering 500 with an OAuth error: 502 with the AS's error code")
    void toResponseWhenServerErrorThen502WithCode() throws Exception {
        ChainedTokenException e = from(new TokenEndpointException(TokenEndpointException.Kind.OAUTH_ERROR, AS,
                "server_error", "server_error", "oops", 500, null));
        assertThat(e.kind()).isEqualTo(ChainedTokenException.Kind.AUTHORIZATION_SERVER_UNAVAILABLE);
        Response r = new ChainedTokenExceptionMapper().toResponse(e);
        assertThat(r.getStatus()).isEqualTo(502);
        assertThat(body(r)).containsEntry("error", "server_error");
    }

    @ParameterizedTest
    @ValueSource(strings = {"invalid_target", "invalid_scope", "unauthorized_client", "invalid_grant"})
    @DisplayName("AS refusing: 403 problem+json naming the target and the AS's error code")
    void toResponseWhenRefusedThen403(String code) throws Exception {
        ChainedTokenException e = from(new TokenEndpointException(TokenEndpointException.Kind.OAUTH_ERROR, AS,
                "refused", code, "no", 400, null));
        Response r = new ChainedTokenExceptionMapper().toResponse(e);
        assertThat(r.getStatus()).isEqualTo(403);
        assertThat(body(r)).containsEntry("type", "urn:enachain:problem:token-exchange-refused")
                .containsEntry("status", 403L).containsEntry("error", code);
        assertThat((String) body(r).get("detail")).isEqualTo("The authorization server " + AS + " refused a token for "
                + TARGET + " (error " + code + ")");
    }

    @Test
    void toResponseWhenRefusedLocallyThen403WithoutCode() throws Exception {
        ChainedTokenException e = from(TokenEndpointException.local(AS, "The subject token has expired"));
        Response r = new ChainedTokenExceptionMapper().toResponse(e);
        assertThat(r.getStatus()).isEqualTo(403);
        assertThat(body(r)).doesNotContainKey("error");
    }

    @Test
    void toResponseWhenNoCallerTokenOrConfigurationThen500() throws Exception {
        Response r = new ChainedTokenExceptionMapper().toResponse(new ChainedTokenException(
                ChainedTokenException.Kind.NO_CALLER_TOKEN, TARGET, null, null, "none", null));
        assertThat(r.getStatus()).isEqualTo(500);
        assertThat(body(r)).containsEntry("type", "urn:enachain:problem:no-caller-token");
        r = new ChainedTokenExceptionMapper().toResponse(new ChainedTokenException(
                ChainedTokenException.Kind.CONFIGURATION, null, null, null, "bad", null));
        assertThat(r.getStatus()).isEqualTo(500);
        assertThat(body(r)).containsEntry("type", "urn:enachain:problem:configuration").doesNotContainKey("target");
    }

    @Test
    @DisplayName("A ChainedTokenException wrapped in a ProcessingException (as RESTEasy wraps filter failures) is unwrapped")
    void processingMapperWhenWrappedThenMappedLikeTheCause() throws Exception {
        ChainedTokenException e = from(new TokenEndpointException(TokenEndpointException.Kind.OAUTH_ERROR, AS,
                "refused", "invalid_scope", "no", 400, null));
        Response r = new ChainedTokenProcessingExceptionMapper().toResponse(new ProcessingException(
                new RuntimeException(e)));
        assertThat(r.getStatus()).isEqualTo(403);
        assertThat(body(r)).containsEntry("error", "invalid_scope");
    }

    @Test
    void processingMapperWhenOtherCauseThen500WithoutMessage() throws Exception {
        Response r = new ChainedTokenProcessingExceptionMapper().toResponse(new ProcessingException("secret detail"));
        assertThat(r.getStatus()).isEqualTo(500);
        assertThat((String) r.getEntity()).doesNotContain("secret");
        assertThat(ChainedTokenProcessingExceptionMapper.unwrap(new ProcessingException("x"))).isEmpty();
    }

    @Test
    void exceptionNeverHoldsTheCallerToken() {
        String token = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2ln";
        ChainedTokenException e = from(new TokenEndpointException(TokenEndpointException.Kind.OAUTH_ERROR, AS,
                "The authorization server answered invalid_grant", "invalid_grant", "bad subject", 400, null));
        assertThat(e.getMessage()).doesNotContain(token);
        assertThat(ProblemDetails.of(e).body()).doesNotContain(token).doesNotContain("bad subject");
    }
}
