package org.enachain.core.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;

/**
 * {@link HttpTransport} on the JDK's {@link HttpClient}: the JVM's default trust store (or a given
 * {@link SSLContext}) with certificate and host name checks (GEN-02), a connect timeout, a read
 * timeout that covers the whole response including its body, a cap on the body size, and no
 * redirects. Thread-safe; build one and share it.
 */
public final class JdkHttpTransport implements HttpTransport {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

    private final HttpClient client;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int maxResponseBytes;

    private JdkHttpTransport(Builder builder) {
        HttpClient.Builder b = HttpClient.newBuilder()
                .connectTimeout(builder.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1);
        if (builder.sslContext != null) {
            b.sslContext(builder.sslContext);
        }
        this.client = b.build();
        this.connectTimeout = builder.connectTimeout;
        this.readTimeout = builder.readTimeout;
        this.maxResponseBytes = builder.maxResponseBytes;
    }

    /** A transport with the defaults: 2 s to connect, 5 s to read, 1 MiB per response, the JVM's trust store. */
    public static JdkHttpTransport createDefault() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Response send(Request request) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(request.uri()).timeout(readTimeout);
        request.headers().forEach(b::header);
        byte[] body = request.body();
        b.method(request.method(), body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        CompletableFuture<HttpResponse<byte[]>> future =
                client.sendAsync(b.build(), info -> new BoundedBody(maxResponseBytes));
        try {
            // The request timeout ends at the response headers; this deadline also covers the body.
            HttpResponse<byte[]> response = future.get(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new HttpTimeoutException("No complete response from " + request.uri() + " within " + readTimeout);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for " + request.uri());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            // The client's own timers can fire first on a loaded machine: report them like ours.
            if (cause instanceof HttpConnectTimeoutException) {
                throw new HttpConnectTimeoutException("No connection to " + request.uri() + " within " + connectTimeout);
            }
            if (cause instanceof HttpTimeoutException) {
                throw new HttpTimeoutException("No complete response from " + request.uri() + " within " + readTimeout);
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException("Request to " + request.uri() + " failed: " + cause, cause);
        }
    }

    /** Collects the body, failing as soon as it grows beyond the limit. */
    private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int limit;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        BoundedBody(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            this.subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                if (buffer.size() + item.remaining() > limit) {
                    subscription.cancel();
                    result.completeExceptionally(new ResponseTooLargeException(limit));
                    return;
                }
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                buffer.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(buffer.toByteArray());
        }
    }

    public static final class Builder {
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private int maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
        private SSLContext sslContext;

        private Builder() {
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connect timeout");
            return this;
        }

        public Builder readTimeout(Duration timeout) {
            this.readTimeout = positive(timeout, "read timeout");
            return this;
        }

        public Builder maxResponseBytes(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("The response size limit must be positive");
            }
            this.maxResponseBytes = bytes;
            return this;
        }

        /** The TLS context (trust store, key store) to use instead of the JVM's default. */
        public Builder sslContext(SSLContext context) {
            this.sslContext = Objects.requireNonNull(context, "sslContext");
            return this;
        }

        public JdkHttpTransport build() {
            return new JdkHttpTransport(this);
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("The " + what + " must be positive");
            }
            return d;
        }
    }
}
