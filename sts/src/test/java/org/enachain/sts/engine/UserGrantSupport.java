package org.enachain.sts.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enachain.sts.engine.StsFixture.*;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Helpers shared by the tests of the grants that start from a user: the authorization endpoint,
 * the authorization code grant with PKCE, refresh and revocation. Requests are built from the valid
 * authorization request the fixture's login uses, so a test changes one parameter of it.
 */
final class UserGrantSupport {

    /** The S256 challenge of the fixture's {@link StsFixture#VERIFIER}. */
    static final String CHALLENGE = UserGrants.Pkce.challengeOf(VERIFIER);
    static final String STATE = "s-4f1c";
    static final String ALICE_PASSWORD = "alice-demo-password";

    private UserGrantSupport() {
    }

    /** The valid authorization request of the app for API A with scope a-read b-read (null values are left out). */
    static Map<String, String> authorizationRequest() {
        return params("response_type", "code", "client_id", APP, "redirect_uri", REDIRECT, "scope", "a-read b-read",
                "state", STATE, "code_challenge", CHALLENGE, "code_challenge_method", "S256", "resource", API_A);
    }

    /** {@link #authorizationRequest()} with {@code name} set to {@code value}, or left out when null. */
    static Map<String, String> authorizationRequest(String name, String value) {
        Map<String, String> request = authorizationRequest();
        if (value == null) {
            request.remove(name);
        } else {
            request.put(name, value);
        }
        return request;
    }

    /** The login form as the browser posts it back: the request's parameters plus the credentials. */
    static Map<String, String> withCredentials(Map<String, String> request, String username, String password) {
        Map<String, String> form = new LinkedHashMap<>(request);
        form.put("username", username);
        form.put("password", password);
        return form;
    }

    /** Asserts a page (no redirect) with exactly {@code status} and returns its HTML. */
    static String page(AuthorizationEndpoint.Outcome outcome, int status) {
        assertThat(outcome).as("outcome").isInstanceOf(AuthorizationEndpoint.Outcome.Page.class);
        AuthorizationEndpoint.Outcome.Page page = (AuthorizationEndpoint.Outcome.Page) outcome;
        assertThat(page.status()).as(page.html()).isEqualTo(status);
        return page.html();
    }

    /** Asserts a redirect to the fixture's redirect URI and returns its decoded query parameters. */
    static Map<String, String> redirect(AuthorizationEndpoint.Outcome outcome) {
        assertThat(outcome).as("outcome").isInstanceOf(AuthorizationEndpoint.Outcome.Redirect.class);
        String location = ((AuthorizationEndpoint.Outcome.Redirect) outcome).location();
        assertThat(location).startsWith(REDIRECT + "?");
        return query(location);
    }

    /**
     * Asserts an RFC 6749 4.1.2.1 error redirect: {@code error}, a description, the request's
     * {@code state}, {@code iss} (RFC 9207) and no code.
     */
    static Map<String, String> assertRedirectError(AuthorizationEndpoint.Outcome outcome, String error) {
        Map<String, String> query = redirect(outcome);
        assertThat(query).containsEntry("error", error).containsEntry("state", STATE).containsEntry("iss", ISSUER_A)
                .doesNotContainKey("code");
        assertThat(query.get("error_description")).isNotBlank();
        return query;
    }

    /** Alice logs in with {@code request}; returns the code of the redirect. */
    static String code(StsFixture sts, Map<String, String> request) {
        assertThat(page(sts.a.authorizationEndpoint().show(request), 200)).contains("<form");
        Map<String, String> query = redirect(sts.a.authorizationEndpoint().submit(withCredentials(request, "alice",
                ALICE_PASSWORD)));
        assertThat(query).containsKey("code").doesNotContainKey("error");
        return query.get("code");
    }

    /** The authorization code grant at domain-a; null values are left out. */
    static EndpointResponse redeemCode(StsFixture sts, String clientId, String code, String redirectUri,
                                       String verifier) {
        return sts.token(sts.a, clientId, params("grant_type", "authorization_code", "code", code,
                "redirect_uri", redirectUri, "code_verifier", verifier));
    }

    /** The refresh token grant at domain-a; a null scope is left out. */
    static EndpointResponse refresh(StsFixture sts, String clientId, String refreshToken, String scope) {
        return sts.token(sts.a, clientId, params("grant_type", "refresh_token", "refresh_token", refreshToken,
                "scope", scope));
    }

    /** An RFC 7009 revocation request at domain-a authenticated as {@code clientId}. */
    static EndpointResponse revocation(StsFixture sts, String clientId, String token) {
        return sts.a.revoke(EndpointRequest.formPost(form(params("token", token, "client_id", clientId,
                "client_assertion_type", ASSERTION_TYPE, "client_assertion", sts.assertion(clientId, sts.a)))));
    }
}
