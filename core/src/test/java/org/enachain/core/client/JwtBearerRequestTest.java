package org.enachain.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.enachain.core.client.ClientTestSupport.CLIENT_ID;
import static org.enachain.core.client.ClientTestSupport.ISSUED_GRANT;
import static org.enachain.core.client.ClientTestSupport.SUBJECT_TOKEN;
import static org.enachain.core.client.ClientTestSupport.TARGET_CLIENT_ID;
import static org.enachain.core.client.ClientTestSupport.bearer;
import static org.enachain.core.client.ClientTestSupport.grant;
import static org.enachain.core.client.ClientTestSupport.script;

import java.util.List;
import java.util.Map;
import org.enachain.core.testing.ScriptedAuthorizationServer;
import org.enachain.core.testing.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 7523 JWT bearer grant requests at the target-domain AS (Chaining 3.4.1; CL-42 to CL-47). */
class JwtBearerRequestTest {

    private static final String TARGET_RESOURCE = "https://api.domain-b.example/orders";

    private static ScriptedAuthorizationServer sts;
    private static ScriptedAuthorizationServer tas;

    private final ClientIdentity atTas = ClientIdentity.builder(TARGET_CLIENT_ID, TestKeys.CLIENT_ES256).build();

    @BeforeAll
    static void startServers() {
        sts = new ScriptedAuthorizationServer();
        tas = new ScriptedAuthorizationServer();
    }

    @AfterAll
    static void stopServers() {
        sts.close();
        tas.close();
    }

    @BeforeEach
    void reset() {
        sts.server().received().clear();
        tas.server().received().clear();
        script(sts, grant());
        script(tas, bearer());
    }

    /** Sends {@code request} to the TAS and returns the form it received. */
    private Map<String, List<String>> sent(JwtBearerRequest request) {
        tas.client().send(tas.metadata(), atTas, request, false);
        assertThat(tas.tokenRequests()).hasSize(1);
        return tas.tokenRequests().get(0).form();
    }

    @Test
    @DisplayName("CL-42: grant_type is the jwt-bearer grant type")
    void sendWhenJwtBearerThenGrantTypeIsJwtBearer() {
        assertThat(sent(JwtBearerRequest.of(ISSUED_GRANT)).get("grant_type"))
                .containsExactly("urn:ietf:params:oauth:grant-type:jwt-bearer");
    }

    @Test
    @DisplayName("CL-43: assertion is byte-equal to the grant the STS returned in its exchange response")
    void sendWhenGrantFromStsThenAssertionIsThatGrantExactly() {
        ClientIdentity atSts = ClientIdentity.builder(CLIENT_ID, TestKeys.CLIENT_ES256).build();
        TokenResponse fromSts = sts.client().send(sts.metadata(), atSts, TokenExchangeRequest
                .crossDomain(SUBJECT_TOKEN, TokenTypeUri.ACCESS_TOKEN, tas.issuer()).build(), false);

        Map<String, List<String>> form = sent(JwtBearerRequest.of(fromSts.accessToken()));

        assertThat(form.get("assertion")).containsExactly(ISSUED_GRANT);
    }

    @Test
    @DisplayName("CL-45: target-domain scope values are sent as one space-separated scope")
    void sendWhenScopeThenScopeSent() {
        Map<String, List<String>> form = sent(JwtBearerRequest.of(ISSUED_GRANT).withScope("orders-read", "orders-write"));

        assertThat(form.get("scope")).containsExactly("orders-read orders-write");
    }

    @Test
    @DisplayName("CL-46: resource is the target-domain resource identifier")
    void sendWhenResourceThenResourceIsTargetResourceIdentifier() {
        Map<String, List<String>> form = sent(JwtBearerRequest.of(ISSUED_GRANT).withResource(TARGET_RESOURCE));

        assertThat(form.get("resource")).containsExactly(TARGET_RESOURCE);
    }

    @Test
    @DisplayName("A jwt-bearer resource with a fragment is refused (Profile 7.1 applies to it)")
    void withResourceWhenFragmentThenRefused() {
        JwtBearerRequest request = JwtBearerRequest.of(ISSUED_GRANT);

        assertThatThrownBy(() -> request.withResource(TARGET_RESOURCE + "#x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("absolute URI without a fragment")
                .hasMessageContaining("Profile 7.1");
    }

    @Test
    @DisplayName("CL-47: with scope and resource configured, the request carries exactly the jwt-bearer parameters and no audience")
    void sendWhenScopeAndResourceThenNoAudienceParameter() {
        Map<String, List<String>> form = sent(JwtBearerRequest.of(ISSUED_GRANT)
                .withResource(TARGET_RESOURCE).withScope("orders-read"));

        assertThat(form).doesNotContainKey("audience");
        assertThat(form.keySet()).containsExactly("grant_type", "assertion", "resource", "scope", "client_id",
                "client_assertion_type", "client_assertion");
    }

    @Test
    @DisplayName("An empty grant is refused")
    void ofWhenEmptyGrantThenRefused() {
        assertThatThrownBy(() -> JwtBearerRequest.of(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JWT authorization grant");
    }

    @Test
    @DisplayName("describe() and toString() never show the grant")
    void describeWhenBuiltThenNoGrant() {
        JwtBearerRequest request = JwtBearerRequest.of(ISSUED_GRANT).withScope("orders-read");

        assertThat(request.describe()).contains("jwt-bearer").doesNotContain(ISSUED_GRANT);
        assertThat(request.toString()).doesNotContain(ISSUED_GRANT);
    }
}
