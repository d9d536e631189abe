package org.enachain.bench;

import java.security.PrivateKey;
import java.util.concurrent.TimeUnit;
import org.enachain.core.dpop.DpopProofFactory;
import org.enachain.core.jose.JwsAlgorithm;
import org.enachain.core.jose.SigningKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A client creating the DPoP proof for one resource request (ES256 key, with {@code ath}): random
 * {@code jti}, the token's hash, the claims and header as JSON, base64url, the signature.
 *
 * <p>Floor: one ECDSA P-256 signature ({@code SHA256withECDSA}) over a signing input of the same
 * length as the proof's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Fork(jvmArgsAppend = Fixtures.QUIET_SLF4J)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DpopProofCreation {

    private DpopProofFactory factory;
    private String accessToken;
    private PrivateKey privateKey;
    private byte[] floorInput;

    @Setup
    public void setUp() {
        SigningKey clientKey = SigningKey.generateEs256();
        SigningKey issuerKey = SigningKey.generate(JwsAlgorithm.RS256);
        factory = new DpopProofFactory(clientKey, Fixtures.CLOCK);
        accessToken = Fixtures.accessToken(issuerKey, clientKey.thumbprint().value());
        privateKey = clientKey.privateKey();
        floorInput = Fixtures.signingInput(enachain());
    }

    @Benchmark
    public String enachain() {
        return factory.forResourceRequest("GET", Fixtures.RESOURCE_URI, accessToken);
    }

    @Benchmark
    public byte[] floor() {
        return Fixtures.sign(Fixtures.ECDSA, privateKey, floorInput);
    }
}
