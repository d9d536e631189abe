package org.enachain.core.testing;

import java.net.URI;
import java.security.KeyStore;
import java.security.cert.Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS context that trusts several {@link TestHttpsServer}s at once, for a client that talks to more
 * than one of them (a home and a target authorization server). Each server's certificate is read
 * through a handshake made with that server's own {@link TestHttpsServer#trustingContext()}, so nothing
 * is ever trusted blindly.
 */
public final class TestTrust {

    private TestTrust() {
    }

    /** A context whose trust store holds exactly the certificates of {@code servers}. */
    public static SSLContext trusting(TestHttpsServer... servers) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            for (int i = 0; i < servers.length; i++) {
                trust.setCertificateEntry("server-" + i, certificateOf(servers[i]));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot build a TLS context trusting the test servers", e);
        }
    }

    private static Certificate certificateOf(TestHttpsServer server) throws Exception {
        URI uri = server.uri("");
        try (SSLSocket socket = (SSLSocket) server.trustingContext().getSocketFactory()
                .createSocket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return socket.getSession().getPeerCertificates()[0];
        }
    }
}
