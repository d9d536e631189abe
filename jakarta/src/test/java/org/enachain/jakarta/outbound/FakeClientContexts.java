package org.enachain.jakarta.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JAX-RS client filter contexts without a JAX-RS implementation: what the filter reads and writes. */
final class FakeClientContexts {

    private FakeClientContexts() {
    }

    static final class Request {
        final Map<String, Object> properties = new HashMap<>();
        final MultivaluedHashMap<String, Object> headers = new MultivaluedHashMap<>();
        final String method;
        final URI uri;
        /** Answers a request sent again through the client (the nonce retry); records what was sent. */
        java.util.function.Function<Map<String, List<String>>, jakarta.ws.rs.core.Response> client;
        final List<Map<String, List<String>>> resent = new ArrayList<>();
        final List<Map<String, Object>> resentProperties = new ArrayList<>();
        final List<jakarta.ws.rs.client.Entity<?>> resentEntities = new ArrayList<>();
        Object entity;
        jakarta.ws.rs.core.MediaType mediaType;

        Request(String method, URI uri, Method invoked) {
            this.method = method;
            this.uri = uri;
            if (invoked != null) {
                properties.put(ChainedTokenFilter.INVOKED_METHOD, invoked);
            }
        }

        ClientRequestContext context() {
            return (ClientRequestContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ClientRequestContext.class}, (proxy, m, args) -> switch (m.getName()) {
                        case "getProperty" -> properties.get((String) args[0]);
                        case "setProperty" -> properties.put((String) args[0], args[1]);
                        case "getHeaders" -> headers;
                        case "getMethod" -> method;
                        case "getUri" -> uri;
                        case "hasEntity" -> entity != null;
                        case "getEntity" -> entity;
                        case "getEntityType" -> entity == null ? null : entity.getClass();
                        case "getMediaType" -> mediaType;
                        case "getEntityAnnotations" -> new java.lang.annotation.Annotation[0];
                        case "getStringHeaders" -> stringHeaders();
                        case "getClient" -> client();
                        case "toString" -> "FakeRequest";
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
        }

        private MultivaluedHashMap<String, String> stringHeaders() {
            MultivaluedHashMap<String, String> m = new MultivaluedHashMap<>();
            headers.forEach((k, v) -> v.forEach(x -> m.add(k, String.valueOf(x))));
            return m;
        }

        private Client client() {
            Map<String, List<String>> sent = new LinkedHashMap<>();
            Map<String, Object> props = new HashMap<>();
            Invocation.Builder[] builder = new Invocation.Builder[1];
            builder[0] = (Invocation.Builder) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {Invocation.Builder.class}, (proxy, m, args) -> switch (m.getName()) {
                        case "header" -> {
                            sent.computeIfAbsent((String) args[0], k -> new ArrayList<>()).add(String.valueOf(args[1]));
                            yield builder[0];
                        }
                        case "property" -> {
                            props.put((String) args[0], args[1]);
                            yield builder[0];
                        }
                        case "method" -> {
                            assertThat(args[0]).isEqualTo(method);
                            if (args.length > 1) {
                                resentEntities.add((jakarta.ws.rs.client.Entity<?>) args[1]);
                            }
                            resent.add(sent);
                            resentProperties.add(props);
                            yield client.apply(sent);
                        }
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
            WebTarget target = (WebTarget) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {WebTarget.class}, (proxy, m, args) -> switch (m.getName()) {
                        case "request" -> builder[0];
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
            return (Client) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Client.class},
                    (proxy, m, args) -> switch (m.getName()) {
                        case "target" -> {
                            assertThat(args[0]).isEqualTo(uri);
                            yield target;
                        }
                        case "close" -> null;
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
        }

        String header(String name) {
            return headers.getFirst(name) == null ? null : headers.getFirst(name).toString();
        }
    }

    static ClientResponseContext response(int status, Map<String, String> headers) {
        return new Received(status, headers).context();
    }

    /** A response as the response filter sees it, which it may replace. */
    static final class Received {
        int status;
        final MultivaluedHashMap<String, String> headers = new MultivaluedHashMap<>();
        InputStream entity;

        Received(int status, Map<String, String> headers) {
            this.status = status;
            headers.forEach(this.headers::add);
        }

        ClientResponseContext context() {
            return (ClientResponseContext) Proxy.newProxyInstance(FakeClientContexts.class.getClassLoader(),
                    new Class<?>[] {ClientResponseContext.class}, (proxy, m, args) -> switch (m.getName()) {
                        case "getStatus" -> status;
                        case "setStatus" -> {
                            status = (Integer) args[0];
                            yield null;
                        }
                        case "getHeaders" -> headers;
                        case "getHeaderString" -> headers.get((String) args[0]) == null ? null
                                : String.join(",", headers.get((String) args[0]));
                        case "setEntityStream" -> {
                            entity = (InputStream) args[0];
                            yield null;
                        }
                        case "getEntityStream" -> entity;
                        case "toString" -> "FakeResponse";
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
        }
    }
}
