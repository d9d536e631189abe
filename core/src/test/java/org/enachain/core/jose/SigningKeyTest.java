package org.enachain.core.jose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.enachain.core.testing.TestHttpsServer;
import org.enachain.core.testing.TestKeys;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTest {

    // ---------------------------------------------------------------- key rules

    @Nested
    class KeyRules {

        @Test
        @DisplayName("GEN-03: a 1024-bit RSA key pair cannot become a signing key")
        void fromKeyPairWhenRsa1024ThenRefused() {
            KeyPair weak = TestKeys.weakRsa();

            assertThatThrownBy(() -> SigningKey.fromKeyPair(weak.getPrivate(), weak.getPublic(), null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("The signing key cannot be used: RSA key of 1024 bits; the profile requires at least 2048");
        }

        @Test
        @DisplayName("GEN-04: a key on P-192 cannot become a signing key")
        void fromKeyPairWhenCurveSmallerThanP256ThenRefused() {
            PrivateKey anyEcPrivate = TestKeys.CLIENT_ES256.privateKey();

            assertThatThrownBy(() -> SigningKey.fromKeyPair(anyEcPrivate, KeyMaterial.p192PublicKey(), null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("The signing key cannot be used: EC key on a curve other than P-256, P-384 or P-521");
        }

        @Test
        @DisplayName("GEN-04: a private JWK on secp256k1 is refused")
        void fromJwkWhenSecp256k1ThenRefused() {
            String jwk = KeyMaterial.json(Map.of("kty", "EC", "crv", "secp256k1",
                    "x", KeyMaterial.SECP256K1_X, "y", KeyMaterial.SECP256K1_Y, "d", KeyMaterial.D_ONE));

            assertThatThrownBy(() -> SigningKey.fromJwk(jwk))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("The signing key cannot be used: EC key on a curve other than P-256, P-384 or P-521");
        }

        @Test
        @DisplayName("a private and a public key of different types do not make a signing key")
        void fromKeyPairWhenTypesDifferThenRefused() {
            assertThatThrownBy(() -> SigningKey.fromKeyPair(TestKeys.AS_RS256.privateKey(), TestKeys.AS_ES256.publicKey(), null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("The private key (RSA) and the public key (EC) do not belong together");
        }

        @Test
        @DisplayName("an RSA key cannot be switched to an ECDSA algorithm")
        void withAlgorithmWhenOtherFamilyThenRefused() {
            assertThatThrownBy(() -> TestKeys.AS_RS256.withAlgorithm(JwsAlgorithm.ES256))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("A RSA key cannot sign with ES256 (it needs an EC key on P-256)");
        }

        @Test
        @DisplayName("a P-256 key cannot be switched to ES384")
        void withAlgorithmWhenOtherCurveThenRefused() {
            assertThatThrownBy(() -> TestKeys.AS_ES256.withAlgorithm(JwsAlgorithm.ES384))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("A EC key cannot sign with ES384 (it needs an EC key on P-384)");
        }

        @Test
        @DisplayName("an RSA key can be switched to PS256 and keeps its key id")
        void withAlgorithmWhenSameFamilyThenSwitched() {
            SigningKey ps256 = TestKeys.AS_RS256.withAlgorithm(JwsAlgorithm.PS256);

            assertThat(ps256.algorithm()).isEqualTo(JwsAlgorithm.PS256);
            assertThat(ps256.keyId()).isEqualTo("as-rs256");
        }
    }

    // ---------------------------------------------------------------- JWK

    @Nested
    class FromJwk {

        @Test
        @DisplayName("a private EC JWK with kid loads with that kid and ES256")
        void fromJwkWhenPrivateEcJwkWithKidThenLoaded() {
            SigningKey source = SigningKey.generateEs256();

            SigningKey loaded = SigningKey.fromJwk(KeyMaterial.json(KeyMaterial.privateJwk(source, Map.of("kid", "ec-1"))));

            assertThat(loaded.keyId()).isEqualTo("ec-1");
            assertThat(loaded.algorithm()).isEqualTo(JwsAlgorithm.ES256);
            assertThat(loaded.publicKey()).isEqualTo(source.publicKey());
            assertThat(loaded.privateKey()).isEqualTo(source.privateKey());
        }

        @Test
        @DisplayName("a private JWK without kid gets its RFC 7638 thumbprint as kid")
        void fromJwkWhenNoKidThenKidIsThumbprint() {
            SigningKey source = SigningKey.generateEs256();

            SigningKey loaded = SigningKey.fromJwk(KeyMaterial.json(KeyMaterial.privateJwk(source, Map.of())));

            assertThat(loaded.keyId()).isEqualTo(JwkThumbprint.of(source.publicKey()).value());
            assertThat(loaded.thumbprint()).isEqualTo(JwkThumbprint.of(source.publicKey()));
        }

        @Test
        @DisplayName("a private RSA JWK loads with RS256 by default, or with the algorithm its alg names")
        void fromJwkWhenPrivateRsaJwkThenRs256OrItsAlg() {
            SigningKey plain = SigningKey.fromJwk(KeyMaterial.json(KeyMaterial.privateJwk(TestKeys.CLIENT_RS256, Map.of())));
            SigningKey ps384 = SigningKey.fromJwk(KeyMaterial.json(
                    KeyMaterial.privateJwk(TestKeys.CLIENT_RS256, Map.of("alg", "PS384"))));

            assertThat(plain.algorithm()).isEqualTo(JwsAlgorithm.RS256);
            assertThat(plain.publicKey()).isEqualTo(TestKeys.CLIENT_RS256.publicKey());
            assertThat(ps384.algorithm()).isEqualTo(JwsAlgorithm.PS384);
        }

        @Test
        @DisplayName("a P-384 JWK without alg signs with ES384")
        void fromJwkWhenP384ThenEs384() {
            SigningKey p384 = SigningKey.generate(JwsAlgorithm.ES384);

            assertThat(SigningKey.fromJwk(KeyMaterial.json(KeyMaterial.privateJwk(p384, Map.of()))).algorithm())
                    .isEqualTo(JwsAlgorithm.ES384);
        }

        @Test
        @DisplayName("a public-only JWK is refused with a message asking for the private part 'd'")
        void fromJwkWhenPublicOnlyThenRefusedMentioningD() {
            String publicOnly = KeyMaterial.json(TestKeys.CLIENT_ES256.publicJwk());

            assertThatThrownBy(() -> SigningKey.fromJwk(publicOnly))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("The JWK holds only a public key; a signing key needs its private part ('d')");
        }

        @Test
        @DisplayName("GEN-08: a JWK whose alg is HS256 is refused: the signer cannot use it")
        void fromJwkWhenAlgHs256ThenRefused() {
            String jwk = KeyMaterial.json(KeyMaterial.privateJwk(TestKeys.CLIENT_ES256, Map.of("alg", "HS256")));

            assertThatThrownBy(() -> SigningKey.fromJwk(jwk))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("The JWK's alg 'HS256' is not an algorithm the profile permits");
        }

        @Test
        @DisplayName("GEN-08: a JWK whose alg is ES256K is refused: the signer cannot use it")
        void fromJwkWhenAlgEs256kThenRefused() {
            String jwk = KeyMaterial.json(KeyMaterial.privateJwk(TestKeys.CLIENT_ES256, Map.of("alg", "ES256K")));

            assertThatThrownBy(() -> SigningKey.fromJwk(jwk))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("The JWK's alg 'ES256K' is not an algorithm the profile permits");
        }

        @Test
        @DisplayName("an EC JWK whose alg names an RSA algorithm is refused")
        void fromJwkWhenAlgOfOtherFamilyThenRefused() {
            String jwk = KeyMaterial.json(KeyMaterial.privateJwk(TestKeys.CLIENT_ES256, Map.of("alg", "RS256")));

            assertThatThrownBy(() -> SigningKey.fromJwk(jwk))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("A EC key cannot sign with RS256");
        }

        @Test
        @DisplayName("GEN-03: a private 1024-bit RSA JWK is refused")
        void fromJwkWhenRsa1024ThenRefused() throws Exception {
            KeyPair weak = TestKeys.weakRsa();
            RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) weak.getPublic());
            jwk.setPrivateKey(weak.getPrivate());
            String json = jwk.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE);

            assertThatThrownBy(() -> SigningKey.fromJwk(json))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("The signing key cannot be used: RSA key of 1024 bits; the profile requires at least 2048");
        }

        @Test
        @DisplayName("a symmetric JWK is refused")
        void fromJwkWhenOctKeyThenRefused() {
            assertThatThrownBy(() -> SigningKey.fromJwk("{\"kty\":\"oct\",\"k\":\"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTEyMzQ\"}"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Not a private RSA or EC JWK");
        }

        @Test
        @DisplayName("a malformed private JWK is refused without quoting its private member")
        void fromJwkWhenMalformedThenMessageHasNoKeyMaterial() {
            Map<String, Object> members = new HashMap<>(KeyMaterial.privateJwk(TestKeys.CLIENT_ES256, Map.of()));
            String d = (String) members.get("d");
            members.remove("y");

            assertThatThrownBy(() -> SigningKey.fromJwk(KeyMaterial.json(members)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Not a private RSA or EC JWK: ")
                    .message().doesNotContain(d);
        }

        @Test
        @DisplayName("the key is selected from a JWK Set by its kid")
        void fromJwksWhenKidGivenThenThatKey() {
            String set = KeyMaterial.jwks(
                    KeyMaterial.privateJwk(TestKeys.CLIENT_ES256, Map.of("kid", "first")),
                    KeyMaterial.privateJwk(TestKeys.AS_ES256, Map.of("kid", "second")));

            SigningKey loaded = SigningKey.fromJwks(set, "second");

            assertThat(loaded.keyId()).isEqualTo("second");
            assertThat(loaded.publicKey()).isEqualTo(TestKeys.AS_ES256.publicKey());
        }

        @Test
        @DisplayName("a JWK Set of several keys needs the kid of the one to sign with")
        void fromJwksWhenSeveralKeysAndNoKidThenMessageAsksForKid() {
            String set = KeyMaterial.jwks(
                    KeyMaterial.privateJwk(TestKeys.CLIENT_ES256, Map.of()),
                    KeyMaterial.privateJwk(TestKeys.AS_ES256, Map.of()));

            assertThatThrownBy(() -> SigningKey.fromJwks(set, null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("The JWK Set holds 2 keys; name the one to sign with by its kid");
        }

        @Test
        @DisplayName("a JWK Set of one key needs no kid")
        void fromJwksWhenSingleKeyAndNoKidThenThatKey() {
            String set = KeyMaterial.jwks(KeyMaterial.privateJwk(TestKeys.CLIENT_ES256, Map.of("kid", "only")));

            assertThat(SigningKey.fromJwks(set, null).keyId()).isEqualTo("only");
        }

        @Test
        @DisplayName("an unknown kid is named in the message")
        void fromJwksWhenKidUnknownThenRefused() {
            String set = KeyMaterial.jwks(KeyMaterial.privateJwk(TestKeys.CLIENT_ES256, Map.of("kid", "only")));

            assertThatThrownBy(() -> SigningKey.fromJwks(set, "other"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("The JWK Set holds no key with kid 'other'");
        }

        @Test
        @DisplayName("text that is not a JWK Set is refused")
        void fromJwksWhenNotAJwkSetThenRefused() {
            assertThatThrownBy(() -> SigningKey.fromJwks("[1,2]", null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Not a JWK Set: ");
        }
    }

    // ---------------------------------------------------------------- PEM

    @Nested
    class FromPem {

        @Test
        @DisplayName("a PKCS #8 RSA key alone loads, its public key derived, its kid the thumbprint")
        void fromPemWhenRsaPkcs8AloneThenPublicKeyDerived() {
            SigningKey loaded = SigningKey.fromPem(KeyMaterial.pem("PRIVATE KEY", TestKeys.CLIENT_RS256.privateKey()));

            assertThat(loaded.publicKey()).isEqualTo(TestKeys.CLIENT_RS256.publicKey());
            assertThat(loaded.algorithm()).isEqualTo(JwsAlgorithm.RS256);
            assertThat(loaded.keyId()).isEqualTo(JwkThumbprint.of(TestKeys.CLIENT_RS256.publicKey()).value());
        }

        @Test
        @DisplayName("a PKCS #8 EC key with its PUBLIC KEY block loads")
        void fromPemWhenEcPkcs8WithPublicKeyThenLoaded() {
            String pem = KeyMaterial.pem("PRIVATE KEY", TestKeys.CLIENT_ES256.privateKey())
                    + KeyMaterial.pem("PUBLIC KEY", TestKeys.CLIENT_ES256.publicKey());

            SigningKey loaded = SigningKey.fromPem(pem);

            assertThat(loaded.publicKey()).isEqualTo(TestKeys.CLIENT_ES256.publicKey());
            assertThat(loaded.algorithm()).isEqualTo(JwsAlgorithm.ES256);
        }

        @Test
        @DisplayName("a PKCS #8 EC key with its CERTIFICATE block loads, the public key taken from the certificate")
        void fromPemWhenEcPkcs8WithCertificateThenLoaded() throws Exception {
            KeyStore store = TestHttpsServer.generateKeyStore();
            PrivateKey privateKey = (PrivateKey) store.getKey("server", "changeit".toCharArray());
            Certificate certificate = store.getCertificate("server");
            String pem = KeyMaterial.pem("CERTIFICATE", certificate.getEncoded()) + KeyMaterial.pem("PRIVATE KEY", privateKey);

            SigningKey loaded = SigningKey.fromPem(pem);

            assertThat(loaded.publicKey()).isEqualTo(certificate.getPublicKey());
        }

        @Test
        @DisplayName("a PKCS #8 EC key alone is refused, naming the openssl command that appends its public key")
        void fromPemWhenEcPkcs8AloneThenMessageNamesOpensslPubout() {
            String pem = KeyMaterial.pem("PRIVATE KEY", TestKeys.CLIENT_ES256.privateKey());

            assertThatThrownBy(() -> SigningKey.fromPem(pem))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("openssl pkey -in key.pem -pubout");
        }

        @Test
        @DisplayName("a legacy RSA PRIVATE KEY block is refused, naming the openssl pkcs8 conversion")
        void fromPemWhenLegacyRsaBlockThenMessageNamesPkcs8Conversion() {
            String pem = KeyMaterial.pem("RSA PRIVATE KEY", TestKeys.CLIENT_RS256.privateKey());

            assertThatThrownBy(() -> SigningKey.fromPem(pem))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("The key is in the legacy 'RSA PRIVATE KEY' format")
                    .hasMessageContaining("openssl pkcs8 -topk8");
        }

        @Test
        @DisplayName("a legacy EC PRIVATE KEY block is refused, naming the openssl pkcs8 conversion")
        void fromPemWhenLegacyEcBlockThenMessageNamesPkcs8Conversion() {
            String pem = KeyMaterial.pem("EC PRIVATE KEY", TestKeys.CLIENT_ES256.privateKey());

            assertThatThrownBy(() -> SigningKey.fromPem(pem))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("The key is in the legacy 'EC PRIVATE KEY' format")
                    .hasMessageContaining("openssl pkcs8 -topk8");
        }

        @Test
        @DisplayName("an ENCRYPTED PRIVATE KEY block is refused, pointing to PKCS #12")
        void fromPemWhenEncryptedBlockThenMessagePointsToPkcs12() {
            String pem = KeyMaterial.pem("ENCRYPTED PRIVATE KEY", TestKeys.CLIENT_ES256.privateKey());

            assertThatThrownBy(() -> SigningKey.fromPem(pem))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Encrypted PEM keys are not read")
                    .hasMessageContaining("PKCS #12");
        }

        @Test
        @DisplayName("GEN-03: a 1024-bit RSA key in PEM is refused")
        void fromPemWhenRsa1024ThenRefused() {
            String pem = KeyMaterial.pem("PRIVATE KEY", TestKeys.weakRsa().getPrivate());

            assertThatThrownBy(() -> SigningKey.fromPem(pem))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("The signing key cannot be used: RSA key of 1024 bits; the profile requires at least 2048");
        }

        @Test
        @DisplayName("PEM text with only a public key is refused")
        void fromPemWhenNoPrivateKeyThenRefused() {
            assertThatThrownBy(() -> SigningKey.fromPem(KeyMaterial.pem("PUBLIC KEY", TestKeys.CLIENT_ES256.publicKey())))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("The PEM text holds no PRIVATE KEY block");
        }

        @Test
        @DisplayName("PEM text with two private keys is refused")
        void fromPemWhenTwoPrivateKeysThenRefused() {
            String pem = KeyMaterial.pem("PRIVATE KEY", TestKeys.CLIENT_RS256.privateKey())
                    + KeyMaterial.pem("PRIVATE KEY", TestKeys.AS_RS256.privateKey());

            assertThatThrownBy(() -> SigningKey.fromPem(pem))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("The PEM text holds more than one private key");
        }

        @Test
        @DisplayName("text without PEM blocks is refused")
        void fromPemWhenNoBlocksThenRefused() {
            assertThatThrownBy(() -> SigningKey.fromPem("just some text"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("No PEM block found (expected -----BEGIN ...----- lines)");
        }
    }

    // ---------------------------------------------------------------- PKCS #12

    @Nested
    class FromPkcs12 {

        @TempDir
        Path dir;

        private Path keystore(String file, String alias, String... keyArgs) {
            Path path = dir.resolve(file);
            String[] base = {"-genkeypair", "-alias", alias, "-dname", "CN=" + alias, "-validity", "2",
                    "-keystore", path.toString(), "-storetype", "PKCS12", "-storepass", "p12-secret", "-keypass", "p12-secret"};
            String[] all = new String[base.length + keyArgs.length];
            System.arraycopy(base, 0, all, 0, base.length);
            System.arraycopy(keyArgs, 0, all, base.length, keyArgs.length);
            TestHttpsServer.keytool(all);
            return path;
        }

        private static Certificate certificate(Path p12, String alias) throws Exception {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(p12)) {
                store.load(in, "p12-secret".toCharArray());
            }
            return store.getCertificate(alias);
        }

        @Test
        @DisplayName("the only private key of a keystore loads without naming its alias")
        void fromPkcs12WhenSingleKeyThenLoaded() throws Exception {
            Path p12 = keystore("one.p12", "signer", "-keyalg", "EC", "-groupname", "secp256r1");

            SigningKey loaded = SigningKey.fromPkcs12(p12, "p12-secret".toCharArray(), null);

            assertThat(loaded.publicKey()).isEqualTo(certificate(p12, "signer").getPublicKey());
            assertThat(loaded.algorithm()).isEqualTo(JwsAlgorithm.ES256);
        }

        @Test
        @DisplayName("a wrong keystore password gives a clear message")
        void fromPkcs12WhenWrongPasswordThenClearMessage() {
            Path p12 = keystore("one.p12", "signer", "-keyalg", "EC", "-groupname", "secp256r1");

            assertThatThrownBy(() -> SigningKey.fromPkcs12(p12, "wrong".toCharArray(), null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Cannot read the PKCS #12 keystore " + p12 + ": keystore password was incorrect");
        }

        @Test
        @DisplayName("a keystore with two private keys needs the alias, and loads the one named")
        void fromPkcs12WhenTwoKeysThenAliasSelects() throws Exception {
            Path p12 = keystore("two.p12", "first", "-keyalg", "EC", "-groupname", "secp256r1");
            keystore("two.p12", "second", "-keyalg", "EC", "-groupname", "secp384r1");

            assertThatThrownBy(() -> SigningKey.fromPkcs12(p12, "p12-secret".toCharArray(), null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("The keystore holds 2 private keys; name the one to sign with by its alias");
            SigningKey second = SigningKey.fromPkcs12(p12, "p12-secret".toCharArray(), "second");
            assertThat(second.publicKey()).isEqualTo(certificate(p12, "second").getPublicKey());
            assertThat(second.algorithm()).isEqualTo(JwsAlgorithm.ES384);
        }

        @Test
        @DisplayName("an alias without a private key is named in the message")
        void fromPkcs12WhenAliasUnknownThenRefused() {
            Path p12 = keystore("one.p12", "signer", "-keyalg", "EC", "-groupname", "secp256r1");

            assertThatThrownBy(() -> SigningKey.fromPkcs12(p12, "p12-secret".toCharArray(), "nobody"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("The keystore has no private key with a certificate under alias 'nobody'");
        }

        @Test
        @DisplayName("GEN-03: a 1024-bit RSA key in a keystore is refused")
        void fromPkcs12WhenRsa1024ThenRefused() {
            Path p12 = keystore("weak.p12", "weak", "-keyalg", "RSA", "-keysize", "1024");

            assertThatThrownBy(() -> SigningKey.fromPkcs12(p12, "p12-secret".toCharArray(), null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("The signing key cannot be used: RSA key of 1024 bits; the profile requires at least 2048");
        }
    }

    // ---------------------------------------------------------------- generation and display

    @Nested
    class GenerationAndDisplay {

        @Test
        @DisplayName("generateEs256 makes a fresh P-256 key whose kid is its thumbprint")
        void generateEs256WhenCalledThenFreshP256KeyWithThumbprintKid() {
            SigningKey first = SigningKey.generateEs256();
            SigningKey second = SigningKey.generateEs256();

            assertThat(first.algorithm()).isEqualTo(JwsAlgorithm.ES256);
            assertThat(((ECPublicKey) first.publicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
            assertThat(first.keyId()).isEqualTo(first.thumbprint().value());
            assertThat(second.publicKey()).isNotEqualTo(first.publicKey());
        }

        @Test
        @DisplayName("the public JWK holds no private member")
        void publicJwkWhenReadThenNoPrivateMembers() {
            assertThat(TestKeys.CLIENT_RS256.publicJwk()).containsKeys("kty", "n", "e")
                    .doesNotContainKeys("d", "p", "q", "dp", "dq", "qi");
            assertThat(TestKeys.CLIENT_ES256.publicJwk()).containsKeys("kty", "crv", "x", "y").doesNotContainKey("d");
        }

        @Test
        @DisplayName("toString shows kid, alg and thumbprint, never the private key")
        void toStringWhenCalledThenNoPrivateKeyMaterial() {
            for (SigningKey key : new SigningKey[] {TestKeys.CLIENT_ES256, TestKeys.CLIENT_RS256}) {
                Map<String, Object> privateJwk = KeyMaterial.privateJwk(key, Map.of());
                String text = key.toString();

                assertThat(text).isEqualTo("SigningKey[kid=" + key.keyId() + ", alg=" + key.algorithm()
                        + ", jkt=" + key.thumbprint().value() + "]");
                assertThat(text).doesNotContain((String) privateJwk.get("d"));
                assertThat(text).doesNotContain(Base64.getEncoder().encodeToString(key.privateKey().getEncoded()));
            }
        }

        @Test
        @DisplayName("sign() names the key by kid, or embeds the public jwk without private members")
        void signWhenHeaderKeyChosenThenKidOrPublicJwk() throws Exception {
            JsonWebSignature byKid = new JsonWebSignature();
            byKid.setCompactSerialization(TestKeys.CLIENT_ES256.sign("JWT", SigningKey.HeaderKey.KEY_ID, "{}"));
            JsonWebSignature byJwk = new JsonWebSignature();
            byJwk.setCompactSerialization(TestKeys.CLIENT_ES256.sign("dpop+jwt", SigningKey.HeaderKey.PUBLIC_JWK, "{}"));

            assertThat(byKid.getKeyIdHeaderValue()).isEqualTo("client-es256");
            assertThat(byKid.getHeader("typ")).isEqualTo("JWT");
            assertThat(byKid.getHeaders().getObjectHeaderValue("jwk")).isNull();
            assertThat(byJwk.getKeyIdHeaderValue()).isNull();
            Map<String, Object> published = TestKeys.CLIENT_ES256.publicJwk();
            assertThat(byJwk.getHeaders().getObjectHeaderValue("jwk")).isEqualTo(Map.of("kty", "EC", "crv", "P-256",
                    "x", published.get("x"), "y", published.get("y")));
            assertThat(published).containsEntry("kid", "client-es256").containsEntry("use", "sig").containsEntry("alg", "ES256");
        }
    }
}
