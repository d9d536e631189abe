package org.enachain.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HttpTransportRecordsTest {

    @Test
    @DisplayName("GEN-21: a request or response printed (say, by a debugger or a log line) shows no header value or body")
    void toStringWhenSecretsInHeadersAndBodyThenNotShown() {
        HttpTransport.Request request = HttpTransport.Request.postForm(URI.create("https://as.example/token"),
                Map.of("DPoP", "eyJproof-secret", "Authorization", "DPoP eyJtoken-secret"), "subject_token=eyJbody-secret");
        HttpTransport.Response response = new HttpTransport.Response(200,
                Map.of("DPoP-Nonce", List.of("nonce-secret")), "{\"access_token\":\"eyJanswer-secret\"}".getBytes());

        assertThat(request.toString()).contains("POST", "https://as.example/token", "DPoP", "Authorization")
                .doesNotContain("secret");
        assertThat(response.toString()).contains("200").doesNotContain("secret");
    }

    @Test
    @DisplayName("request headers keep the order they were given")
    void headersWhenGivenInOrderThenKeptInOrder() {
        HttpTransport.Request request = HttpTransport.Request.get(URI.create("https://as.example/"),
                new java.util.LinkedHashMap<>(Map.of("A", "1")) {{
                    put("B", "2");
                    put("C", "3");
                }});

        assertThat(request.headers().keySet()).containsExactly("A", "B", "C");
    }
}
