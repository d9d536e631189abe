package org.enachain.sts.engine;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.enachain.core.OAuthError;
import org.enachain.sts.policy.ClientPolicy;
import org.enachain.sts.policy.DemoUser;
import org.enachain.sts.policy.GrantType;

/**
 * {@code {issuer}/authorize} for development: the authorization code flow with PKCE S256 and a
 * minimal login form for the policy's users, so the demo and the tests have real user tokens.
 * The redirect URI must match a registered one exactly; until it does, errors are shown, never
 * redirected (RFC 6749 4.1.2.1). Not an identity provider: no sessions, no consent, no rate limit.
 */
public final class AuthorizationEndpoint {

    /** What the web layer sends back: an HTML page, or a redirect to the client. */
    public sealed interface Outcome {
        /** An HTML page with the given status. */
        record Page(int status, String html) implements Outcome {
        }

        /** A 303 redirect to the client's redirect URI. */
        record Redirect(String location) implements Outcome {
        }
    }

    /** The single-valued request parameters the login form carries; {@code resource} may repeat (RFC 8707 2). */
    private static final List<String> FORWARDED = List.of("response_type", "client_id", "redirect_uri", "scope",
            "state", "code_challenge", "code_challenge_method");

    private final String issuer;
    private final String tenant;
    private final Map<String, ClientPolicy> clients;
    private final Map<String, DemoUser> users;
    private final Targets targets;
    private final UserGrants userGrants;
    private final TokenMinter minter;

    AuthorizationEndpoint(String issuer, String tenant, Map<String, ClientPolicy> clients, Map<String, DemoUser> users,
                          Targets targets, UserGrants userGrants, TokenMinter minter) {
        this.issuer = issuer;
        this.tenant = tenant;
        this.clients = clients;
        this.users = users;
        this.targets = targets;
        this.userGrants = userGrants;
        this.minter = minter;
    }

    /** {@code GET /authorize}: checks the request (the raw query string) and shows the login form. */
    public Outcome showQuery(String rawQuery) {
        return handle(rawQuery, false);
    }

    /** {@code POST /authorize}: the login form (the raw form body) came back with the credentials. */
    public Outcome submitForm(String body) {
        return handle(body, true);
    }

    /** {@link #showQuery} with decoded parameters. */
    public Outcome show(Map<String, String> query) {
        return handle(FormParameters.of(query), false);
    }

    /** {@link #submitForm} with decoded parameters. */
    public Outcome submit(Map<String, String> form) {
        return handle(FormParameters.of(form), true);
    }

    private Outcome handle(String encoded, boolean login) {
        try {
            return handle(FormParameters.parse(encoded == null ? "" : encoded), login);
        } catch (RequestRejected e) {
            return errorPage("The authorization request is malformed: " + e.description() + ".");
        }
    }

