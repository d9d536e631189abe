package org.enachain.interop;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/** Reading a compact JWT's parts in tests (no validation: that is what the tests exercise). */
final class Jwts {
    private Jwts() {
    }

    static String part(String jwt, int index) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]), StandardCharsets.UTF_8);
    }

    static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, Object> claims(String jwt) {
        try {
            return JsonUtil.parseJson(part(jwt, 1));
        } catch (JoseException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
