package org.enachain.bench;

import java.security.PublicKey;
import java.util.concurrent.TimeUnit;
import org.enachain.core.jose.JwsAlgorithm;
import org.enachain.core.jose.SigningKey;
import org.enachain.core.token.AccessToken;
import org.enachain.core.token.AccessTokenValidator;
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
 * A protected resource validating an access token ({@code at+jwt}, DPoP-bound, signed with
 * {@code alg}) against one trusted issuer with configured keys: structure, header, {@code iss},
 * key selection by {@code kid}, the signature, time, audience, client, scope and {@code cnf} claims.
 * Not in single-use mode, so no replay store is involved. One token throughout, as a client
 * presents the same token until it expires.
 *
 * <p>Floor: one signature verification — RSA-2048 {@code SHA256withRSA} for RS256, ECDSA P-256
 * {@code SHA256withECDSA} for ES256 — of the same signing input and signature, key already decoded.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@Fork(jvmArgsAppend = Fixtures.QUIET_SLF4J)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AccessTokenValidation {

    @Param({"RS256", "ES256"})
    public String alg;

    private AccessTokenValidator validator;
    private String token;
    private String floorAlgorithm;
    private PublicKey floorKey;
    private byte[] floorInput;
    private byte[] floorSignature;

    @Setup
    public void setUp() {
        JwsAlgorithm algorithm = JwsAlgorithm.valueOf(alg);
        SigningKey issuerKey = SigningKey.generate(algorithm);
        SigningKey clientKey = SigningKey.generateEs256();
        validator = Fixtures.accessTokenValidator(issuerKey);
        token = Fixtures.accessToken(issuerKey, clientKey.thumbprint().value());
        floorAlgorithm = Fixtures.jcaName(algorithm);
        floorKey = issuerKey.publicKey();
        floorInput = Fixtures.signingInput(token);
        floorSignature = Fixtures.jcaSignature(token, algorithm);
        enachain();
        floor();
    }

    @Benchmark
    public AccessToken enachain() {
        return Fixtures.accepted(validator.validate(token));
    }

    @Benchmark
    public boolean floor() {
        return Fixtures.verified(floorAlgorithm, floorKey, floorInput, floorSignature);
    }
}
