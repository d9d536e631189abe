package org.enachain.liberty.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.enachain.core.testing.OAuthForms;
import org.enachain.core.client.AuthorizationServerDiscovery;
import org.enachain.core.client.AuthorizationServerMetadata;
import org.enachain.core.client.ClientIdentity;
import org.enachain.core.client.TokenEndpointClient;
import org.enachain.core.dpop.DpopProofFactory;
import org.enachain.core.http.JdkHttpTransport;
import org.enachain.core.http.TransportSecurity;
import org.enachain.core.jose.SigningKey;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * The test client: the application {@code https://app.enachain.test} of tenant domain-a. It logs a demo
 * user in through the STS's login form (authorization code + PKCE), asking for a token bound to its own
 * DPoP key, and then calls API A with that token and a fresh DPoP proof per request
 * ({@link DpopProofFactory}) — the first hop of every chain the ITs drive.
 */
public final class TestClient {

    public static final String APP = "https://app.enachain.test";
    public static final String REDIRECT = APP + "/callback";
    public static final String API_A = "https://api-a.enachain.test";
    public static final String API_B = "https://api-b.enachain.test";
    public static final String API_C = "https://api-c.enachain.test";
    public static final String API_A_AT_B = "https://api-a.partners.domain-b.enachain.test";
    public static final String PARTNER = "https://partner.domain-b.enachain.test";
    public static final String ALICE_SUB = "u-7c1e-alice";

    private static final String VERIFIER = "chain-it-verifier-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEF";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static volatile TestClient instance;

    private final HttpClient http = ChainServer.client();
    private final JdkHttpTransport transport = JdkHttpTransport.builder().sslContext(ChainServer.sslContext())
            .readTimeout(TIMEOUT).build();
    private final AuthorizationServerDiscovery discovery = AuthorizationServerDiscovery.builder().transport(transport)
            .build();
    private final TokenEndpointClient tokens = TokenEndpointClient.create(transport, TransportSecurity.requireTls());
    private final ClientIdentity app = ClientIdentity.builder(APP, key("app")).build();

    private TestClient() {
    }

    /** One per test JVM (it holds HTTP clients). */
    public static TestClient get() {
        TestClient client = instance;
        if (client == null) {
            synchronized (TestClient.class) {
                client = instance;
                if (client == null) {
                    client = instance = new TestClient();
                }
            }
        }
        return client;
    }

    /** A test-only private key from the server's {@code it-keys} folder, e.g. {@code "api-a"}. */
    public static SigningKey key(String name) {
        try {
            return SigningKey.fromJwks(Files.readString(ChainServer.key(name), StandardCharsets.UTF_8), null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the test key " + ChainServer.key(name), e);
        }
    }

    public HttpClient http() {
        return http;
    }

    public TokenEndpointClient tokens() {
        return tokens;
    }

    public AuthorizationServerMetadata metadata(String issuer) {
        return discovery.discover(issuer);
    }

    /** A caller: an access token for API A and the DPoP key it is bound to. */
    public record Caller(String accessToken, DpopProofFactory proofs) {

        /** {@code Authorization: DPoP <token>} with a fresh proof for exactly this method and URL. */
        public HttpRequest.Builder request(String method, URI uri) {
            return HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                    .header("Authorization", "DPoP " + accessToken)
                    .header("DPoP", proof(method, uri))
                    .method(method, HttpRequest.BodyPublishers.noBody());
        }

        /** A fresh proof for presenting this caller's token with {@code method} at {@code uri}. */
        public String proof(String method, URI uri) {
            return Secrets.remember(proofs.forResourceRequest(method, uri, accessToken));
        }

        @Override
        public String toString() {
            return "Caller[" + proofs.thumbprint() + "]"; // never the token
        }
    }

    /** alice logs in; the app gets her token for API A ({@code a-read b-read c-read}), bound to a new DPoP key. */
    public Caller alice() {
        return login("alice", "alice-DEMO-ONLY");
    }

    /**
     * Logs {@code username} in through the login form and redeems the code with a DPoP proof: the access
     * token is DPoP-bound to a fresh ES256 key (token_type DPoP).
     */
    public Caller login(String username, String password) {
        try {
            String issuer = ChainServer.issuerA();
            HttpResponse<String> page = send(HttpRequest.newBuilder(
                    URI.create(issuer + "/authorize?" + OAuthForms.encode(authorizeParameters(null, null)))).GET());
            assertThat(page.statusCode()).as("login page").isEqualTo(200);

            HttpResponse<String> submitted = send(formPost(URI.create(issuer + "/authorize"),
                    authorizeParameters(username, password)));
            assertThat(submitted.statusCode()).as("login form answer").isEqualTo(303);
            Map<String, String> result = OAuthForms.query(URI.create(submitted.headers().firstValue("Location").orElseThrow()));
            assertThat(result).containsEntry("state", "chain-it");
            Secrets.remember(password);
            Secrets.remember(result.get("code"));

            AuthorizationServerMetadata metadata = metadata(issuer);
            DpopProofFactory proofs = new DpopProofFactory(SigningKey.generateEs256(), Clock.systemUTC());
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("grant_type", "authorization_code");
            parameters.put("code", result.get("code"));
            parameters.put("redirect_uri", REDIRECT);
            parameters.put("code_verifier", VERIFIER);
            parameters.put("client_id", APP);
            parameters.put("client_assertion_type", TokenEndpointClient.CLIENT_ASSERTION_TYPE);
            parameters.put("client_assertion", Secrets.remember(app.newClientAssertion(metadata)));
            HttpResponse<String> token = send(formPost(metadata.tokenEndpoint(), parameters)
                    .header("DPoP", Secrets.remember(proofs.forTokenRequest("POST", metadata.tokenEndpoint()))));
            assertThat(token.statusCode()).as("token response %s", token.body()).isEqualTo(200);
            Map<String, Object> body = JsonUtil.parseJson(token.body());
            assertThat(body).containsEntry("token_type", "DPoP");
            Secrets.remember((String) body.get("refresh_token"));
            return new Caller(Secrets.remember((String) body.get("access_token")), proofs);
        } catch (JoseException e) {
            throw new AssertionError(e);
        }
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static HttpRequest.Builder formPost(URI uri, Map<String, String> parameters) {
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(OAuthForms.encode(parameters)));
    }

    private static Map<String, String> authorizeParameters(String username, String password) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("response_type", "code");
        p.put("client_id", APP);
        p.put("redirect_uri", REDIRECT);
        p.put("scope", "a-read b-read c-read");
        p.put("resource", API_A);
        p.put("state", "chain-it");
        p.put("code_challenge", OAuthForms.s256Challenge(VERIFIER));
        p.put("code_challenge_method", "S256");
        if (username != null) {
            p.put("username", username);
            p.put("password", password);
        }
        return p;
    }

    /** A JSON object, e.g. the body of a test API's answer. */
    public static Map<String, Object> json(String body) {
        try {
            return JsonUtil.parseJson(body);
        } catch (JoseException e) {
            throw new AssertionError("not a JSON object: " + body, e);
        }
    }

    /** The decoded payload of a compact JWT (no verification: the tests look at what was issued). */
    public static Map<String, Object> claimsOf(String jwt) {
        try {
            return JsonUtil.parseJson(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]),
                    StandardCharsets.UTF_8));
        } catch (JoseException e) {
            throw new AssertionError(e);
        }
    }
}
