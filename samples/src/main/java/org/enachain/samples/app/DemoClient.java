package org.enachain.samples.app;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.enachain.core.client.AuthorizationServerDiscovery;
import org.enachain.core.client.AuthorizationServerMetadata;
import org.enachain.core.client.ClientIdentity;
import org.enachain.core.http.JdkHttpTransport;
import org.enachain.core.jose.SigningKey;

/** The web application as an OAuth client of domain-a: its identity, its HTTP client, the STS's metadata. */
@ApplicationScoped
public class DemoClient {

    static final String CLIENT_ID = "https://app.enachain.test";
    static final String API_A = "https://api-a.enachain.test";

    @Inject
    @ConfigProperty(name = "demo.issuer")
    String issuer;

    @Inject
    @ConfigProperty(name = "demo.redirect-uri")
    String redirectUri;

    @Inject
    @ConfigProperty(name = "demo.api-a.url")
    String apiAUrl;

    @Inject
    @ConfigProperty(name = "demo.client-key")
    String clientKeyFile;

    @Inject
    @ConfigProperty(name = "demo.trust-store")
    String trustStore;

    @Inject
    @ConfigProperty(name = "keystore.password")
    String trustStorePassword;

    private HttpClient http;
    private AuthorizationServerDiscovery discovery;
    private ClientIdentity identity;

    @PostConstruct
    void start() {
        SSLContext ssl = sslContext();
        // HTTP/1.1: an idle HTTP/2 connection would hold Liberty's shutdown quiesce.
        http = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
        discovery = AuthorizationServerDiscovery.builder()
                .transport(JdkHttpTransport.builder().sslContext(ssl).readTimeout(Duration.ofSeconds(30)).build())
                .build();
        try {
            identity = ClientIdentity.builder(CLIENT_ID,
                    SigningKey.fromJwks(Files.readString(Path.of(clientKeyFile), StandardCharsets.UTF_8), null)).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo client key " + clientKeyFile, e);
        }
    }

    private SSLContext sslContext() {
        try (InputStream in = Files.newInputStream(Path.of(trustStore))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, trustStorePassword.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the trust store " + trustStore, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot use the trust store " + trustStore, e);
        }
    }

    HttpClient http() {
        return http;
    }

    AuthorizationServerMetadata metadata() {
        return discovery.discover(issuer);
    }

    ClientIdentity identity() {
        return identity;
    }

    String issuer() {
        return issuer;
    }

    URI authorizationEndpoint() {
        return URI.create(issuer + "/authorize");
    }

    String redirectUri() {
        return redirectUri;
    }

    URI apiA() {
        return URI.create(apiAUrl);
    }
}
