package org.enachain.bench;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.enachain.core.client.AuthorizationServerMetadata;
import org.enachain.core.client.ClientIdentity;
import org.enachain.core.dpop.DpopProofFactory;
import org.enachain.core.dpop.DpopProofVerifier;
import org.enachain.core.dpop.ProofContext;
import org.enachain.core.jose.JwsAlgorithm;
import org.enachain.core.jose.SigningKey;
import org.enachain.core.jose.VerificationKeys;
import org.enachain.core.token.AccessTokenValidator;
import org.enachain.core.token.ClientAssertionValidator;
import org.enachain.core.token.RegisteredClient;
import org.enachain.core.token.RegisteredClients;
import org.enachain.core.token.TrustedIssuer;
import org.jose4j.json.JsonUtil;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The crypto an STS cannot avoid per token exchange with {@code private_key_jwt} and DPoP, all
 * ES256: verify the client assertion, verify the subject access token, verify the DPoP proof, sign
 * the new access token. Four ECDSA P-256 operations, nothing else of the exchange (no form, no
 * policy, no claims building, no replay store, no HTTP): {@link StsExchangeEngine} measures the
 * whole exchange in-process, {@code StsLoadDriver} over HTTPS on Liberty.
 *
 * <ul>
 * <li>{@code floor}: the four operations on the raw JCA ({@code SHA256withECDSA}, a fresh
 * {@code Signature} per operation as jose4j does), keys already decoded, signatures already DER
 * (converted in setup), signing input bytes made in setup.</li>
 * <li>{@code enachain}: the same four through enachain-core as the STS engine calls them:
 * {@link ClientAssertionValidator#validate}, {@link AccessTokenValidator#validate},
 * {@link DpopProofVerifier#verify} (token endpoint) and {@link SigningKey#sign} of the new token's
 * claims (JSON made in setup). The assertion validator and the proof verifier get the no-op replay
 * store ({@link Fixtures#NO_OP_REPLAY_STORE}: replay keys are still computed, nothing is stored),
 * so {@link Fixtures#PROOFS} pre-made assertions, proofs and subject tokens can be cycled through
 * without making any inside the measurement.</li>
 * </ul>
 * Every assertion, proof and subject token is distinct and made in setup with the client's code
 * ({@link ClientIdentity#newClientAssertion}, {@link DpopProofFactory#forTokenRequest},
 * {@link SigningKey#sign}); all are issued at {@link Fixtures#NOW} and checked on a clock fixed there.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@Fork(jvmArgsAppend = Fixtures.QUIET_SLF4J)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StsExchangeCryptoFloor {

    static final String API_A = "https://api-a.example.com";
    static final String API_B = "https://api-b.example.com";

    private ClientAssertionValidator assertionValidator;
    private AccessTokenValidator subjectValidator;
    private DpopProofVerifier proofVerifier;
    private SigningKey issuerKey;
    private String issuedClaims;

    private String[] assertions;
    private String[] subjects;
    private String[] proofs;
    private int next;

    private PublicKey clientPublic;
    private PublicKey issuerPublic;
    private PublicKey dpopPublic;
    private PrivateKey issuerPrivate;
    private byte[][] assertionInputs;
    private byte[][] assertionSignatures;
    private byte[][] subjectInputs;
    private byte[][] subjectSignatures;
    private byte[][] proofInputs;
    private byte[][] proofSignatures;
    private byte[] issuedInput;

    @Setup
    public void setUp() {
        SigningKey clientKey = SigningKey.generateEs256().withKeyId("api-a-1");
        SigningKey dpopKey = SigningKey.generateEs256();
        issuerKey = SigningKey.generateEs256().withKeyId("sts-es256-1");
        AuthorizationServerMetadata sts = AuthorizationServerMetadata.of(Fixtures.ISSUER, Fixtures.TOKEN_ENDPOINT);
        ClientIdentity apiA = ClientIdentity.builder(API_A, clientKey).dpopKey(dpopKey).clock(Fixtures.CLOCK).build();
        DpopProofFactory dpop = apiA.dpop().orElseThrow();

        assertionValidator = ClientAssertionValidator.builder(Fixtures.ISSUER)
                .clients(RegisteredClients.of(RegisteredClient.of(API_A, VerificationKeys.of(clientKey))))
                .replayStore(Fixtures.NO_OP_REPLAY_STORE)
                .clock(Fixtures.CLOCK)
                .build();
        subjectValidator = AccessTokenValidator.builder()
                .trustedIssuer(TrustedIssuer.of(Fixtures.ISSUER, VerificationKeys.of(issuerKey)))
                .audience(API_A, API_B, Fixtures.ISSUER)
                .clock(Fixtures.CLOCK)
                .build();
        proofVerifier = Fixtures.proofVerifier(DpopProofVerifier.Receiver.TOKEN_ENDPOINT);

        int n = Fixtures.PROOFS;
        assertions = new String[n];
        subjects = new String[n];
        proofs = new String[n];
        assertionInputs = new byte[n][];
        assertionSignatures = new byte[n][];
        subjectInputs = new byte[n][];
        subjectSignatures = new byte[n][];
        proofInputs = new byte[n][];
        proofSignatures = new byte[n][];
        for (int i = 0; i < n; i++) {
            assertions[i] = apiA.newClientAssertion(sts);
            subjects[i] = issuerKey.sign("at+jwt", SigningKey.HeaderKey.KEY_ID, JsonUtil.toJson(subjectClaims(i)));
            proofs[i] = dpop.forTokenRequest("POST", Fixtures.TOKEN_ENDPOINT);
            assertionInputs[i] = Fixtures.signingInput(assertions[i]);
            assertionSignatures[i] = Fixtures.jcaSignature(assertions[i], JwsAlgorithm.ES256);
            subjectInputs[i] = Fixtures.signingInput(subjects[i]);
            subjectSignatures[i] = Fixtures.jcaSignature(subjects[i], JwsAlgorithm.ES256);
            proofInputs[i] = Fixtures.signingInput(proofs[i]);
            proofSignatures[i] = Fixtures.jcaSignature(proofs[i], JwsAlgorithm.ES256);
        }
        issuedClaims = JsonUtil.toJson(issuedClaims(dpopKey.thumbprint().value()));
        issuedInput = Fixtures.signingInput(issuerKey.sign("at+jwt", SigningKey.HeaderKey.KEY_ID, issuedClaims));
        clientPublic = clientKey.publicKey();
        issuerPublic = issuerKey.publicKey();
        dpopPublic = dpopKey.publicKey();
        issuerPrivate = issuerKey.privateKey();

        for (int i = 0; i < 2; i++) {
            enachain();
            floor();
        }
        next = 0;
    }

    /** Alice's token for API A as the STS issues it at login: it names the STS too, so it may be exchanged. */
    private static Map<String, Object> subjectClaims(int i) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", Fixtures.ISSUER);
        c.put("sub", "u-7c1e-alice");
        c.put("aud", List.of(API_A, Fixtures.ISSUER));
        c.put("client_id", "https://app.example.com");
        c.put("scope", "a-read b-read c-read");
        c.put("sid", "sid-" + i);
        c.put("acr", "http://id.elegnamnden.se/loa/1.0/loa3");
        c.put("email", "alice@example.com");
        c.put("iat", Fixtures.NOW.getEpochSecond());
        c.put("exp", Fixtures.NOW.plusSeconds(300).getEpochSecond());
        c.put("jti", "at-" + i);
        return c;
    }

    /** What the STS issues for that exchange: API A acting for alice at API B, bound to API A's DPoP key. */
    private static Map<String, Object> issuedClaims(String jkt) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", Fixtures.ISSUER);
        c.put("sub", "u-7c1e-alice");
        c.put("aud", List.of(API_B, Fixtures.ISSUER));
        c.put("client_id", API_A);
        c.put("scope", "b-read");
        c.put("sid", "sid-0");
        c.put("acr", "http://id.elegnamnden.se/loa/1.0/loa3");
        c.put("act", Map.of("sub", API_A, "act", Map.of("sub", "https://app.example.com")));
        c.put("cnf", Map.of("jkt", jkt));
        c.put("iat", Fixtures.NOW.getEpochSecond());
        c.put("exp", Fixtures.NOW.plusSeconds(300).getEpochSecond());
        c.put("jti", "0f1e2d3c4b5a69788796a5b4c3d2e1f0");
        return c;
    }

    @Benchmark
    public String enachain() {
        int i = next++ & (Fixtures.PROOFS - 1);
        Fixtures.accepted(assertionValidator.validate(assertions[i], API_A));
        Fixtures.accepted(subjectValidator.validate(subjects[i]));
        Fixtures.accepted(proofVerifier.verify(
                ProofContext.atTokenEndpoint(List.of(proofs[i]), "POST", Fixtures.TOKEN_ENDPOINT)));
        return issuerKey.sign("at+jwt", SigningKey.HeaderKey.KEY_ID, issuedClaims);
    }

    @Benchmark
    public byte[] floor() {
        int i = next++ & (Fixtures.PROOFS - 1);
        Fixtures.verified(Fixtures.ECDSA, clientPublic, assertionInputs[i], assertionSignatures[i]);
        Fixtures.verified(Fixtures.ECDSA, issuerPublic, subjectInputs[i], subjectSignatures[i]);
        Fixtures.verified(Fixtures.ECDSA, dpopPublic, proofInputs[i], proofSignatures[i]);
        return Fixtures.sign(Fixtures.ECDSA, issuerPrivate, issuedInput);
    }
}
