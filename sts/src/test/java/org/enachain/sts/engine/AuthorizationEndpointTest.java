package org.enachain.sts.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enachain.sts.engine.StsFixture.*;
import static org.enachain.sts.engine.UserGrantSupport.*;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.enachain.sts.policy.ClientPolicy;
import org.enachain.sts.policy.DpopRequirement;
import org.enachain.sts.policy.GrantType;
import org.enachain.sts.policy.ResourcePolicy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The development authorization endpoint (RFC 6749 4.1.1, 4.1.2; RFC 7636; RFC 9207): until the
 * client and its exact redirect URI are known, errors are shown as a page and never redirected (no
 * open redirector, RFC 6749 4.1.2.1, 10.15); afterwards they go back to the client with {@code state}
 * and {@code iss}. The login form escapes what it echoes, and an exchange-only token (STS-07) is
 * available only to a client of token exchange, with the scopes of its own resources (STS-44).
 * The code flow is not catalogued (REQUIREMENTS 9): tests of it cite the RFC sections.
 */
class AuthorizationEndpointTest {

    /** A resource of domain-a the app may not obtain tokens for, with a scope no resource of the app has. */
    private static final String API_D = "https://api-d.domain-a.test";
    private static final String SCRIPT = "\"><script>alert(1)</script>";

    private final StsFixture sts = StsFixture.create();

    private AuthorizationEndpoint endpoint() {
        return sts.a.authorizationEndpoint();
    }

    // ---- the valid request ---------------------------------------------------------------------------

    @Test
    @DisplayName("RFC 6749 4.1.1: a valid request shows the login form, the request carried in hidden fields")
    void whenTheRequestIsValidThenTheLoginFormCarriesIt() {
        String html = page(endpoint().show(authorizationRequest()), 200);

        assertThat(html).contains("<form method=\"post\" action=\"authorize\">")
                .contains("<input type=\"hidden\" name=\"client_id\" value=\"" + APP + "\">")
                .contains("<input type=\"hidden\" name=\"state\" value=\"" + STATE + "\">")
                .contains("<input type=\"hidden\" name=\"code_challenge\" value=\"" + CHALLENGE + "\">")
                .contains("name=\"password\" type=\"password\"");
    }

    @Test
    @DisplayName("RFC 6749 4.1.2, RFC 9207 2: the login redirects to the registered URI with the code, the same state and iss")
    void whenAliceLogsInThenTheRedirectCarriesCodeStateAndIss() {
        String query = form(authorizationRequest());
        assertThat(page(endpoint().showQuery(query), 200)).contains("<form");

        AuthorizationEndpoint.Outcome outcome = endpoint().submitForm(query + "&username=alice&password="
                + ALICE_PASSWORD);

        Map<String, String> redirect = redirect(outcome);
        assertThat(redirect).containsEntry("state", STATE).containsEntry("iss", ISSUER_A).doesNotContainKey("error")
                .containsOnlyKeys("code", "state", "iss");
        assertThat(redirect.get("code")).matches("[A-Za-z0-9_-]{43}");
        EndpointResponse tokens = redeemCode(sts, APP, redirect.get("code"), REDIRECT, VERIFIER);
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
    }

    @Test
    @DisplayName("RFC 6749 4.1.2: without state in the request, the redirect carries the code and iss only")
    void whenTheRequestHasNoStateThenTheRedirectHasNone() {
        Map<String, String> request = authorizationRequest("state", null);
        page(endpoint().show(request), 200);

        Map<String, String> redirect = redirect(endpoint().submit(withCredentials(request, "alice", ALICE_PASSWORD)));

        assertThat(redirect).containsOnlyKeys("code", "iss").containsEntry("iss", ISSUER_A);
    }

