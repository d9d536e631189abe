package org.enachain.jakarta.outbound;

import java.util.LinkedHashMap;
import java.util.Map;
import org.enachain.jakarta.internal.Json;

/**
 * The RFC 9457 problem details for a {@link ChainedTokenException}: the status, and a body with
 * {@code type}, {@code title}, {@code status}, {@code detail} (naming the target, the authorization
 * server and its error code) and the extension members {@code target}, {@code authorization_server} and
 * {@code error}. Never a token, and not the exception's message (which is for the operator's log).
 *
 * @param status the HTTP status
 * @param body   the {@code application/problem+json} document
 */
record ProblemDetails(int status, String body) {

    static final String MEDIA_TYPE = "application/problem+json";

    static ProblemDetails of(ChainedTokenException e) {
        String target = e.target() == null ? "the downstream service" : e.target();
        String as = e.authorizationServer();
        String code = e.errorCode().orElse(null);
        int status;
        String type;
        String title;
        String detail;
        switch (e.kind()) {
            case AUTHORIZATION_SERVER_UNAVAILABLE -> {
                status = 502;
                type = "urn:enachain:problem:authorization-server-unavailable";
                title = "Authorization server unavailable";
                detail = "No token could be obtained for " + target + ": the authorization server "
                        + (as == null ? "" : as + " ") + "could not be reached or did not answer usably"
                        + (code == null ? "" : " (error " + code + ")");
            }
            case REFUSED -> {
                status = 403;
                type = "urn:enachain:problem:token-exchange-refused";
                title = "Token exchange refused";
                detail = code != null
                        ? "The authorization server " + (as == null ? "" : as + " ") + "refused a token for " + target
                                + " (error " + code + ")"
                        : "A token for " + target + " cannot be requested on behalf of this caller; the request was"
                                + " not sent";
            }
            case NO_CALLER_TOKEN -> {
                status = 500;
                type = "urn:enachain:problem:no-caller-token";
                title = "No caller token";
                detail = "A call to " + target + " needs the caller's token, and this request has none";
            }
            default -> {
                status = 500;
                type = "urn:enachain:problem:configuration";
                title = "Chaining misconfigured";
                detail = "The call to " + target + " is not possible with this application's enachain configuration";
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("title", title);
        m.put("status", status);
        m.put("detail", detail);
        m.put("target", e.target());
        m.put("authorization_server", as);
        m.put("error", code);
        return new ProblemDetails(status, Json.object(m));
    }
}
