package org.enachain.core.http;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The one way enachain-core talks HTTP (token endpoints, metadata, JWKS). The default is
 * {@link JdkHttpTransport}; the Jakarta layer can supply one that uses the server's TLS and proxy
 * settings. An implementation applies its own connect and read timeouts, caps the size of what it
 * reads, and never follows redirects.
 */
@FunctionalInterface
public interface HttpTransport {

    /**
     * Sends the request and returns whatever status the server answered with.
     *
     * @throws IOException when no complete response arrived: connection refused or reset, TLS
     *                     failure, timeout, or a body over the size limit
     */
    Response send(Request request) throws IOException;

    /** An outgoing request; headers are sent in the order given. */
    record Request(String method, URI uri, Map<String, String> headers, byte[] body) {

        public Request {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(uri, "uri");
            headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
            body = body == null ? null : body.clone();
        }

        public static Request get(URI uri, Map<String, String> headers) {
            return new Request("GET", uri, headers, null);
        }

        /** A POST of an {@code application/x-www-form-urlencoded} body (already encoded). */
        public static Request postForm(URI uri, Map<String, String> headers, String formBody) {
            return new Request("POST", uri, headers, formBody.getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public byte[] body() {
            return body == null ? null : body.clone();
        }

        /** Method, URI and header names only: header values and the body may carry tokens. */
        @Override
        public String toString() {
            return "Request[" + method + " " + uri + ", headers " + headers.keySet() + ", "
                    + (body == null ? 0 : body.length) + " body bytes]";
        }
    }

    /** A complete response; header names are looked up case-insensitively. */
    record Response(int status, Map<String, List<String>> headers, byte[] body) {

        public Response {
            TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.forEach((name, values) -> {
                if (name != null) {
                    copy.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values);
                }
            });
            copy.replaceAll((name, values) -> List.copyOf(values));
            headers = Collections.unmodifiableMap(copy);
            body = body == null ? new byte[0] : body.clone();
        }

        /** Every value of a header, in order; empty when absent. */
        public List<String> headerValues(String name) {
            return headers.getOrDefault(name, List.of());
        }

        public Optional<String> firstHeader(String name) {
            List<String> values = headerValues(name);
            return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        public String bodyAsUtf8() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** Status and header names only: the body may carry tokens. */
        @Override
        public String toString() {
            return "Response[" + status + ", headers " + headers.keySet() + ", " + body.length + " body bytes]";
        }
    }
}
