package org.enachain.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLHandshakeException;
import org.enachain.core.testing.TestHttpsServer;
import org.enachain.core.testing.TestHttpsServer.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JdkHttpTransportTest {

    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);
    /** Far above the configured timeout, far below anything a hanging client would reach. */
    private static final Duration GENEROUS_UPPER_BOUND = Duration.ofSeconds(4);

    private static TestHttpsServer server;

    private JdkHttpTransport trusting;

    @BeforeAll
    static void startServer() {
        server = TestHttpsServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void setUp() {
        server.received().clear();
        server.replyJson(200, "{\"ok\":true}");
        trusting = JdkHttpTransport.builder().sslContext(server.trustingContext()).build();
    }

    // ---------------------------------------------------------------- TLS (GEN-02)

    @Test
    @DisplayName("GEN-02: with the JVM's default trust store, a self-signed server certificate fails the handshake and nothing is sent")
    void sendWhenServerCertificateUntrustedThenHandshakeFailsAndNoRequestReachesServer() {
        JdkHttpTransport defaultTrust = JdkHttpTransport.createDefault();
        HttpTransport.Request request = HttpTransport.Request.postForm(server.uri("/token"), Map.of(),
                "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange&client_assertion=secret-assertion");

        assertThatThrownBy(() -> defaultTrust.send(request)).isInstanceOf(SSLHandshakeException.class);
        assertThat(server.requestCount()).isZero();
    }

    @Test
    @DisplayName("GEN-02: the same request succeeds once the server's certificate is trusted")
    void sendWhenServerCertificateTrustedThenResponseReturned() throws IOException {
        HttpTransport.Response response = trusting.send(HttpTransport.Request.postForm(server.uri("/token"), Map.of(),
                "grant_type=x&client_assertion=secret-assertion"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyAsUtf8()).isEqualTo("{\"ok\":true}");
        assertThat(server.requestCount()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- request and response

    @Test
    @DisplayName("a form POST arrives with its method, path, headers and body unchanged")
    void sendWhenPostFormThenServerReceivesMethodHeadersAndBody() throws IOException {
        trusting.send(HttpTransport.Request.postForm(server.uri("/token"),
                Map.of("Content-Type", "application/x-www-form-urlencoded", "DPoP", "proof.jwt.sig"),
                "grant_type=x&scope=a+b"));

        TestHttpsServer.Received received = server.received().get(0);
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.path()).isEqualTo("/token");
        assertThat(received.body()).isEqualTo("grant_type=x&scope=a+b");
        assertThat(received.headers().get("Dpop")).containsExactly("proof.jwt.sig");
        assertThat(received.headers().get("Content-type")).containsExactly("application/x-www-form-urlencoded");
    }

    @Test
    @DisplayName("a redirect is returned as it is, never followed")
    void sendWhenServerRedirectsThenRedirectReturnedAndNotFollowed() throws IOException {
        server.reply(new Reply(302, Map.of("Location", server.uri("/elsewhere").toString()), new byte[0]));

        HttpTransport.Response response = trusting.send(HttpTransport.Request.get(server.uri("/start"), Map.of()));

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.firstHeader("Location")).contains(server.uri("/elsewhere").toString());
        assertThat(server.received()).extracting(TestHttpsServer.Received::path).containsExactly("/start");
    }

    @Test
    @DisplayName("response header names are looked up case-insensitively")
    void sendWhenResponseHeaderLookedUpInOtherCaseThenFound() throws IOException {
        server.reply(new Reply(401, Map.of("WWW-Authenticate", "DPoP error=\"use_dpop_nonce\"", "DPoP-Nonce", "n-1"),
                new byte[0]));

        HttpTransport.Response response = trusting.send(HttpTransport.Request.get(server.uri("/api"), Map.of()));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.firstHeader("www-authenticate")).contains("DPoP error=\"use_dpop_nonce\"");
        assertThat(response.firstHeader("WWW-AUTHENTICATE")).contains("DPoP error=\"use_dpop_nonce\"");
        assertThat(response.headerValues("dpop-nonce")).containsExactly("n-1");
        assertThat(response.firstHeader("X-Absent")).isEmpty();
    }

    @Test
    @DisplayName("a Response merges header names that differ only in case, keeping all values in order")
    void responseWhenHeaderNamesDifferInCaseThenMergedCaseInsensitively() {
        LinkedHashMap<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("DPoP-Nonce", List.of("a"));
        headers.put("dpop-nonce", List.of("b"));
        headers.put(null, List.of("HTTP/1.1 200 OK"));

        HttpTransport.Response response = new HttpTransport.Response(200, headers, null);

        assertThat(response.headerValues("DPOP-NONCE")).containsExactly("a", "b");
        assertThat(response.headers()).hasSize(1);
        assertThat(response.body()).isEmpty();
    }

    // ---------------------------------------------------------------- size limit

    @Test
    @DisplayName("a body of exactly the size limit is read in full")
    void sendWhenBodyExactlyAtLimitThenReturned() throws IOException {
        byte[] body = filled(100);
        server.reply(new Reply(200, Map.of(), body));
        JdkHttpTransport limited = JdkHttpTransport.builder().sslContext(server.trustingContext())
                .maxResponseBytes(100).build();

        HttpTransport.Response response = limited.send(HttpTransport.Request.get(server.uri("/jwks"), Map.of()));

        assertThat(response.body()).isEqualTo(body);
    }

    @Test
    @DisplayName("a body one byte over the size limit fails with an IOException naming the limit")
    void sendWhenBodyOneByteOverLimitThenIoException() {
        server.reply(new Reply(200, Map.of(), filled(101)));
        JdkHttpTransport limited = JdkHttpTransport.builder().sslContext(server.trustingContext())
                .maxResponseBytes(100).build();

        assertThatThrownBy(() -> limited.send(HttpTransport.Request.get(server.uri("/jwks"), Map.of())))
                .isInstanceOf(IOException.class)
                .hasMessage("Response body larger than 100 bytes");
    }

    @Test
    @DisplayName("by default a body over 1 MiB fails instead of being buffered")
    void sendWhenBodyOverDefaultLimitThenIoException() {
        server.reply(new Reply(200, Map.of(), filled(JdkHttpTransport.DEFAULT_MAX_RESPONSE_BYTES + 1)));

        assertThatThrownBy(() -> trusting.send(HttpTransport.Request.get(server.uri("/jwks"), Map.of())))
                .isInstanceOf(IOException.class)
                .hasMessage("Response body larger than 1048576 bytes");
    }

    // ---------------------------------------------------------------- timeouts

    @Test
    @DisplayName("a server that accepts the connection but never answers fails within the read timeout")
    void sendWhenServerNeverAnswersThenTimeoutWithinReadTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            JdkHttpTransport transport = JdkHttpTransport.builder().readTimeout(SHORT_TIMEOUT).build();
            URI uri = URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/jwks");

            long start = System.nanoTime();
            assertThatThrownBy(() -> transport.send(HttpTransport.Request.get(uri, Map.of())))
                    .isInstanceOf(HttpTimeoutException.class);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertThat(elapsed).isGreaterThanOrEqualTo(SHORT_TIMEOUT).isLessThan(GENEROUS_UPPER_BOUND);
        }
    }

    @Test
    @DisplayName("a server that never completes the TLS handshake fails within the read timeout")
    void sendWhenTlsHandshakeStallsThenTimeoutWithinReadTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            JdkHttpTransport transport = JdkHttpTransport.builder().readTimeout(SHORT_TIMEOUT).build();
            URI uri = URI.create("https://127.0.0.1:" + silent.getLocalPort() + "/jwks");

            long start = System.nanoTime();
            assertThatThrownBy(() -> transport.send(HttpTransport.Request.get(uri, Map.of())))
                    .isInstanceOf(HttpTimeoutException.class);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertThat(elapsed).isGreaterThanOrEqualTo(SHORT_TIMEOUT).isLessThan(GENEROUS_UPPER_BOUND);
        }
    }

    @Test
    @DisplayName("a server that sends the headers and then stalls in the body fails within the read timeout")
    void sendWhenBodyStallsAfterHeadersThenTimeoutWithinReadTimeout() throws Exception {
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        try (ServerSocket stalling = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    Socket socket = stalling.accept();
                    accepted.add(socket);
                    OutputStream out = socket.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"keys\":[")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException e) {
                    // the socket closed when the test ended
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            JdkHttpTransport transport = JdkHttpTransport.builder().readTimeout(SHORT_TIMEOUT).build();
            URI uri = URI.create("http://127.0.0.1:" + stalling.getLocalPort() + "/jwks");

            long start = System.nanoTime();
            assertThatThrownBy(() -> transport.send(HttpTransport.Request.get(uri, Map.of())))
                    .isInstanceOf(HttpTimeoutException.class)
                    .hasMessageContaining("No complete response");
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertThat(elapsed).isGreaterThanOrEqualTo(SHORT_TIMEOUT).isLessThan(GENEROUS_UPPER_BOUND);
            assertThat(accepted).hasSize(1);
        } finally {
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    // ---------------------------------------------------------------- builder

    @Test
    @DisplayName("a zero or negative timeout is refused")
    void builderWhenTimeoutNotPositiveThenRefused() {
        assertThatThrownBy(() -> JdkHttpTransport.builder().readTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The read timeout must be positive");
        assertThatThrownBy(() -> JdkHttpTransport.builder().connectTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The connect timeout must be positive");
    }

    @Test
    @DisplayName("a size limit below one byte is refused")
    void builderWhenSizeLimitNotPositiveThenRefused() {
        assertThatThrownBy(() -> JdkHttpTransport.builder().maxResponseBytes(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The response size limit must be positive");
    }

    private static byte[] filled(int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 'a');
        return bytes;
    }
}
