package org.enachain.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.enachain.core.client.ClientTestSupport.CLIENT_ID;
import static org.enachain.core.client.ClientTestSupport.RESOURCE;
import static org.enachain.core.client.ClientTestSupport.SUBJECT_TOKEN;
import static org.enachain.core.client.ClientTestSupport.TARGET_ISSUER;
import static org.enachain.core.client.ClientTestSupport.bearer;
import static org.enachain.core.client.ClientTestSupport.grant;
import static org.enachain.core.client.ClientTestSupport.script;

import java.util.List;
import java.util.Map;
import org.enachain.core.testing.ScriptedAuthorizationServer;
import org.enachain.core.testing.TestHttpsServer;
import org.enachain.core.testing.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * RFC 8693 token exchange requests as the profile shapes them (Chaining 2.3, 3.3.1, 4.1): the exact
 * form parameters that reach the scripted AS, and the combinations the builders refuse before a
 * request exists.
 */
class TokenExchangeRequestTest {

    private static final String REFRESH_TOKEN = "rt-8xLOxBtZp8";
    private static final String OTHER_RESOURCE = "https://api-c.example.com";

    private static ScriptedAuthorizationServer as;

    private final ClientIdentity client = ClientIdentity.builder(CLIENT_ID, TestKeys.CLIENT_ES256).build();

    @BeforeAll
    static void startServer() {
        as = new ScriptedAuthorizationServer();
    }

    @AfterAll
    static void stopServer() {
        as.close();
    }

    @BeforeEach
    void reset() {
        as.server().received().clear();
    }

    /** Sends an intra-domain request (answered with a Bearer access token) and returns the form the AS received. */
    private Map<String, List<String>> sentIntraDomain(TokenExchangeRequest request) {
        script(as, bearer());
        as.client().send(as.metadata(), client, request, false);
        return onlyRequest().form();
    }

    /** Sends a cross-domain request (answered with a JWT grant) and returns the form the AS received. */
    private Map<String, List<String>> sentCrossDomain(TokenExchangeRequest request) {
        script(as, grant());
        as.client().send(as.metadata(), client, request, false);
        return onlyRequest().form();
    }

    private static TestHttpsServer.Received onlyRequest() {
        assertThat(as.tokenRequests()).hasSize(1);
        return as.tokenRequests().get(0);
    }

    @Nested
    class IntraDomain {

        private final TokenExchangeRequest toResource = TokenExchangeRequest.intraDomain(SUBJECT_TOKEN).audience(RESOURCE).build();

        @Test
        @DisplayName("CL-14: grant_type is the token-exchange grant type")
        void sendWhenIntraDomainThenGrantTypeIsTokenExchange() {
            assertThat(sentIntraDomain(toResource).get("grant_type"))
                    .containsExactly("urn:ietf:params:oauth:grant-type:token-exchange");
        }

        @Test
        @DisplayName("CL-15: subject_token is byte-equal to the inbound access token")
        void sendWhenIntraDomainThenSubjectTokenIsTheInboundTokenExactly() {
            assertThat(sentIntraDomain(toResource).get("subject_token")).containsExactly(SUBJECT_TOKEN);
        }

        @Test
        @DisplayName("CL-15: an opaque inbound token with form-special characters (+ / = % &) arrives byte-equal")
        void sendWhenSubjectTokenHasFormSpecialCharactersThenItArrivesUnchanged() {
            String opaque = "2YotnFZ+FEjr1zC/sicMW%20pA&A==";

            Map<String, List<String>> form = sentIntraDomain(
                    TokenExchangeRequest.intraDomain(opaque).audience(RESOURCE).build());

            assertThat(form.get("subject_token")).containsExactly(opaque);
        }

        @Test
        @DisplayName("CL-16: subject_token_type is the access_token token type")
        void sendWhenIntraDomainThenSubjectTokenTypeIsAccessToken() {
            assertThat(sentIntraDomain(toResource).get("subject_token_type"))
                    .containsExactly("urn:ietf:params:oauth:token-type:access_token");
        }

