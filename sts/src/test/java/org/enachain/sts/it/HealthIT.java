package org.enachain.sts.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HealthIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return PackagedWar.war();
    }

    @Test
    void healthIsUpOverHttpsAndShowsTheBaseUrlOfTheTestServer() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(LibertyHttps.uri("/health"))
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();

        HttpResponse<String> response = LibertyHttps.client().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        // enachain.sts.base-url is a server.xml variable, read through MicroProfile Config: on the test
        // server it carries the test server's HTTPS port.
        assertThat(response.body())
                .isEqualTo("{\"status\":\"UP\",\"baseUrl\":\"" + LibertyHttps.baseUri() + "\"}");
    }
}
