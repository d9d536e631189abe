package org.enachain.jakarta.config;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import org.enachain.core.jose.SigningKey;
import org.enachain.core.testing.TestHttpsServer;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/** Writes signing keys in the file formats the configuration takes. */
public final class KeyFileFixture {

    private KeyFileFixture() {
    }

    public static Path pem(Path dir, String name, SigningKey key) throws IOException {
        Base64.Encoder b64 = Base64.getMimeEncoder(64, "\n".getBytes());
        String text = "-----BEGIN PRIVATE KEY-----\n" + b64.encodeToString(key.privateKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n-----BEGIN PUBLIC KEY-----\n"
                + b64.encodeToString(key.publicKey().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        return Files.writeString(dir.resolve(name), text);
    }

    public static String privateJwk(SigningKey key) {
        try {
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(key.publicKey());
            jwk.setPrivateKey(key.privateKey());
            jwk.setKeyId(key.keyId());
            return jwk.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path jwk(Path dir, String name, SigningKey key) throws IOException {
        return Files.writeString(dir.resolve(name), privateJwk(key));
    }

    public static Path jwks(Path dir, String name, SigningKey... keys) throws IOException {
        StringBuilder sb = new StringBuilder("{\"keys\":[");
        for (int i = 0; i < keys.length; i++) {
            sb.append(i == 0 ? "" : ",").append(privateJwk(keys[i]));
        }
        return Files.writeString(dir.resolve(name), sb.append("]}").toString());
    }

    /** A PKCS #12 trust store holding the certificate {@code server} presents (fetched with a handshake that trusts anything). */
    public static Path trustStoreFor(TestHttpsServer server, Path dir, String name, String password) throws Exception {
        javax.net.ssl.TrustManager trustAll = new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            @Override
            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        };
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, new javax.net.ssl.TrustManager[] {trustAll}, null);
        java.net.URI uri = server.uri("/");
        java.security.cert.Certificate certificate;
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) context.getSocketFactory()
                .createSocket(uri.getHost(), uri.getPort())) {
            socket.startHandshake();
            certificate = socket.getSession().getPeerCertificates()[0];
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("server", certificate);
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }
}
