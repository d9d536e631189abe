package org.enachain.jakarta.outbound;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.HashMap;
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
                        case "hasEntity" -> false;
                        case "toString" -> "FakeRequest";
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
        }

        String header(String name) {
            return headers.getFirst(name) == null ? null : headers.getFirst(name).toString();
        }
    }

    static ClientResponseContext response(int status, Map<String, String> headers) {
        MultivaluedHashMap<String, String> map = new MultivaluedHashMap<>();
        headers.forEach(map::add);
        return (ClientResponseContext) Proxy.newProxyInstance(FakeClientContexts.class.getClassLoader(),
                new Class<?>[] {ClientResponseContext.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getStatus" -> status;
                    case "getHeaders" -> map;
                    case "getHeaderString" -> map.get((String) args[0]) == null ? null : String.join(",", map.get((String) args[0]));
                    case "toString" -> "FakeResponse";
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }
}
