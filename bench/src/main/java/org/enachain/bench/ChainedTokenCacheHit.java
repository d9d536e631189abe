package org.enachain.bench;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.enachain.core.chain.ChainedToken;
import org.enachain.core.dpop.DpopProofFactory;
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
 * What API A pays per outbound call once its chained token is cached: the cache lookup (SHA-256 of the
 * caller's token, the target key, the expiry check) and a fresh DPoP proof for the call (with
 * {@code ath}).
 *
 * <p>Floor: the DPoP proof alone, with the same key and token — the work a call cannot avoid. The
 * target is 1.1×: the cache must be all but free.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Fork(jvmArgsAppend = Fixtures.QUIET_SLF4J)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ChainedTokenCacheHit {

    private ChainFixture chain;
    private DpopProofFactory proofs;
    private String chainedToken;

    @Setup
    public void setUp() throws IOException {
        chain = new ChainFixture(3600);
        ChainedToken first = chain.chainer.tokenFor(chain.subject, chain.target); // fills the cache
        chainedToken = first.value();
        proofs = chain.identity.dpop().orElseThrow();
        if (chain.chainer.stats().tokenRequests() != 1) {
            throw new IllegalStateException("The fixture should have made exactly one exchange");
        }
    }

    @TearDown
    public void tearDown() {
        if (chain.chainer.stats().tokenRequests() != 1) {
            throw new IllegalStateException("A cache-hit benchmark made token requests: it measured misses");
        }
        chain.close();
    }

    @Benchmark
    public String enachain() {
        return chain.chainer.tokenFor(chain.subject, chain.target).dpopProof("GET", Fixtures.RESOURCE_URI).orElseThrow();
    }

    @Benchmark
    public String floor() {
        return proofs.forResourceRequest("GET", Fixtures.RESOURCE_URI, chainedToken);
    }
}
