package org.enachain.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.enachain.core.client.ClientTestSupport.CLIENT_ID;
import static org.enachain.core.client.ClientTestSupport.ISSUED_ACCESS_TOKEN;
import static org.enachain.core.client.ClientTestSupport.RESOURCE;
import static org.enachain.core.client.ClientTestSupport.SUBJECT_TOKEN;
import static org.enachain.core.client.ClientTestSupport.assertNoSecrets;
import static org.enachain.core.client.ClientTestSupport.bearer;
import static org.enachain.core.client.ClientTestSupport.script;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.enachain.core.http.JdkHttpTransport;
import org.enachain.core.http.TransportSecurity;
import org.enachain.core.testing.ScriptedAuthorizationServer;
import org.enachain.core.testing.TestHttpsServer.Reply;
import org.enachain.core.testing.TestKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A token endpoint that misbehaves: hangs, fails with HTML, answers too much, drops the connection,
 * truncates its answer, or answers 200 with something that is not a token response. Each becomes a
 * typed {@link TokenEndpointException} that names the AS and the cause and carries no secret, and the
 * client stays usable. Each test gets its own server, so a hung or flooded connection cannot
 * affect the next test.
 */
class TokenEndpointFaultTest {

    private static final Duration READ_TIMEOUT = Duration.ofMillis(300);
    /** Far above the read timeout, far below a hang. */
    private static final Duration GENEROUS_UPPER_BOUND = Duration.ofSeconds(4);

    private ScriptedAuthorizationServer as;
    private TokenEndpointClient client;

    private final ClientIdentity identity = ClientIdentity.builder(CLIENT_ID, TestKeys.CLIENT_ES256).build();
    private final TokenExchangeRequest exchange = TokenExchangeRequest.intraDomain(SUBJECT_TOKEN).audience(RESOURCE).build();

    @BeforeEach
    void startServer() {
        as = new ScriptedAuthorizationServer();
        client = TokenEndpointClient.create(JdkHttpTransport.builder()
                .sslContext(as.server().trustingContext())
                .readTimeout(READ_TIMEOUT)
                .build(), TransportSecurity.requireTls());
    }

    @AfterEach
    void stopServer() {
        as.close();
    }

    private static Reply html500() {
        return new Reply(500, Map.of("Content-Type", "text/html"),
                "<html><body><h1>500 Internal Server Error</h1></body></html>".getBytes(StandardCharsets.UTF_8));
    }

    private static Reply tenMegabytes() {
        char[] filler = new char[10 * 1024 * 1024];
        Arrays.fill(filler, 'a');
        return Reply.json(200, "{\"access_token\":\"" + new String(filler) + "\",\"token_type\":\"Bearer\"}");
    }

    /** A 200 whose body is the old form-encoded style, not JSON, and holds a token. */
    private static Reply formEncoded200() {
        return new Reply(200, Map.of("Content-Type", "application/x-www-form-urlencoded"),
                ("access_token=" + ISSUED_ACCESS_TOKEN + "&token_type=bearer").getBytes(StandardCharsets.US_ASCII));
    }

    private static Reply withoutAccessToken() {
        return Reply.json(200, "{\"issued_token_type\":\"urn:ietf:params:oauth:token-type:access_token\","
                + "\"token_type\":\"Bearer\",\"expires_in\":300}");
    }

    private static Reply truncatedTokenResponse() {
        return Reply.truncated("{\"access_token\":\"" + ISSUED_ACCESS_TOKEN + "\","
                + "\"issued_token_type\":\"urn:ietf:params:oauth:token-type:access_token\","
                + "\"token_type\":\"Bearer\",\"expires_in\":300}");
    }

    /** Sends the exchange against {@code fault} and returns the failure, after checking that it leaks nothing. */
    private TokenEndpointException failureOn(Reply fault) {
        script(as, fault);
        TokenEndpointException e = catchThrowableOfType(TokenEndpointException.class,
                () -> client.send(as.metadata(), identity, exchange, false));
        assertThat(e).as("a TokenEndpointException").isNotNull();
        assertThat(as.tokenRequests()).hasSize(1);
        assertNoSecrets(e, as);
        return e;
    }

