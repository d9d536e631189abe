package org.enachain.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.enachain.core.client.TokenExchangeRequest;
import org.enachain.core.jose.SigningKey;

/**
 * The development tenant {@code domain-a} of enachain-sts (its policy in
 * {@code sts/src/main/liberty/policies}) and the test-only private keys of its clients
 * ({@code sts/src/test/resources/it-keys}), which the build copies into this module's class path
 * under {@code sts-dev/}. Shared by {@link StsExchangeEngine} and {@link StsLoadDriver}, so that the
 * in-process engine and the server on Liberty run the same policy with the same clients.
 */
final class StsDev {

    static final String TENANT = "domain-a";
    static final String APP = "https://app.enachain.test";
    static final String REDIRECT = APP + "/callback";
    static final String API_A = "https://api-a.enachain.test";
    static final String API_B = "https://api-b.enachain.test";
    static final String ALICE = "alice";
    static final String ALICE_PASSWORD = "alice-DEMO-ONLY";
    /** What alice's login asks for (as the integration tests do): a token for API A that API A may exchange. */
    static final String LOGIN_SCOPE = "a-read b-read c-read";
    /** The exchange measured everywhere: API A exchanges alice's token for API B, scope b-read. */
    static final String EXCHANGE_SCOPE = "b-read";
    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    /** A PKCE verifier (43–128 characters); its S256 challenge is sent to the authorization endpoint. */
    static final String VERIFIER = "bench-verifier-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFG";

    private StsDev() {
    }

    /** The text of {@code domain-a.json}, with {@code ${base-url}} still in it. */
    static String policyJson() {
        return resource("sts-dev/policies/" + TENANT + ".json");
    }

    /** A test-only client key: {@code app}, {@code api-a}, {@code api-b} or {@code api-a-at-b}. */
    static SigningKey clientKey(String name) {
        return SigningKey.fromJwks(resource("sts-dev/it-keys/" + name + ".jwks"), null);
    }

    /**
     * The form of the measured exchange, as enachain-core's {@code TokenEndpointClient} sends it: the
     * parameters of {@code TokenExchangeRequest.intraDomain(subject).audience(API_B).scope("b-read")},
     * then {@code client_id}, {@code client_assertion_type} and {@code client_assertion}.
     */
    static String exchangeForm(String subjectToken, String clientAssertion) {
        StringBuilder form = new StringBuilder(2048);
        for (Map.Entry<String, String> p : TokenExchangeRequest.intraDomain(subjectToken).audience(API_B)
                .scope(EXCHANGE_SCOPE).build().parameters()) {
            append(form, p.getKey(), p.getValue());
        }
        append(form, "client_id", API_A);
        append(form, "client_assertion_type", ASSERTION_TYPE);
        append(form, "client_assertion", clientAssertion);
        return form.toString();
    }

    /** A form body from names and values. */
    static String form(Map<String, String> parameters) {
        StringBuilder form = new StringBuilder(1024);
        parameters.forEach((name, value) -> append(form, name, value));
        return form.toString();
    }

    private static void append(StringBuilder form, String name, String value) {
        if (form.length() > 0) {
            form.append('&');
        }
        form.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    /** The query parameters of a URI (the authorization response). */
    static Map<String, String> query(URI uri) {
        Map<String, String> q = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    /** The authorization request of alice's login at the app (with username and password: the submitted form). */
    static Map<String, String> authorizeParameters(boolean withCredentials) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("response_type", "code");
        p.put("client_id", APP);
        p.put("redirect_uri", REDIRECT);
        p.put("scope", LOGIN_SCOPE);
        p.put("resource", API_A);
        p.put("state", "bench-state");
        p.put("code_challenge", challenge());
        p.put("code_challenge_method", "S256");
        if (withCredentials) {
            p.put("username", ALICE);
            p.put("password", ALICE_PASSWORD);
        }
        return p;
    }

    /** The S256 PKCE challenge of {@link #VERIFIER}. */
    static String challenge() {
        try {
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(java.security.MessageDigest
                    .getInstance("SHA-256").digest(VERIFIER.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = StsDev.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing class path resource " + name + " (the bench build copies it"
                        + " from sts/src)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
