package org.enachain.samples.a;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * Turns a downstream API's refusal (status 400 or above) into a {@link Refused} that keeps what the trace shows:
 * the status and the {@code WWW-Authenticate} challenge. The Rest Client's default mapper would throw a
 * {@code WebApplicationException} whose response Liberty's client has emptied of its headers.
 */
public class DownstreamRefusal implements ResponseExceptionMapper<DownstreamRefusal.Refused> {

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }

    @Override
    public Refused toThrowable(Response response) {
        return new Refused(response.getStatus(), response.getHeaderString(HttpHeaders.WWW_AUTHENTICATE));
    }

    /** A downstream API answered {@code status}, with this challenge (or null). */
    public static final class Refused extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final int status;
        private final String challenge;

        Refused(int status, String challenge) {
            super("the downstream API answered " + status, null, false, false);
            this.status = status;
            this.challenge = challenge;
        }

        public int status() {
            return status;
        }

        public String challenge() {
            return challenge;
        }
    }
}
