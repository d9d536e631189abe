package org.enachain.bench;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.enachain.core.chain.ChainTarget;
import org.enachain.core.chain.SubjectToken;
import org.enachain.core.chain.TokenChainer;
import org.enachain.core.client.AuthorizationServerMetadata;
import org.enachain.core.client.ClientIdentity;
import org.enachain.core.client.TokenEndpointClient;
import org.enachain.core.client.TokenTypeUri;
import org.enachain.core.http.JdkHttpTransport;
import org.enachain.core.http.TransportSecurity;
import org.enachain.core.jose.JwsAlgorithm;
import org.enachain.core.jose.SigningKey;

/** API A's side of a chain: its identity at the home AS, a loopback token endpoint, a chainer, a caller token. */
final class ChainFixture implements AutoCloseable {

    static final String API_A = "https://api-a.example.com";

    final SigningKey assertionKey = SigningKey.generateEs256();
    final SigningKey dpopKey = SigningKey.generateEs256();
    final ClientIdentity identity;
    final LoopbackTokenEndpoint endpoint;
    final AuthorizationServerMetadata as;
    final TokenChainer chainer;
    final SubjectToken subject;
    final ChainTarget target = ChainTarget.audience(Fixtures.RESOURCE).scope("orders-read").requireDpop();

    /** @param expiresInSeconds what the endpoint says in {@code expires_in}; under the 30 s skew nothing is cached */
    ChainFixture(long expiresInSeconds) throws IOException {
        SigningKey issuerKey = SigningKey.generate(JwsAlgorithm.RS256);
        identity = ClientIdentity.builder(API_A, assertionKey).dpopKey(dpopKey).clock(Fixtures.CLOCK).build();
        endpoint = new LoopbackTokenEndpoint(Fixtures.accessToken(issuerKey, dpopKey.thumbprint().value()),
                expiresInSeconds);
        as = AuthorizationServerMetadata.of(Fixtures.ISSUER, endpoint.tokenEndpoint());
        chainer = TokenChainer.builder(Fixtures.ISSUER)
                .identity(Fixtures.ISSUER, identity)
                .authorizationServer(as)
                .client(TokenEndpointClient.create(JdkHttpTransport.createDefault(),
                        TransportSecurity.allowPlainHttpOnLoopback()))
                .clock(Fixtures.CLOCK)
                .build();
        String callerToken = Fixtures.accessToken(issuerKey, SigningKey.generateEs256().thumbprint().value());
        subject = new SubjectToken(callerToken, TokenTypeUri.ACCESS_TOKEN, Fixtures.ISSUER,
                Optional.of(Fixtures.NOW.plusSeconds(300)), Set.of("orders-read", "profile"), true);
    }

    @Override
    public void close() {
        endpoint.close();
    }
}
