package org.enachain.samples.a;

import jakarta.json.JsonObject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;

import org.enachain.samples.common.Seen;

/**
 * DEMO ONLY: notes what API A's rest clients send — the token and DPoP proof enachain's outbound filter
 * (priority {@code AUTHENTICATION}) has just put on the request — for the calling thread's
 * {@link ChainResource} to report. Runs after enachain's filter.
 */
public class SentRecorder implements ClientRequestFilter {

    static final int PRIORITY = Priorities.USER + 1000;

    private static final ThreadLocal<JsonObject> LAST = new ThreadLocal<>();

    @Override
    public void filter(ClientRequestContext request) {
        LAST.set(Seen.of(strings(request.getStringHeaders().get(HttpHeaders.AUTHORIZATION)),
                strings(request.getStringHeaders().get("DPoP"))));
    }

    private static List<String> strings(List<String> values) {
        return values;
    }

    /** What the last call on this thread sent (and forgets it), or null when nothing was sent. */
    static JsonObject take() {
        JsonObject sent = LAST.get();
        LAST.remove();
        return sent;
    }
}