    @Test
    @DisplayName("An endpoint that never answers fails as TRANSPORT within the read timeout, naming the AS and the timeout")
    void sendWhenEndpointHangsThenTransportErrorNamingServerAndTimeout() {
        long start = System.nanoTime();

        TokenEndpointException e = failureOn(Reply.hang());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(GENEROUS_UPPER_BOUND);
        assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.TRANSPORT);
        assertThat(e.authorizationServer()).isEqualTo(as.issuer());
        assertThat(e.getMessage()).contains(as.issuer()).contains("did not answer in time").contains("PT0.3S");
        assertThat(e.isTransient()).isTrue();
    }

    @Test
    @DisplayName("An endpoint answering 500 with an HTML page fails as INVALID_RESPONSE with status 500, transient")
    void sendWhenEndpointAnswers500HtmlThenInvalidResponse() {
        TokenEndpointException e = failureOn(html500());

        assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.INVALID_RESPONSE);
        assertThat(e.httpStatus()).isEqualTo(500);
        assertThat(e.errorCode()).isEmpty();
        assertThat(e.isTransient()).isTrue();
        assertThat(e.getMessage()).contains(as.issuer()).contains("HTTP 500 without an OAuth error response")
                .doesNotContain("<html>");
    }

    @Test
    @DisplayName("An endpoint answering 10 MB fails as INVALID_RESPONSE saying the answer is larger than the 1 MiB limit")
    void sendWhenEndpointAnswersTenMegabytesThenInvalidResponseTooLarge() {
        TokenEndpointException e = failureOn(tenMegabytes());

        assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.INVALID_RESPONSE);
        assertThat(e.getMessage()).contains(as.issuer()).contains("larger than 1048576 bytes");
    }

    @Test
    @DisplayName("An endpoint that closes the connection without answering fails as TRANSPORT, naming the AS")
    void sendWhenEndpointClosesConnectionThenTransportError() {
        TokenEndpointException e = failureOn(Reply.closeConnection());

        assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.TRANSPORT);
        assertThat(e.getMessage()).contains(as.issuer()).contains("cannot be reached");
        assertThat(e.httpStatus()).isEqualTo(-1);
    }

    @Test
    @DisplayName("An endpoint that sends half of the announced body over TLS and closes fails as TRANSPORT, naming the AS")
    void sendWhenEndpointTruncatesBodyThenTransportError() {
        TokenEndpointException e = failureOn(truncatedTokenResponse());

        assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.TRANSPORT);
        assertThat(e.authorizationServer()).isEqualTo(as.issuer());
        assertThat(e.getMessage()).contains(as.issuer()).contains("cannot be reached");
    }

    @Test
    @DisplayName("An endpoint that sends part of the announced body and closes the connection fails as TRANSPORT, naming the AS")
    void sendWhenEndpointClosesMidBodyThenTransportError() throws Exception {
        String partial = "{\"access_token\":\"" + ISSUED_ACCESS_TOKEN;
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread peer = new Thread(() -> answerOnceThenClose(listener, "HTTP/1.1 200 OK\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 400\r\n\r\n" + partial));
            peer.start();
            String issuer = "http://127.0.0.1:" + listener.getLocalPort();
            AuthorizationServerMetadata plain = AuthorizationServerMetadata.of(issuer, URI.create(issuer + "/token"));
            TokenEndpointClient loopbackClient = TokenEndpointClient.create(
                    JdkHttpTransport.builder().readTimeout(Duration.ofSeconds(2)).build(),
                    TransportSecurity.allowPlainHttpOnLoopback());

            TokenEndpointException e = catchThrowableOfType(TokenEndpointException.class,
                    () -> loopbackClient.send(plain, identity, exchange, false));
            peer.join(GENEROUS_UPPER_BOUND.toMillis());

            assertThat(e).as("a TokenEndpointException").isNotNull();
            assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.TRANSPORT);
            assertThat(e.getMessage()).contains(issuer).contains("cannot be reached");
            assertThat(ClientTestSupport.messageChain(e)).allSatisfy(m ->
                    assertThat(m).doesNotContain(ISSUED_ACCESS_TOKEN).doesNotContain(SUBJECT_TOKEN));
        }
    }

    /** Reads one HTTP/1.1 request from the next connection, writes {@code response} and closes the socket. */
    private static void answerOnceThenClose(ServerSocket listener, String response) {
        try (Socket socket = listener.accept()) {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                head.write(b);
            }
            Matcher length = Pattern.compile("(?i)content-length:\\s*(\\d+)")
                    .matcher(head.toString(StandardCharsets.US_ASCII));
            in.readNBytes(length.find() ? Integer.parseInt(length.group(1)) : 0);
            OutputStream out = socket.getOutputStream();
            out.write(response.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            // the client gave up first: the test's assertions say what happened
        }
    }

    @Test
    @DisplayName("A 200 whose body is not JSON fails as INVALID_RESPONSE, and the token in it does not reach the message")
    void sendWhenEndpointAnswers200NonJsonThenInvalidResponse() {
        TokenEndpointException e = failureOn(formEncoded200());

        assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.INVALID_RESPONSE);
        assertThat(e.httpStatus()).isEqualTo(200);
        assertThat(e.getMessage()).contains(as.issuer()).contains("not a JSON object");
    }

    @Test
    @DisplayName("A 200 JSON answer without access_token fails as INVALID_RESPONSE")
    void sendWhenEndpointAnswers200WithoutAccessTokenThenInvalidResponse() {
        TokenEndpointException e = failureOn(withoutAccessToken());

        assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.INVALID_RESPONSE);
        assertThat(e.getMessage()).contains(as.issuer()).contains("has no access_token");
    }

    @Test
    @DisplayName("A 200 JSON answer without token_type fails as INVALID_RESPONSE")
    void sendWhenEndpointAnswers200WithoutTokenTypeThenInvalidResponse() {
        TokenEndpointException e = failureOn(Reply.json(200, "{\"access_token\":\"" + ISSUED_ACCESS_TOKEN + "\","
                + "\"issued_token_type\":\"urn:ietf:params:oauth:token-type:access_token\"}"));

        assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.INVALID_RESPONSE);
        assertThat(e.getMessage()).contains("has no token_type");
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                arguments("a hang", Reply.hang()),
                arguments("a 500 with HTML", html500()),
                arguments("a 10 MB answer", tenMegabytes()),
                arguments("a closed connection", Reply.closeConnection()),
                arguments("a truncated body", truncatedTokenResponse()),
                arguments("a non-JSON 200", formEncoded200()),
                arguments("a 200 without access_token", withoutAccessToken()));
    }

    @ParameterizedTest(name = "after {0}")
    @MethodSource("faults")
    @DisplayName("After a fault, the next call of the same client to a healthy answer succeeds")
    void sendWhenPreviousCallHitFaultThenNextCallSucceeds(String name, Reply fault) {
        script(as, fault, bearer());
        catchThrowableOfType(TokenEndpointException.class, () -> client.send(as.metadata(), identity, exchange, false));

        TokenResponse response = client.send(as.metadata(), identity, exchange, false);

        assertThat(response.accessToken()).isEqualTo(ISSUED_ACCESS_TOKEN);
        assertThat(as.tokenRequests()).hasSize(2);
    }
}
