package org.enachain.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.enachain.core.dpop.DpopProofFactory;
import org.enachain.core.dpop.DpopProofVerifier;
import org.enachain.core.http.JdkHttpTransport;
import org.enachain.core.jose.JwsAlgorithm;
import org.enachain.core.jose.RemoteJwksSource;
import org.enachain.core.jose.SigningKey;
import org.enachain.core.jose.VerificationKeys;
import org.enachain.core.replay.InMemoryReplayStore;
import org.enachain.core.resource.DpopMode;
import org.enachain.core.resource.Presentation;
import org.enachain.core.resource.RequiredScopes;
import org.enachain.core.resource.ResourceRequest;
import org.enachain.core.resource.ResourceRequestVerifier;
import org.enachain.core.testing.JwtFixture;
import org.enachain.core.testing.LogCapture;
import org.enachain.core.testing.MutableClock;
import org.enachain.core.testing.TestHttpsServer;
import org.enachain.core.testing.TestKeys;
import org.enachain.core.token.AccessTokenValidator;
import org.enachain.core.token.AuthorizationGrantValidator;
import org.enachain.core.token.ClientAssertionValidator;
import org.enachain.core.token.RegisteredClient;
import org.enachain.core.token.RegisteredClients;
import org.enachain.core.token.TrustedIssuer;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * GEN-21, RS-22: runs every path of core that logs — accepted and rejected tokens of every kind,
 * proofs, JWKS fetch failures, weak keys in a JWKS, a full replay store, weakening options — with
 * logging at its finest level, and checks no token, assertion, grant, proof or private key appears.
 */
class NoSecretsInLogsTest {

    private final MutableClock clock = MutableClock.atFixedStart();
    private final List<String> secrets = new ArrayList<>();

    private String remember(String compact) {
        secrets.add(compact);
        String[] parts = compact.split("\\.");
        for (String part : parts) {
            if (part.length() > 16) {
                secrets.add(part);
            }
        }
        return compact;
    }

