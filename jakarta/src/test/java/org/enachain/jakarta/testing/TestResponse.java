package org.enachain.jakarta.testing;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.lang.annotation.Annotation;
import java.net.URI;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** A response without a JAX-RS implementation: status, headers and entity (bytes or any object). */
public final class TestResponse extends Response {

    int status;
    final MultivaluedHashMap<String, Object> headers = new MultivaluedHashMap<>();
    Object entity;
    private boolean closed;

    TestResponse() {
    }

    public TestResponse(int status, Map<String, String> headers, byte[] body) {
        this.status = status;
        headers.forEach(this.headers::add);
        this.entity = body;
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public int getStatus() {
        return status;
    }

    @Override
    public StatusType getStatusInfo() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Object getEntity() {
        return entity;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T readEntity(Class<T> type) {
        if (type != byte[].class || !(entity instanceof byte[])) {
            throw new UnsupportedOperationException();
        }
        return (T) entity;
    }

    @Override
    public <T> T readEntity(GenericType<T> type) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <T> T readEntity(Class<T> type, Annotation[] annotations) {
        return readEntity(type);
    }

    @Override
    public <T> T readEntity(GenericType<T> type, Annotation[] annotations) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean hasEntity() {
        return entity != null && !(entity instanceof byte[] b && b.length == 0);
    }

    @Override
    public boolean bufferEntity() {
        return true;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public MediaType getMediaType() {
        return null;
    }

    @Override
    public Locale getLanguage() {
        return null;
    }

    @Override
    public int getLength() {
        return entity instanceof byte[] b ? b.length : -1;
    }

    @Override
    public Set<String> getAllowedMethods() {
        return Set.of();
    }

    @Override
    public Map<String, NewCookie> getCookies() {
        return Map.of();
    }

    @Override
    public EntityTag getEntityTag() {
        return null;
    }

    @Override
    public Date getDate() {
        return null;
    }

    @Override
    public Date getLastModified() {
        return null;
    }

    @Override
    public URI getLocation() {
        return null;
    }

    @Override
    public Set<Link> getLinks() {
        return Set.of();
    }

    @Override
    public boolean hasLink(String relation) {
        return false;
    }

    @Override
    public Link getLink(String relation) {
        return null;
    }

    @Override
    public Link.Builder getLinkBuilder(String relation) {
        return null;
    }

    @Override
    public MultivaluedMap<String, Object> getMetadata() {
        return headers;
    }

    @Override
    public MultivaluedMap<String, String> getStringHeaders() {
        MultivaluedHashMap<String, String> m = new MultivaluedHashMap<>();
        headers.forEach((k, v) -> v.forEach(x -> m.add(k, String.valueOf(x))));
        return m;
    }

    @Override
    public String getHeaderString(String name) {
        List<Object> values = headers.get(name);
        return values == null ? null : String.join(",", values.stream().map(String::valueOf).toList());
    }
}
