package org.enachain.bench;

import java.io.IOException;
import java.security.PrivateKey;
import java.util.concurrent.TimeUnit;
import org.enachain.core.chain.ChainedToken;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A cache miss: one whole token exchange against a token endpoint on 127.0.0.1 (the endpoint answers
 * {@code expires_in} 1 s, under the 30 s skew, so nothing is ever cached): a fresh ES256 client
 * assertion, a DPoP proof, the form POST over loopback HTTP, the in-process endpoint's answer, and
 * reading it.
 *
 * <p>Floor: the two ES256 signatures (assertion and proof) every exchange needs. There is no target:
 * the rest is HTTP, and an exchange happens once per token lifetime, not per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
// The JDK's HttpServer writes headers and body separately; without TCP_NODELAY the loopback round
// trip waits for a delayed ACK (about 40 ms) and measures the kernel, not enachain.
@Fork(jvmArgsAppend = {Fixtures.QUIET_SLF4J, "-Dsun.net.httpserver.nodelay=true"})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ChainedTokenMiss {

    private ChainFixture chain;
    private PrivateKey assertionKey;
    private PrivateKey dpopKey;
    private byte[] assertionInput;
    private byte[] proofInput;

    @Setup
    public void setUp() throws IOException {
        chain = new ChainFixture(1);
        assertionKey = chain.assertionKey.privateKey();
        dpopKey = chain.dpopKey.privateKey();
        assertionInput = Fixtures.signingInput(chain.identity.newClientAssertion(chain.as));
        proofInput = Fixtures.signingInput(chain.identity.dpop().orElseThrow().forTokenRequest("POST", chain.as.tokenEndpoint()));
    }

    @TearDown
    public void tearDown() {
        if (chain.chainer.stats().cacheHits() != 0) {
            throw new IllegalStateException("A cache-miss benchmark hit the cache");
        }
        chain.close();
    }

    @Benchmark
    public ChainedToken enachain() {
        return chain.chainer.tokenFor(chain.subject, chain.target);
    }

    @Benchmark
    public byte[][] floor() {
        return new byte[][] {
            Fixtures.sign(Fixtures.ECDSA, assertionKey, assertionInput),
            Fixtures.sign(Fixtures.ECDSA, dpopKey, proofInput)
        };
    }
}