    // ---- client and redirect URI: a page, never a redirect ------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"https://evil.test/callback", REDIRECT + "/", REDIRECT + "?next=https://evil.test",
            "https://APP.domain-a.test/callback", "http://app.domain-a.test/callback"})
    @DisplayName("RFC 6749 4.1.2.1, 10.15: a redirect_uri not registered exactly is a 400 page, never a redirect")
    void whenTheRedirectUriIsNotRegisteredThenAnErrorPageIsShown(String redirectUri) {
        Map<String, String> request = authorizationRequest("redirect_uri", redirectUri);

        assertThat(page(endpoint().show(request), 400)).contains("Authorization request refused")
                .doesNotContain("<form").doesNotContain(redirectUri);
        assertThat(page(endpoint().submit(withCredentials(request, "alice", ALICE_PASSWORD)), 400))
                .doesNotContain("code=").doesNotContain(redirectUri);
    }

    @Test
    @DisplayName("RFC 6749 4.1.2.1: a request without redirect_uri is a 400 page")
    void whenTheRedirectUriIsMissingThenAnErrorPageIsShown() {
        assertThat(page(endpoint().show(authorizationRequest("redirect_uri", null)), 400)).doesNotContain("<form");
    }

    @Test
    @DisplayName("RFC 6749 4.1.2.1: an unknown client_id is a 400 page, not a redirect to the given URI")
    void whenTheClientIsUnknownThenAnErrorPageIsShown() {
        Map<String, String> request = authorizationRequest("client_id", "https://unknown.domain-a.test");

        assertThat(page(endpoint().show(request), 400)).contains("Authorization request refused").doesNotContain("<form");
        assertThat(page(endpoint().submit(withCredentials(request, "alice", ALICE_PASSWORD)), 400))
                .doesNotContain("code=");
    }

    @Test
    @DisplayName("RFC 6749 4.1.2.1: a request without client_id is a 400 page (it was a 500), decoded or raw")
    void whenTheClientIdIsMissingThenAnErrorPageIsShown() {
        Map<String, String> request = authorizationRequest("client_id", null);

        assertThat(page(endpoint().show(request), 400)).contains("Authorization request refused");
        assertThat(page(endpoint().showQuery(form(request)), 400)).contains("Authorization request refused");
        assertThat(page(endpoint().showQuery(""), 400)).contains("Authorization request refused");
        assertThat(page(endpoint().showQuery(null), 400)).contains("Authorization request refused");
        assertThat(page(endpoint().submitForm(form(withCredentials(request, "alice", ALICE_PASSWORD))), 400))
                .doesNotContain(ALICE_PASSWORD);
    }

    @Test
    @DisplayName("RFC 6749 4.1.2.1: a client not registered for the code flow (api-a) is a 400 page, even at a URI it registered")
    void whenTheClientMayNotUseTheCodeFlowThenAnErrorPageIsShown() {
        assertThat(sts.spec.clientsA).anyMatch(c -> c.clientId().equals(API_A) && c.redirectUris().contains(REDIRECT)
                && !c.mayUse(GrantType.AUTHORIZATION_CODE));

        AuthorizationEndpoint.Outcome outcome = endpoint().show(authorizationRequest("client_id", API_A));

        assertThat(page(outcome, 400)).contains("Authorization request refused").doesNotContain("<form");
    }

    // ---- response type and PKCE: redirected errors ----------------------------------------------------

    @Test
    @DisplayName("GEN-78, RFC 6749 4.1.2.1: response_type=token is redirected as unsupported_response_type with state and iss")
    void whenTheResponseTypeIsTokenThenUnsupportedResponseType() {
        AuthorizationEndpoint.Outcome outcome = endpoint().show(authorizationRequest("response_type", "token"));

        Map<String, String> redirect = assertRedirectError(outcome, "unsupported_response_type");
        assertThat(redirect).doesNotContainKey("access_token");
        assertThat(((AuthorizationEndpoint.Outcome.Redirect) outcome).location()).doesNotContain("#");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(nullValues = "NULL", value = {
            "code_challenge_method, plain",
            "code_challenge_method, s256",
            "code_challenge_method, NULL",
            "code_challenge, NULL",
            "code_challenge, too-short-for-a-sha256-challenge",
            "code_challenge, E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-c!"})
    @DisplayName("RFC 7636 4.4.1, 7.2: a request without S256 PKCE (plain, no method, no or malformed challenge) is redirected as invalid_request")
    void whenPkceS256IsMissingThenInvalidRequest(String name, String value) {
        Map<String, String> request = authorizationRequest(name, value);

        assertRedirectError(endpoint().show(request), "invalid_request");
        assertRedirectError(endpoint().submit(withCredentials(request, "alice", ALICE_PASSWORD)), "invalid_request");
    }

    // ---- the login ------------------------------------------------------------------------------------

    @Test
    @DisplayName("RFC 6749 3.1: a wrong password is a 401 login page without a code, not echoing the password")
    void whenThePasswordIsWrongThenTheLoginPageComesBackWith401() {
        String wrong = "alice-wrong-password-7f3a";

        String html = page(endpoint().submit(withCredentials(authorizationRequest(), "alice", wrong)), 401);

        assertThat(html).contains("Unknown user or wrong password").contains("<form").doesNotContain(wrong)
                .doesNotContain(ALICE_PASSWORD).doesNotContain("code=").doesNotContain(ALICE_SUB);
    }

    @Test
    @DisplayName("RFC 6749 3.1: an unknown user gets the same 401 page as a wrong password, so users cannot be enumerated")
    void whenTheUserIsUnknownThenTheSamePageAsForAWrongPassword() {
        String unknownUser = page(endpoint().submit(withCredentials(authorizationRequest(), "mallory", "pw-1")), 401);
        String wrongPassword = page(endpoint().submit(withCredentials(authorizationRequest(), "alice", "pw-1")), 401);

        assertThat(unknownUser).isEqualTo(wrongPassword).doesNotContain("mallory");
    }

    // ---- escaping ------------------------------------------------------------------------------------

    @Test
    @DisplayName("RFC 6749 4.1.2: a state holding markup is escaped in the hidden field, and returned unchanged in the redirect")
    void whenTheStateHoldsMarkupThenItIsEscapedAndReturnedUnchanged() {
        Map<String, String> request = authorizationRequest("state", SCRIPT);

        String html = page(endpoint().show(request), 200);
        String afterWrongPassword = page(endpoint().submit(withCredentials(request, "alice", "wrong")), 401);

        for (String page : List.of(html, afterWrongPassword)) {
            assertThat(page).doesNotContain("<script").doesNotContain(SCRIPT)
                    .contains("name=\"state\" value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"");
        }
        Map<String, String> redirect = redirect(endpoint().submit(withCredentials(request, "alice", ALICE_PASSWORD)));
        assertThat(redirect).containsEntry("state", SCRIPT).containsKey("code");
    }

    @Test
    @DisplayName("RFC 6749 4.1.2.1: a client_id holding markup gives an error page that does not reproduce it")
    void whenTheClientIdHoldsMarkupThenTheErrorPageDoesNotReproduceIt() {
        String html = page(endpoint().show(authorizationRequest("client_id", SCRIPT)), 400);

        assertThat(html).doesNotContain("<script").doesNotContain("alert(1)");
    }

    @Test
    @DisplayName("RFC 6749 4.1.2.1: a scope holding markup or a quote is redirected as invalid_scope, the Location holding no raw markup")
    void whenTheScopeHoldsMarkupThenInvalidScopeWithoutRawMarkup() {
        for (String scope : List.of("a-read <script>alert(1)</script>", "a-read \"b-read")) {
            AuthorizationEndpoint.Outcome outcome = endpoint().show(authorizationRequest("scope", scope));

            assertRedirectError(outcome, "invalid_scope");
            assertThat(((AuthorizationEndpoint.Outcome.Redirect) outcome).location()).doesNotContain("<", ">", "\"");
        }
    }

    @Test
    @DisplayName("RFC 6749 3.1.2: a registered redirect_uri with a query is escaped in its hidden field and keeps its query")
    void whenTheRegisteredRedirectUriHasAQueryThenItIsEscapedAndKept() {
        String withQuery = REDIRECT + "?tab=1&view='x'";
        StsFixture fixture = StsFixture.create(spec -> spec.replaceClientA(new ClientPolicy(APP, jwksOf(clientKey(APP)),
                Set.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN), List.of(withQuery), Optional.empty(),
                Set.of(API_A), Set.of(), Map.of(), false, false)));
        Map<String, String> request = authorizationRequest("redirect_uri", withQuery);

        String html = page(fixture.a.authorizationEndpoint().show(request), 200);

        assertThat(html).contains("name=\"redirect_uri\" value=\"" + REDIRECT + "?tab=1&amp;view=&#39;x&#39;\"");
        AuthorizationEndpoint.Outcome outcome = fixture.a.authorizationEndpoint()
                .submit(withCredentials(request, "alice", ALICE_PASSWORD));
        assertThat(outcome).isInstanceOf(AuthorizationEndpoint.Outcome.Redirect.class);
        assertThat(((AuthorizationEndpoint.Outcome.Redirect) outcome).location()).startsWith(withQuery + "&code=");
    }

    // ---- repeated parameters -------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"client_id", "redirect_uri", "state", "response_type", "code_challenge", "scope"})
    @DisplayName("RFC 6749 3.1: a parameter repeated in the raw query is a 400 page, never a redirect")
    void whenAParameterIsRepeatedThenAnErrorPageIsShown(String name) {
        String query = form(authorizationRequest()) + "&" + name + "=" + encodedValue(name);

        assertThat(page(endpoint().showQuery(query), 400)).contains("appears more than once").doesNotContain("<form");
        assertThat(page(endpoint().submitForm(query + "&username=alice&password=" + ALICE_PASSWORD), 400))
                .doesNotContain(ALICE_PASSWORD);
    }

    @Test
    @DisplayName("RFC 6749 3.1: two client_id values, the second registered, are a 400 page (showQuery(\"client_id=a&client_id=b…\"))")
    void whenTwoClientIdsAreSentThenAnErrorPageIsShown() {
        String query = "client_id=https%3A%2F%2Fa.test&client_id=" + TokenEndpointChecks.encode(APP) + "&"
                + form(authorizationRequest("client_id", null));

        assertThat(page(endpoint().showQuery(query), 400)).contains("appears more than once");
    }

    @Test
    @DisplayName("RFC 6749 3.1: a username repeated in the posted login form is a 400 page without a code")
    void whenTheUsernameIsRepeatedThenAnErrorPageIsShown() {
        String body = form(withCredentials(authorizationRequest(), "alice", ALICE_PASSWORD)) + "&username=bob";

        assertThat(page(endpoint().submitForm(body), 400)).doesNotContain("code=").doesNotContain(ALICE_PASSWORD);
    }

    @Test
    @DisplayName("GEN-104, GEN-102: an authorization request naming a known and an unknown resource is invalid_target, not narrowed to the known one")
    void whenOneOfTwoResourcesIsUnknownThenInvalidTarget() {
        String query = form(authorizationRequest()) + "&resource=" + TokenEndpointChecks.encode(
                "https://unknown.domain-a.test");

        assertRedirectError(endpoint().showQuery(query), "invalid_target");
        assertRedirectError(endpoint().submitForm(query + "&username=alice&password=" + ALICE_PASSWORD),
                "invalid_target");
    }

    @Test
    @DisplayName("GEN-102, GEN-105: two resources of one access configuration in the authorization request give one token naming both")
    void whenTwoResourcesShareTheirConfigurationThenTheTokenNamesBoth() {
        StsFixture fixture = StsFixture.create(spec -> spec.replaceClientA(client(APP, Set.of(
                GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN), Optional.empty(), Set.of(API_C, API_C2), Map.of())));
        String query = form(authorizationRequest("resource", API_C)) + "&resource=" + TokenEndpointChecks.encode(API_C2);
        query = query.replace("scope=a-read+b-read", "scope=c-read");

        String html = page(fixture.a.authorizationEndpoint().showQuery(query), 200);
        assertThat(html).contains("name=\"resource\" value=\"" + API_C + "\"")
                .contains("name=\"resource\" value=\"" + API_C2 + "\"");
        Map<String, String> redirect = redirect(fixture.a.authorizationEndpoint().submitForm(query
                + "&username=alice&password=" + ALICE_PASSWORD));
        EndpointResponse tokens = fixture.token(fixture.a, APP, params("grant_type", "authorization_code",
                "code", redirect.get("code"), "redirect_uri", REDIRECT, "code_verifier", VERIFIER), true);

        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        assertThat(claimsOf((String) tokens.jsonBody().get("access_token"))).containsEntry("aud", List.of(API_C, API_C2))
                .containsEntry("scope", "c-read");
    }

    private static String encodedValue(String name) {
        return TokenEndpointChecks.encode(switch (name) {
            case "client_id" -> REPORTS;
            case "redirect_uri" -> "https://evil.test/callback";
            case "response_type" -> "token";
            case "code_challenge" -> UserGrants.Pkce.challengeOf("y".repeat(43));
            default -> "other-value";
        });
    }

    // ---- exchange-only tokens (STS-07, STS-44) -------------------------------------------------------

    @Test
    @DisplayName("STS-07: a client without the token-exchange grant (reports) asking for the issuer as resource is redirected as invalid_target")
    void whenAClientWithoutTokenExchangeAsksForTheIssuerThenInvalidTarget() {
        assertThat(sts.spec.clientsA).anyMatch(c -> c.clientId().equals(REPORTS)
                && c.mayUse(GrantType.AUTHORIZATION_CODE) && !c.mayUse(GrantType.TOKEN_EXCHANGE));
        Map<String, String> forApiA = authorizationRequest("client_id", REPORTS);
        forApiA.put("scope", "a-read");
        assertThat(page(endpoint().show(forApiA), 200)).contains("<form");

        Map<String, String> forIssuer = authorizationRequest("client_id", REPORTS);
        forIssuer.put("scope", "a-read");
        forIssuer.put("resource", ISSUER_A);

        assertRedirectError(endpoint().show(forIssuer), "invalid_target");
        assertRedirectError(endpoint().submit(withCredentials(forIssuer, "alice", ALICE_PASSWORD)), "invalid_target");
    }

    @Test
    @DisplayName("STS-44, STS-07: an exchange-only token may not carry a scope of a resource the app may not reach: invalid_scope")
    void whenTheExchangeOnlyScopeBelongsToAResourceTheClientMayNotReachThenInvalidScope() {
        StsFixture fixture = withApiD();
        Map<String, String> request = authorizationRequest("resource", ISSUER_A);
        request.put("scope", "a-read d-read");

        assertRedirectError(fixture.a.authorizationEndpoint().show(request), "invalid_scope");
        assertRedirectError(fixture.a.authorizationEndpoint().submit(withCredentials(request, "alice", ALICE_PASSWORD)),
                "invalid_scope");
    }

    @Test
    @DisplayName("STS-07, STS-44: the app's exchange-only token with a scope of its resources has aud exactly the issuer and that scope")
    void whenTheExchangeOnlyScopeBelongsToTheClientsResourcesThenTheTokenIsIssued() {
        StsFixture fixture = withApiD();
        Map<String, String> request = authorizationRequest("resource", ISSUER_A);
        request.put("scope", "a-read b-write");

        EndpointResponse response = redeemCode(fixture, APP, code(fixture, request), REDIRECT, VERIFIER);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(claimsOf((String) response.jsonBody().get("access_token"))).containsEntry("aud", ISSUER_A)
                .containsEntry("scope", "a-read b-write").containsEntry("client_id", APP);
    }

    @Test
    @DisplayName("STS-44, STS-07: without scope, the exchange-only token carries the scopes of the app's resources and no other")
    void whenTheExchangeOnlyRequestHasNoScopeThenOnlyTheClientsResourceScopesAreIssued() {
        StsFixture fixture = withApiD();
        Map<String, String> request = authorizationRequest("resource", ISSUER_A);
        request.remove("scope");

        EndpointResponse response = redeemCode(fixture, APP, code(fixture, request), REDIRECT, VERIFIER);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.jsonBody()).containsEntry("scope", "a-read a-write b-read b-write c-read");
        assertThat(claimsOf((String) response.jsonBody().get("access_token")))
                .containsEntry("scope", "a-read a-write b-read b-write c-read");
    }

    /** The fixture plus API D (scope d-read), which api-b may reach and the app may not. */
    private static StsFixture withApiD() {
        StsFixture fixture = StsFixture.create(spec -> {
            spec.resourcesA.add(new ResourcePolicy(API_D, Set.of(), Set.of("d-read"), DpopRequirement.OPTIONAL, Set.of(),
                    false, false, Optional.empty()));
            spec.replaceClientA(client(API_B, Set.of(GrantType.TOKEN_EXCHANGE), Optional.of(API_B), Set.of(API_C, API_D),
                    Map.of()));
        });
        assertThat(fixture.spec.clientsA).anyMatch(c -> c.clientId().equals(APP)
                && !c.allowedResources().contains(API_D) && c.mayUse(GrantType.TOKEN_EXCHANGE));
        assertThat(fixture.a.metadataJson()).contains("d-read");
        return fixture;
    }
}
