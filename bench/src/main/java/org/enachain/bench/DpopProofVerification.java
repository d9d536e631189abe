package org.enachain.bench;

import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.enachain.core.dpop.DpopProof;
import org.enachain.core.dpop.DpopProofFactory;
import org.enachain.core.dpop.DpopProofVerifier;
import org.enachain.core.dpop.ProofContext;
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
 * A token endpoint verifying a DPoP proof (ES256, no {@code ath}): structure, header, the embedded
 * {@code jwk} decoded and checked (on its curve), the signature, the claims, {@code htu}
 * normalisation, {@code iat} window, the key's thumbprint and the replay key. The replay store is a
 * no-op that answers FIRST, and the benchmark cycles through {@link Fixtures#PROOFS} distinct
 * proofs made in setup, so neither a growing store nor one repeated proof is measured.
 *
 * <p>Floor: one ECDSA P-256 verification ({@code SHA256withECDSA}) of the same proof's signing
 * input and signature (already DER), with its public key already decoded.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@Fork(jvmArgsAppend = Fixtures.QUIET_SLF4J)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DpopProofVerification {

    private DpopProofVerifier verifier;
    private String[] proofs;
    private PublicKey publicKey;
    private byte[][] floorInputs;
    private byte[][] floorSignatures;
    private int next;

    @Setup
    public void setUp() {
        SigningKey clientKey = SigningKey.generateEs256();
        DpopProofFactory factory = new DpopProofFactory(clientKey, Fixtures.CLOCK);
        verifier = Fixtures.proofVerifier(DpopProofVerifier.Receiver.TOKEN_ENDPOINT);
        publicKey = clientKey.publicKey();
        proofs = new String[Fixtures.PROOFS];
        floorInputs = new byte[Fixtures.PROOFS][];
        floorSignatures = new byte[Fixtures.PROOFS][];
        for (int i = 0; i < Fixtures.PROOFS; i++) {
            proofs[i] = factory.forTokenRequest("POST", Fixtures.TOKEN_ENDPOINT);
            floorInputs[i] = Fixtures.signingInput(proofs[i]);
            floorSignatures[i] = Fixtures.jcaSignature(proofs[i], JwsAlgorithm.ES256);
        }
        Fixtures.accepted(verifier.verify(context(proofs[0])));
        Fixtures.verified(Fixtures.ECDSA, publicKey, floorInputs[0], floorSignatures[0]);
    }

    private static ProofContext context(String proof) {
        return ProofContext.atTokenEndpoint(List.of(proof), "POST", Fixtures.TOKEN_ENDPOINT);
    }

    @Benchmark
    public DpopProof enachain() {
        int i = next++ & (Fixtures.PROOFS - 1);
        return Fixtures.accepted(verifier.verify(context(proofs[i])));
    }

    @Benchmark
    public boolean floor() {
        int i = next++ & (Fixtures.PROOFS - 1);
        return Fixtures.verified(Fixtures.ECDSA, publicKey, floorInputs[i], floorSignatures[i]);
    }
}
