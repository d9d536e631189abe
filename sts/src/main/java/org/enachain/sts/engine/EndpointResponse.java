package org.enachain.sts.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jose4j.json.JsonUtil;

/**
 * What a tenant endpoint answers: status, headers and a body in the given media type. Token
 * endpoint responses always carry {@code Cache-Control: no-store} and {@code Pragma: no-cache}
 * (GEN-74).
 */
public record EndpointResponse(int status, Map<String, String> headers, String mediaType, String body) {

    public static final String JSON = "application/json";

    public EndpointResponse {
        headers = Map.copyOf(headers);
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(body, "body");
    }

    static EndpointResponse json(int status, Map<String, ?> members, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", "no-store");
        headers.put("Pragma", "no-cache");
        headers.putAll(extraHeaders);
        return new EndpointResponse(status, headers, JSON, JsonUtil.toJson(members));
    }

    /** An RFC 6749 5.2 error answer outside the engine (web layer): JSON, no-store. */
    public static EndpointResponse error(int status, String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        return json(status, body, Map.of());
    }

    /** The decoded JSON body (for tests and callers that need a member). */
    public Map<String, Object> jsonBody() {
        try {
            return JsonUtil.parseJson(body);
        } catch (org.jose4j.lang.JoseException e) {
            throw new IllegalStateException("The response body is not JSON", e);
        }
    }

    @Override
    public String toString() {
        return "EndpointResponse[" + status + "]";
    }
}