    private Outcome handle(FormParameters form, boolean login) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : FORWARDED) {
            form.optional(name).ifPresent(v -> params.put(name, v));
        }
        List<String> resources = form.all("resource");
        form.optional("username").ifPresent(v -> params.put("username", v));
        form.optional("password").ifPresent(v -> params.put("password", v));
        String clientId = params.get("client_id");
        ClientPolicy client = clientId == null ? null : clients.get(clientId);
        if (client == null || !client.mayUse(GrantType.AUTHORIZATION_CODE)) {
            return errorPage("The client_id does not name a client registered for the authorization code flow.");
        }
        String redirectUri = params.get("redirect_uri");
        if (redirectUri == null || !client.redirectUris().contains(redirectUri)) {
            return errorPage("The redirect_uri is not registered for this client.");
        }
        String state = params.get("state");
        if (!"code".equals(params.get("response_type"))) {
            return redirectError(redirectUri, state, "unsupported_response_type", "Only response_type=code is supported");
        }
        String challenge = params.get("code_challenge");
        if (challenge == null || !"S256".equals(params.get("code_challenge_method"))
                || !UserGrants.Pkce.isValidChallenge(challenge)) {
            return redirectError(redirectUri, state, OAuthError.INVALID_REQUEST.code(),
                    "PKCE with code_challenge_method S256 is required");
        }
        Audience audience;
        Set<String> scopes;
        try {
            Set<String> requested = ScopeRules.requested(form);
            audience = audience(resources, requested, client);
            scopes = scopes(requested, audience, client);
        } catch (RequestRejected e) {
            return redirectError(redirectUri, state, e.error().code(), e.description());
        }
        if (!login) {
            return loginPage(params, resources, 200, null);
        }
        DemoUser user = users.get(params.getOrDefault("username", ""));
        if (user == null || !MessageDigest.isEqual(user.password().getBytes(StandardCharsets.UTF_8),
                params.getOrDefault("password", "").getBytes(StandardCharsets.UTF_8))) {
            return loginPage(params, resources, 401, "Unknown user or wrong password.");
        }
        Optional<String> code = userGrants.newCode(new AuthorizationCode(client.clientId(), redirectUri, challenge,
                audience, scopes, user, minter.now()));
        if (code.isEmpty()) {
            return redirectError(redirectUri, state, "temporarily_unavailable", "Too many pending authorization codes");
        }
        Map<String, String> result = new LinkedHashMap<>();
        result.put("code", code.get());
        if (state != null) {
            result.put("state", state);
        }
        result.put("iss", issuer);
        return new Outcome.Redirect(withQuery(redirectUri, result));
    }

    private Audience audience(List<String> resources, Set<String> requested, ClientPolicy client)
            throws RequestRejected {
        if (resources.equals(List.of(issuer))) {
            // STS-07: a token whose only purpose is exchange here, by its own client (cross-domain direct
            // use). Its scopes are those of the resources the client may reach, never more (STS-44).
            if (!client.mayUse(GrantType.TOKEN_EXCHANGE)) {
                throw RequestRejected.invalidTarget("The client may not use token exchange, so it cannot obtain a"
                        + " token for this authorization server");
            }
            return Audience.exchangeOnly(issuer, targets.scopesOf(client.allowedResources()));
        }
        if (!resources.isEmpty()) {
            // GEN-104: every value must name a resource the client may reach; none is silently dropped.
            return targets.resolve(resources, client, "resource");
        }
        return targets.audienceOf(List.of(targets.deduce(requested, client).orElseThrow(() ->
                RequestRejected.invalidRequest("Name the resource: it cannot be deduced from the scope"))));
    }

    private static Set<String> scopes(Set<String> requested, Audience audience, ClientPolicy client)
            throws RequestRejected {
        Set<String> scopes = new TreeSet<>();
        if (requested.isEmpty()) {
            audience.scopes().stream().filter(client::mayObtainScope).forEach(scopes::add);
        } else {
            for (String scope : requested) {
                if (!audience.scopes().contains(scope) || !client.mayObtainScope(scope)) {
                    throw RequestRejected.invalidScope("The scope " + Targets.quoted(scope)
                            + " is not available to this client for the resource");
                }
                scopes.add(scope);
            }
        }
        if (scopes.isEmpty()) {
            throw RequestRejected.invalidScope("No scope is available to this client for the resource");
        }
        return scopes;
    }

    private Outcome loginPage(Map<String, String> params, List<String> resources, int status, String error) {
        StringBuilder hidden = new StringBuilder();
        for (String name : FORWARDED) {
            String value = params.get(name);
            if (value != null) {
                hiddenField(hidden, name, value);
            }
        }
        resources.forEach(value -> hiddenField(hidden, "resource", value));
        String html = """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Sign in: %1$s</title>
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <style>body{font-family:system-ui,sans-serif;max-width:24rem;margin:4rem auto;padding:0 1rem}
                label{display:block;margin:.75rem 0 .25rem}input[type=text],input[type=password]{width:100%%;padding:.4rem}
                button{margin-top:1rem;padding:.5rem 1.5rem}.error{color:#b00020}.note{color:#666;font-size:.85rem}</style>
                </head><body>
                <h1>Sign in</h1>
                <p>to <strong>%1$s</strong> for <strong>%2$s</strong></p>
                %3$s
                <form method="post" action="authorize">
                %4$s<label for="username">Username</label><input id="username" name="username" type="text" autocomplete="username" autofocus>
                <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password">
                <button type="submit">Sign in</button>
                </form>
                <p class="note">Development login of enachain-sts: users come from the tenant's policy file.</p>
                </body></html>
                """.formatted(html(tenant), html(params.get("client_id")),
                error == null ? "" : "<p class=\"error\" role=\"alert\">" + html(error) + "</p>", hidden);
        return new Outcome.Page(status, html);
    }

    private static void hiddenField(StringBuilder hidden, String name, String value) {
        hidden.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"").append(html(value))
                .append("\">\n");
    }

    private Outcome errorPage(String message) {
        String html = """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Authorization request refused</title></head>
                <body><h1>Authorization request refused</h1><p>%s</p></body></html>
                """.formatted(html(message));
        return new Outcome.Page(400, html);
    }

    private Outcome redirectError(String redirectUri, String state, String error, String description) {
        Map<String, String> result = new LinkedHashMap<>();
        result.put("error", error);
        result.put("error_description", description);
        if (state != null) {
            result.put("state", state);
        }
        result.put("iss", issuer);
        return new Outcome.Redirect(withQuery(redirectUri, result));
    }

    private static String withQuery(String uri, Map<String, String> params) {
        StringBuilder b = new StringBuilder(uri).append(uri.indexOf('?') < 0 ? '?' : '&');
        boolean first = true;
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (!first) {
                b.append('&');
            }
            first = false;
            b.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    static String html(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
