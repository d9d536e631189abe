package org.enachain.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jose4j.json.JsonUtil;

/**
 * A token endpoint on 127.0.0.1 that answers every request with one canned DPoP-bound token response;
 * it checks nothing. Plain HTTP, so that the measurement is enachain's client and the loopback round
 * trip, not a TLS handshake (the client runs with the loopback development switch).
 */
final class LoopbackTokenEndpoint implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    LoopbackTokenEndpoint(String accessToken, long expiresInSeconds) throws IOException {
        byte[] answer = JsonUtil.toJson(Map.of(
                "access_token", accessToken,
                "issued_token_type", "urn:ietf:params:oauth:token-type:access_token",
                "token_type", "DPoP",
                "expires_in", expiresInSeconds,
                "scope", "orders-read")).getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/token", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    URI tokenEndpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