        @Test
        @DisplayName("CL-18: requested_token_type is the access_token token type, sent by default")
        void sendWhenIntraDomainThenRequestedTokenTypeIsAccessToken() {
            assertThat(sentIntraDomain(toResource).get("requested_token_type"))
                    .containsExactly("urn:ietf:params:oauth:token-type:access_token");
        }

        @Test
        @DisplayName("CL-17, CL-25: without a scope the target is named: audience is the resource identifier, and no resource is sent")
        void sendWhenAudienceConfiguredThenAudienceIsTheResourceIdentifier() {
            Map<String, List<String>> form = sentIntraDomain(toResource);

            assertThat(form.get("audience")).containsExactly(RESOURCE);
            assertThat(form).doesNotContainKeys("resource", "scope");
        }

        @Test
        @DisplayName("CL-17, CL-28: with a deducible scope and no target, the request is built and sent without audience or resource")
        void sendWhenOnlyScopeConfiguredThenNoTargetParameter() {
            Map<String, List<String>> form = sentIntraDomain(
                    TokenExchangeRequest.intraDomain(SUBJECT_TOKEN).scope("orders-read").build());

            assertThat(form.get("scope")).containsExactly("orders-read");
            assertThat(form).doesNotContainKeys("audience", "resource");
        }

        @Test
        @DisplayName("CL-17: with neither a target nor a scope the builder refuses, naming the rule")
        void buildWhenNoTargetAndNoScopeThenRefused() {
            TokenExchangeRequest.Builder builder = TokenExchangeRequest.intraDomain(SUBJECT_TOKEN);

            assertThatThrownBy(builder::build)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must name its target with audience or resource")
                    .hasMessageContaining("Chaining 2.3");
        }

        @Test
        @DisplayName("CL-19: a configured scope is sent space-separated, in order, once per value")
        void sendWhenScopeConfiguredThenScopeSent() {
            Map<String, List<String>> form = sentIntraDomain(TokenExchangeRequest.intraDomain(SUBJECT_TOKEN)
                    .audience(RESOURCE).scope("orders-read  profile", "orders-read").build());

            assertThat(form.get("scope")).containsExactly("orders-read profile");
        }

        @Test
        @DisplayName("CL-21: two audiences are sent as two audience parameters, in order")
        void sendWhenTwoAudiencesThenRepeatedAudienceParameters() {
            Map<String, List<String>> form = sentIntraDomain(
                    TokenExchangeRequest.intraDomain(SUBJECT_TOKEN).audience(RESOURCE, OTHER_RESOURCE).build());

            assertThat(form.get("audience")).containsExactly(RESOURCE, OTHER_RESOURCE);
        }

        @Test
        @DisplayName("CL-21: two resources are sent as two resource parameters, in order")
        void sendWhenTwoResourcesThenRepeatedResourceParameters() {
            Map<String, List<String>> form = sentIntraDomain(TokenExchangeRequest.intraDomain(SUBJECT_TOKEN)
                    .resource(RESOURCE).resource(OTHER_RESOURCE).build());

            assertThat(form.get("resource")).containsExactly(RESOURCE, OTHER_RESOURCE);
        }

        @Test
        @DisplayName("CL-23, CL-24: a target configured for resource is sent as resource with its identifier, without audience")
        void sendWhenResourceConfiguredThenResourceIsTheResourceIdentifier() {
            Map<String, List<String>> form = sentIntraDomain(
                    TokenExchangeRequest.intraDomain(SUBJECT_TOKEN).resource(RESOURCE).build());

            assertThat(form.get("resource")).containsExactly(RESOURCE);
            assertThat(form).doesNotContainKey("audience");
        }

