package org.enachain.jakarta.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.enachain.jakarta.internal.Json;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void objectWhenSpecialCharactersThenEscapedAndReadableAgain() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "a\"b\\c\nd\u0001\u2028");
        m.put("n", 502);
        m.put("b", true);
        m.put("l", List.of("x", "y"));
        m.put("skipped", null);
        String json = Json.object(m);
        assertThat(json).isEqualTo("{\"s\":\"a\\\"b\\\\c\\nd\\u0001\\u2028\",\"n\":502,\"b\":true,\"l\":[\"x\",\"y\"]}");
        assertThat(JsonUtil.parseJson(json)).containsEntry("s", "a\"b\\c\nd\u0001\u2028").containsEntry("n", 502L)
                .doesNotContainKey("skipped");
    }
}