    @Test
    @DisplayName("GEN-21, RS-22: no token, assertion, grant, proof or key material in any log line")
    void logsWhenEveryPathRunsThenNoSecrets() {
        try (LogCapture logs = new LogCapture(); TestHttpsServer as = TestHttpsServer.start()) {
            SigningKey weak = null;
            String jwks = "{\"keys\":[" + JsonUtil.toJson(TestKeys.AS_ES256.publicJwk()) + ","
                    + "{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"off-curve\",\"x\":\"AAAA\",\"y\":\"AAAA\"}]}";
            as.replyJson(200, jwks);
            RemoteJwksSource remote = RemoteJwksSource.builder(as.uri("/jwks")).clock(clock)
                    .transport(JdkHttpTransport.builder().sslContext(as.trustingContext()).build()).build();
            AccessTokenValidator tokens = AccessTokenValidator.builder()
                    .trustedIssuer(TrustedIssuer.of(JwtFixture.ISSUER, remote).acceptingLegacyJwtType().takingClientIdFromAzp())
                    .audience(JwtFixture.RESOURCE).clock(clock).singleUse(new InMemoryReplayStore(2, clock)).build();

            // Access tokens: accepted, then rejected in many ways, including through a full replay store.
            for (int i = 0; i < 4; i++) {
                tokens.validate(remember(JwtFixture.accessToken(TestKeys.AS_ES256, clock.instant())
                        .claim("sub", "secret-subject-" + i).compact()));
            }
            tokens.validate(remember(JwtFixture.accessToken(TestKeys.ATTACKER_ES256, clock.instant()).compact()));
            tokens.validate(remember(JwtFixture.accessToken(TestKeys.AS_ES256, clock.instant()).unsecured()));
            tokens.validate(remember(JwtFixture.accessToken(TestKeys.AS_ES256, clock.instant()).header("kid", "rotated").compact()));

            // The JWKS endpoint goes down; cached keys keep serving and the failure is logged.
            as.replyJson(500, "{\"error\":\"down\"}");
            clock.advance(Duration.ofMinutes(10));
            tokens.validate(remember(JwtFixture.accessToken(TestKeys.AS_ES256, clock.instant()).compact()));

            // DPoP at a resource.
            DpopProofFactory client = new DpopProofFactory(TestKeys.CLIENT_ES256, clock);
            ResourceRequestVerifier rs = ResourceRequestVerifier.builder(AccessTokenValidator.builder()
                    .trustedIssuer(TrustedIssuer.of(JwtFixture.ISSUER, VerificationKeys.of(TestKeys.AS_ES256)))
                    .audience(JwtFixture.RESOURCE).clock(clock).build())
                    .dpop(DpopMode.REQUIRED, DpopProofVerifier.builder(DpopProofVerifier.Receiver.PROTECTED_RESOURCE)
                            .withoutReplayCheck().clock(clock).build())
                    .build();
            URI uri = URI.create(JwtFixture.RESOURCE + "/orders");
            String bound = remember(JwtFixture.accessToken(TestKeys.AS_ES256, clock.instant())
                    .claim("cnf", Map.of("jkt", client.thumbprint().value())).compact());
            for (String method : new String[] {"GET", "POST"}) {
                String proof = remember(client.forResourceRequest("GET", uri, bound));
                var result = rs.verify(new ResourceRequest(method, uri, List.of("DPoP " + bound), List.of(proof), null));
                if (!result.isAccepted()) {
                    rs.challenge(result.rejection(), Presentation.DPOP_HEADER, RequiredScopes.NONE);
                }
            }

            // Client assertions and grants at an authorization server.
            ClientAssertionValidator assertions = ClientAssertionValidator.builder(JwtFixture.ISSUER)
                    .clients(RegisteredClients.of(RegisteredClient.of(JwtFixture.CLIENT, VerificationKeys.of(TestKeys.CLIENT_ES256))))
                    .withoutReplayCheck().acceptTokenEndpointAudience(JwtFixture.ISSUER + "/token").clock(clock).build();
            assertions.validate(remember(JwtFixture.clientAssertion(TestKeys.CLIENT_ES256, clock.instant()).compact()), JwtFixture.CLIENT);
            assertions.validate(remember(JwtFixture.clientAssertion(TestKeys.ATTACKER_ES256, clock.instant()).compact()), JwtFixture.CLIENT);
            AuthorizationGrantValidator grants = AuthorizationGrantValidator.builder(JwtFixture.TARGET_ISSUER)
                    .trustedIssuer(JwtFixture.ISSUER, VerificationKeys.of(TestKeys.AS_ES256))
                    .replayStore(new InMemoryReplayStore(10, clock)).clock(clock).build();
            String grant = remember(JwtFixture.authorizationGrant(TestKeys.AS_ES256, clock.instant()).compact());
            grants.validate(grant, JwtFixture.CLIENT);
            grants.validate(grant, JwtFixture.CLIENT);

            for (SigningKey key : List.of(TestKeys.AS_ES256, TestKeys.AS_RS256, TestKeys.CLIENT_ES256,
                    SigningKey.generate(JwsAlgorithm.RS256))) {
                secrets.add(JwtFixture.b64(key.privateKey().getEncoded()).substring(0, 40));
            }
            assertThat(weak).isNull();

            String logged = logs.all();
            assertThat(logs.lines()).as("the scenario must actually log (weak key skipped, JWKS down, options)")
                    .anyMatch(l -> l.contains("ENAC1001W")).anyMatch(l -> l.contains("ENAC1002W"))
                    .anyMatch(l -> l.contains("ENAC2001W")).anyMatch(l -> l.contains("ENAC3001W"));
            for (String secret : secrets) {
                assertThat(logged).doesNotContain(secret);
            }
            assertThat(logged).doesNotContain("secret-subject-");
        }
    }
}