        @Test
        @DisplayName("CL-22: a resource with a fragment is refused, naming RFC 8707")
        void resourceWhenFragmentThenRefused() {
            TokenExchangeRequest.Builder builder = TokenExchangeRequest.intraDomain(SUBJECT_TOKEN);

            assertThatThrownBy(() -> builder.resource(RESOURCE + "/orders#section"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("absolute URI without a fragment")
                    .hasMessageContaining("RFC 8707 2");
        }

        @Test
        @DisplayName("CL-22: a relative resource is refused, naming RFC 8707")
        void resourceWhenRelativeThenRefused() {
            TokenExchangeRequest.Builder builder = TokenExchangeRequest.intraDomain(SUBJECT_TOKEN);

            assertThatThrownBy(() -> builder.resource("/orders"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("absolute URI without a fragment")
                    .hasMessageContaining("RFC 8707 2");
        }

        @Test
        @DisplayName("A resource that is not a URI at all is refused")
        void resourceWhenNotAUriThenRefused() {
            TokenExchangeRequest.Builder builder = TokenExchangeRequest.intraDomain(SUBJECT_TOKEN);

            assertThatThrownBy(() -> builder.resource("https://api example.com"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not a URI");
        }

        @Test
        @DisplayName("CL-27: a target configured with both audience and resource is refused, naming Chaining 4.1")
        void buildWhenAudienceAndResourceThenRefused() {
            TokenExchangeRequest.Builder builder = TokenExchangeRequest.intraDomain(SUBJECT_TOKEN)
                    .audience(RESOURCE).resource(RESOURCE);

            assertThatThrownBy(builder::build)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must not carry both resource and audience")
                    .hasMessageContaining("Chaining 4.1");
        }

        @Test
        @DisplayName("An empty subject token is refused")
        void intraDomainWhenEmptySubjectTokenThenRefused() {
            assertThatThrownBy(() -> TokenExchangeRequest.intraDomain(""))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("subject_token");
        }

        @Test
        @DisplayName("describe() and toString() name the target, never the subject token")
        void describeWhenBuiltThenNoSubjectToken() {
            assertThat(toResource.describe()).contains(RESOURCE).doesNotContain(SUBJECT_TOKEN);
            assertThat(toResource.toString()).doesNotContain(SUBJECT_TOKEN);
        }
    }

    @Nested
    class CrossDomain {

        private final TokenExchangeRequest toTargetAs =
                TokenExchangeRequest.crossDomain(SUBJECT_TOKEN, TokenTypeUri.ACCESS_TOKEN, TARGET_ISSUER).build();

        @Test
        @DisplayName("CL-14: grant_type is the token-exchange grant type")
        void sendWhenCrossDomainThenGrantTypeIsTokenExchange() {
            assertThat(sentCrossDomain(toTargetAs).get("grant_type"))
                    .containsExactly("urn:ietf:params:oauth:grant-type:token-exchange");
        }

        @Test
        @DisplayName("CL-26, CL-29, CL-33: by default the target AS is named by audience = its issuer, the only target parameter")
        void sendWhenCrossDomainDefaultThenAudienceIsTargetIssuerOnly() {
            Map<String, List<String>> form = sentCrossDomain(toTargetAs);

            assertThat(form.get("audience")).containsExactly(TARGET_ISSUER);
            assertThat(form).doesNotContainKey("resource");
        }

        @Test
        @DisplayName("CL-33: with resource() chosen, the target AS issuer is the only resource and no audience is sent")
        void sendWhenCrossDomainByResourceThenResourceIsTargetIssuerOnly() {
            Map<String, List<String>> form = sentCrossDomain(TokenExchangeRequest
                    .crossDomain(SUBJECT_TOKEN, TokenTypeUri.ACCESS_TOKEN, TARGET_ISSUER).targetIssuerAsResource().build());

            assertThat(form.get("resource")).containsExactly(TARGET_ISSUER);
            assertThat(form).doesNotContainKey("audience");
        }

        @Test
        @DisplayName("CL-33: building twice from one cross-domain builder names the target AS exactly once each time")
        void buildWhenCalledTwiceThenTargetNamedOnce() {
            TokenExchangeRequest.Builder builder =
                    TokenExchangeRequest.crossDomain(SUBJECT_TOKEN, TokenTypeUri.ACCESS_TOKEN, TARGET_ISSUER);
            builder.build();

            TokenExchangeRequest second = builder.build();

            assertThat(second.audiences()).containsExactly(TARGET_ISSUER);
            assertThat(second.resources()).isEmpty();
        }

        @Test
        @DisplayName("An extra audience on a cross-domain exchange is refused, naming Chaining 3.3.1")
        void audienceWhenCrossDomainThenRefused() {
            TokenExchangeRequest.Builder builder =
                    TokenExchangeRequest.crossDomain(SUBJECT_TOKEN, TokenTypeUri.ACCESS_TOKEN, TARGET_ISSUER);

            assertThatThrownBy(() -> builder.audience(RESOURCE))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("names only the target authorization server")
                    .hasMessageContaining("Chaining 3.3.1");
        }

        @Test
        @DisplayName("An extra resource value on a cross-domain exchange is refused, naming Chaining 3.3.1")
        void resourceWithValueWhenCrossDomainThenRefused() {
            TokenExchangeRequest.Builder builder =
                    TokenExchangeRequest.crossDomain(SUBJECT_TOKEN, TokenTypeUri.ACCESS_TOKEN, TARGET_ISSUER);

            assertThatThrownBy(() -> builder.resource(RESOURCE))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("names only the target authorization server")
                    .hasMessageContaining("Chaining 3.3.1");
        }

        @Test
        @DisplayName("A cross-domain exchange without a target issuer is refused")
        void crossDomainWhenNoTargetIssuerThenRefused() {
            assertThatThrownBy(() -> TokenExchangeRequest.crossDomain(SUBJECT_TOKEN, TokenTypeUri.ACCESS_TOKEN, ""))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("the target authorization server's issuer");
        }

        @Test
        @DisplayName("CL-32: an access-token subject is sent with subject_token_type access_token")
        void sendWhenAccessTokenSubjectThenSubjectTokenTypeAccessToken() {
            Map<String, List<String>> form = sentCrossDomain(toTargetAs);

            assertThat(form.get("subject_token")).containsExactly(SUBJECT_TOKEN);
            assertThat(form.get("subject_token_type")).containsExactly("urn:ietf:params:oauth:token-type:access_token");
        }

        @Test
        @DisplayName("CL-32: a refresh-token subject is sent with subject_token_type refresh_token")
        void sendWhenRefreshTokenSubjectThenSubjectTokenTypeRefreshToken() {
            Map<String, List<String>> form = sentCrossDomain(TokenExchangeRequest
                    .crossDomain(REFRESH_TOKEN, TokenTypeUri.REFRESH_TOKEN, TARGET_ISSUER).build());

            assertThat(form.get("subject_token")).containsExactly(REFRESH_TOKEN);
            assertThat(form.get("subject_token_type")).containsExactly("urn:ietf:params:oauth:token-type:refresh_token");
        }

        @Test
        @DisplayName("A subject of type jwt is refused for a cross-domain exchange, naming Chaining 3.3.1")
        void crossDomainWhenSubjectTypeJwtThenRefused() {
            assertThatThrownBy(() -> TokenExchangeRequest.crossDomain(SUBJECT_TOKEN, TokenTypeUri.JWT, TARGET_ISSUER))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("an access token or a refresh token as subject")
                    .hasMessageContaining("Chaining 3.3.1");
        }

        @Test
        @DisplayName("CL-34: requested_token_type is the jwt token type, sent by default")
        void sendWhenCrossDomainThenRequestedTokenTypeIsJwt() {
            assertThat(sentCrossDomain(toTargetAs).get("requested_token_type"))
                    .containsExactly("urn:ietf:params:oauth:token-type:jwt");
        }

        @Test
        @DisplayName("CL-35: a configured scope is sent with the cross-domain exchange")
        void sendWhenCrossDomainScopeThenScopeSent() {
            Map<String, List<String>> form = sentCrossDomain(TokenExchangeRequest
                    .crossDomain(SUBJECT_TOKEN, TokenTypeUri.ACCESS_TOKEN, TARGET_ISSUER).scope("orders-read").build());

            assertThat(form.get("scope")).containsExactly("orders-read");
        }
    }
}
