package org.enachain.jakarta.config;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.enachain.core.chain.TokenChainer;
import org.enachain.core.client.ClientIdentity;
import org.enachain.core.dpop.DpopNonces;
import org.enachain.core.dpop.DpopProofVerifier;
import org.enachain.core.http.JdkHttpTransport;
import org.enachain.core.http.TransportSecurity;
import org.enachain.core.jose.JwksSource;
import org.enachain.core.jose.RemoteJwksSource;
import org.enachain.core.jose.SigningKey;
import org.enachain.core.replay.InMemoryReplayStore;
import org.enachain.core.resource.DpopMode;
import org.enachain.core.resource.ResourceRequestVerifier;
import org.enachain.core.token.AccessTokenValidator;
import org.enachain.core.token.TrustedIssuer;
import org.enachain.jakarta.internal.DiscoveredJwksSource;

/**
 * The core objects of one application, built once from its {@link EnachainSettings} and shared by every
 * request: one HTTP transport (timeouts, trust store) for token requests, discovery and JWK Sets; the
 * {@link ResourceRequestVerifier} with its replay store and nonces (inbound); the {@link TokenChainer}
 * with the client's identities (outbound). Immutable; the objects it holds are thread-safe.
 */
public final class EnachainComponents {

    /**
     * The inbound side.
     *
     * @param settings        what it was built from
     * @param verifier        the whole inbound check
     * @param proofAlgorithms the accepted DPoP proof algorithms (empty policy names when DPoP is disabled)
     */
    public record Inbound(ResourceSettings settings, ResourceRequestVerifier verifier, List<String> proofAlgorithms) {
        public Inbound {
            proofAlgorithms = List.copyOf(proofAlgorithms);
        }
    }

    /**
     * The outbound side.
     *
     * @param chainer    exchanges and caches chained tokens
     * @param homeIssuer the home authorization server
     * @param issuers    every authorization server this client has an identity at (home first)
     * @param security   which URLs may be used
     */
    public record Outbound(TokenChainer chainer, String homeIssuer, Set<String> issuers, TransportSecurity security) {
        public Outbound {
            issuers = Set.copyOf(issuers);
        }
    }

    private final EnachainSettings settings;
    private final Optional<Inbound> inbound;
    private final Optional<Outbound> outbound;

    private EnachainComponents(EnachainSettings settings, Optional<Inbound> inbound, Optional<Outbound> outbound) {
        this.settings = settings;
        this.inbound = inbound;
        this.outbound = outbound;
    }

    /** @throws ConfigurationException when a key or trust-store file cannot be used */
    public static EnachainComponents build(EnachainSettings settings, Clock clock) {
        HttpSettings http = settings.http();
        JdkHttpTransport.Builder tb = JdkHttpTransport.builder().connectTimeout(http.connectTimeout())
                .readTimeout(http.readTimeout());
        http.trustStore().ifPresent(path -> tb.sslContext(KeyFiles.trusting(ConfigKeys.HTTP_TRUST_STORE, path,
                http.trustStorePassword())));
        JdkHttpTransport transport = tb.build();
        TransportSecurity security = http.security();
        Optional<Inbound> inbound = settings.resource().map(r -> inbound(r, transport, security, clock));
        Optional<Outbound> outbound = settings.client().map(c -> outbound(c, transport, security, clock));
        return new EnachainComponents(settings, inbound, outbound);
    }

    private static Inbound inbound(ResourceSettings r, JdkHttpTransport transport, TransportSecurity security, Clock clock) {
        AccessTokenValidator.Builder tokens = AccessTokenValidator.builder().clock(clock).leeway(r.leeway())
                .audience(r.identifier(), r.alternativeIdentifiers().toArray(String[]::new));
        for (int i = 0; i < r.issuers().size(); i++) {
            String issuer = r.issuers().get(i);
            URI jwksUri = r.jwksUris().get(i);
            JwksSource keys;
            try {
                keys = jwksUri != null
                        ? RemoteJwksSource.builder(jwksUri).transport(transport).transportSecurity(security).clock(clock).build()
                        : new DiscoveredJwksSource(issuer, transport, security, clock);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(ConfigKeys.RESOURCE_JWKS_URI_PREFIX + i, e.getMessage());
            }
            TrustedIssuer trusted = TrustedIssuer.of(issuer, keys);
            if (r.legacyJwtType()) {
                trusted = trusted.acceptingLegacyJwtType();
            }
            if (r.clientIdFromAzp()) {
                trusted = trusted.takingClientIdFromAzp();
            }
            tokens.trustedIssuer(trusted);
        }
        ResourceRequestVerifier.Builder verifier = ResourceRequestVerifier.builder(tokens.build());
        List<String> algorithms = new ArrayList<>();
        if (r.dpop() != DpopMode.DISABLED) {
            DpopProofVerifier.Builder proofs = DpopProofVerifier.builder(DpopProofVerifier.Receiver.PROTECTED_RESOURCE)
                    .clock(clock).replayStore(new InMemoryReplayStore(r.replayCapacity(), clock));
            if (r.dpopNonces()) {
                proofs.requireNonces(DpopNonces.withRandomKey(clock, DpopNonces.DEFAULT_LIFETIME));
            }
            DpopProofVerifier built = proofs.build();
            algorithms.addAll(built.algorithms().names());
            verifier.dpop(r.dpop(), built);
        } else {
            verifier.dpop(DpopMode.DISABLED, null);
        }
        return new Inbound(r, verifier.build(), algorithms);
    }

    private static Outbound outbound(ClientSettings c, JdkHttpTransport transport, TransportSecurity security, Clock clock) {
        TokenChainer.Builder chainer = TokenChainer.builder(c.home().issuer()).transport(transport)
                .transportSecurity(security).clock(clock).expirySkew(c.expirySkew()).maxCacheEntries(c.cacheSize());
        SigningKey[] generated = new SigningKey[1];
        Set<String> issuers = new LinkedHashSet<>();
        List<ClientSettings.Identity> all = new ArrayList<>();
        all.add(c.home());
        all.addAll(c.others());
        for (ClientSettings.Identity id : all) {
            SigningKey assertionKey = KeyFiles.signingKey(id.prefix() + "key", id.key(), id.keyId(), id.keyPassword());
            SigningKey dpopKey;
            if (id.dpopKey().isPresent()) {
                dpopKey = KeyFiles.signingKey(id.prefix() + "dpop-key", id.dpopKey().get(), null, id.keyPassword());
            } else {
                if (generated[0] == null) {
                    generated[0] = SigningKey.generateEs256();
                }
                dpopKey = generated[0];
            }
            ClientIdentity.Builder identity = ClientIdentity.builder(id.clientId(), assertionKey).dpopKey(dpopKey)
                    .assertionAudience(id.assertionAudience()).clock(clock);
            if (id.legacyAssertionType()) {
                identity.legacyAssertionType();
            }
            chainer.identity(id.issuer(), identity.build());
            issuers.add(id.issuer());
        }
        return new Outbound(chainer.build(), c.home().issuer(), issuers, security);
    }

    public EnachainSettings settings() {
        return settings;
    }

    /** The inbound side, when {@code enachain.resource.identifier} is set. */
    public Optional<Inbound> inbound() {
        return inbound;
    }

    /** The outbound side, when {@code enachain.client.id} is set. */
    public Optional<Outbound> outbound() {
        return outbound;
    }
}
