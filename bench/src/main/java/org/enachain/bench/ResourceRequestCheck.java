package org.enachain.bench;

import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.enachain.core.dpop.DpopProofFactory;
import org.enachain.core.dpop.DpopProofVerifier;
import org.enachain.core.jose.JwsAlgorithm;
import org.enachain.core.jose.SigningKey;
import org.enachain.core.resource.AuthenticatedRequest;
import org.enachain.core.resource.DpopMode;
import org.enachain.core.resource.ResourceRequest;
import org.enachain.core.resource.ResourceRequestVerifier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The whole inbound check of a protected resource with DPoP required: the {@code Authorization:
 * DPoP} header, the access token (signed with {@code tokenAlg}), the ES256 proof, its {@code ath}
 * against the token, its key's thumbprint against the token's {@code cnf.jkt}, and the replay keys.
 * The proof replay store is a no-op answering FIRST; the benchmark cycles through
 * {@link Fixtures#PROOFS} distinct proofs for the one token, made in setup.
 *
 * <p>Floor: the token's signature verification (RSA-2048 or ECDSA P-256) plus the proof's ECDSA
 * P-256 verification, measured together in one operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@Fork(jvmArgsAppend = Fixtures.QUIET_SLF4J)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ResourceRequestCheck {

    @Param({"RS256", "ES256"})
    public String tokenAlg;

    private ResourceRequestVerifier verifier;
    private List<String> authorization;
    private String[] proofs;

    private String tokenFloorAlgorithm;
    private PublicKey issuerPublicKey;
    private byte[] tokenInput;
    private byte[] tokenSignature;
    private PublicKey clientPublicKey;
    private byte[][] proofInputs;
    private byte[][] proofSignatures;
    private int next;

    @Setup
    public void setUp() {
        JwsAlgorithm algorithm = JwsAlgorithm.valueOf(tokenAlg);
        SigningKey issuerKey = SigningKey.generate(algorithm);
        SigningKey clientKey = SigningKey.generateEs256();
        String token = Fixtures.accessToken(issuerKey, clientKey.thumbprint().value());
        verifier = ResourceRequestVerifier.builder(Fixtures.accessTokenValidator(issuerKey))
                .dpop(DpopMode.REQUIRED, Fixtures.proofVerifier(DpopProofVerifier.Receiver.PROTECTED_RESOURCE))
                .build();
        authorization = List.of("DPoP " + token);

        DpopProofFactory factory = new DpopProofFactory(clientKey, Fixtures.CLOCK);
        proofs = new String[Fixtures.PROOFS];
        proofInputs = new byte[Fixtures.PROOFS][];
        proofSignatures = new byte[Fixtures.PROOFS][];
        for (int i = 0; i < Fixtures.PROOFS; i++) {
            proofs[i] = factory.forResourceRequest("GET", Fixtures.RESOURCE_URI, token);
            proofInputs[i] = Fixtures.signingInput(proofs[i]);
            proofSignatures[i] = Fixtures.jcaSignature(proofs[i], JwsAlgorithm.ES256);
        }
        tokenFloorAlgorithm = Fixtures.jcaName(algorithm);
        issuerPublicKey = issuerKey.publicKey();
        tokenInput = Fixtures.signingInput(token);
        tokenSignature = Fixtures.jcaSignature(token, algorithm);
        clientPublicKey = clientKey.publicKey();
        enachain();
        floor();
        next = 0;
    }

    @Benchmark
    public AuthenticatedRequest enachain() {
        int i = next++ & (Fixtures.PROOFS - 1);
        return Fixtures.accepted(verifier.verify(
                new ResourceRequest("GET", Fixtures.RESOURCE_URI, authorization, List.of(proofs[i]), null)));
    }

    @Benchmark
    public boolean floor() {
        int i = next++ & (Fixtures.PROOFS - 1);
        return Fixtures.verified(tokenFloorAlgorithm, issuerPublicKey, tokenInput, tokenSignature)
                & Fixtures.verified(Fixtures.ECDSA, clientPublicKey, proofInputs[i], proofSignatures[i]);
    }
}
