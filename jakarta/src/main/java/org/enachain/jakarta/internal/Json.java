package org.enachain.jakarta.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jose4j.json.JsonUtil;

/**
 * The few small JSON documents enachain-jakarta answers with (error bodies, problem details,
 * resource metadata), written by jose4j's JSON support, which enachain-core already depends on: no
 * JSON-P provider is needed for them.
 */
public final class Json {

    private Json() {
    }

    /** A JSON object of the entries, in their order; null values are left out. */
    public static String object(Map<String, ?> members) {
        Map<String, Object> present = new LinkedHashMap<>();
        members.forEach((k, v) -> {
            if (v != null) {
                present.put(k, v);
            }
        });
        return JsonUtil.toJson(present);
    }
}
