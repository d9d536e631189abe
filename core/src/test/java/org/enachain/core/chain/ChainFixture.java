package org.enachain.core.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLContext;
import org.enachain.core.ValidationResult;
import org.enachain.core.client.AuthorizationServerDiscovery;
import org.enachain.core.client.ClientIdentity;
import org.enachain.core.client.TokenEndpointClient;
import org.enachain.core.client.TokenTypeUri;
import org.enachain.core.http.HttpTransport;
import org.enachain.core.http.JdkHttpTransport;
import org.enachain.core.http.TransportSecurity;
import org.enachain.core.jose.SigningKey;
import org.enachain.core.jose.VerificationKeys;
import org.enachain.core.testing.JwtFixture;
import org.enachain.core.testing.ScriptedAuthorizationServer;
import org.enachain.core.testing.TestHttpsServer;
import org.enachain.core.testing.TestKeys;
import org.enachain.core.token.AccessToken;
import org.enachain.core.token.AccessTokenValidator;
import org.enachain.core.token.TrustedIssuer;

/**
 * What the chainer tests share. The scene (Chaining 2 and 3): an application calls protected resource
 * API A with an access token from the home AS; API A chains it — with this library — to API B in the
 * same domain, or to a resource in the domain of a target AS, where API A is registered under another
 * client identifier (CL-08).
 */
final class ChainFixture {

    /** API A: the protected resource that chains; its client identifier at the home AS. */
    static final String API_A = "https://api-a.example.com";
    /** API A's client identifier at the target AS: another domain, another registration. */
    static final String API_A_AT_TARGET = "https://api-a.domain-b.example";
    /** The downstream resource in the home domain. */
    static final String API_B = "https://api-b.example.com";
    /** The key API A proves possession of with DPoP (not the one it signs client assertions with). */
    static final SigningKey DPOP_KEY = SigningKey.generateEs256().withKeyId("api-a-dpop");

    static final String ACCESS_TOKEN_TYPE = TokenTypeUri.ACCESS_TOKEN.uri();
    static final String JWT_TYPE = TokenTypeUri.JWT.uri();

    private ChainFixture() {
    }

    /**
     * The access token the application presents to API A: a valid RFC 9068 token of {@code issuer}
     * for API A, with the user {@code user-4711}, client {@link JwtFixture#CLIENT}, scope
     * {@code orders-read profile}, valid for 300 s from {@code now}.
     */
    static JwtFixture inbound(String issuer, Instant now) {
        return JwtFixture.accessToken(TestKeys.AS_ES256, now).claim("iss", issuer).claim("aud", API_A);
    }

    /** The subject token as API A's inbound check hands it over: validated, then taken as subject. */
    static SubjectToken validated(String compact, String issuer, Clock clock) {
        AccessTokenValidator validator = AccessTokenValidator.builder()
                .trustedIssuer(TrustedIssuer.of(issuer, VerificationKeys.of(TestKeys.AS_ES256)))
                .audience(API_A)
                .clock(clock)
                .build();
        ValidationResult<AccessToken> result = validator.validate(compact);
        assertThat(result.isAccepted()).as("the inbound fixture must be valid: %s", result).isTrue();
        return SubjectToken.of(result.value());
    }

    /** A valid inbound token of {@code issuer}, validated at the clock's time. */
    static SubjectToken subject(String issuer, Clock clock) {
        return validated(inbound(issuer, clock.instant()).compact(), issuer, clock);
    }

    /** API A at one AS: {@code clientId}, client assertions signed with {@link TestKeys#CLIENT_ES256}, no DPoP. */
    static ClientIdentity identity(String clientId, Clock clock) {
        return ClientIdentity.builder(clientId, TestKeys.CLIENT_ES256).clock(clock).build();
    }

    /** As {@link #identity}, with the DPoP key {@link #DPOP_KEY}. */
    static ClientIdentity identityWithDpop(String clientId, Clock clock) {
        return ClientIdentity.builder(clientId, TestKeys.CLIENT_ES256).dpopKey(DPOP_KEY).clock(clock).build();
    }

    static JdkHttpTransport transport(SSLContext trust, Duration readTimeout) {
        return JdkHttpTransport.builder().sslContext(trust).readTimeout(readTimeout).build();
    }

    static TokenEndpointClient client(HttpTransport transport) {
        return TokenEndpointClient.create(transport, TransportSecurity.requireTls());
    }

    static AuthorizationServerDiscovery discovery(HttpTransport transport, Clock clock) {
        return AuthorizationServerDiscovery.builder().transport(transport).clock(clock).build();
    }

    /** An intra-domain exchange answer: a Bearer access token, {@code expires_in} 300 s. */
    static TestHttpsServer.Reply bearer(String accessToken) {
        return ScriptedAuthorizationServer.token(accessToken, "Bearer", 300, ACCESS_TOKEN_TYPE, null);
    }

    /**
     * The chainer for intra-domain tests: home AS {@code home}, API A's identity there, the client and
     * discovery trusting it, the test clock; callers add or override what their test is about.
     */
    static TokenChainer.Builder intraDomain(ScriptedAuthorizationServer home, ClientIdentity identity, Clock clock) {
        return TokenChainer.builder(home.issuer())
                .identity(home.issuer(), identity)
                .client(home.client())
                .discovery(discovery(home.transport(), clock))
                .clock(clock);
    }
}
