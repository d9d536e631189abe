package org.enachain.core.token;

import java.util.Objects;
import org.enachain.core.jose.JwksSource;

/**
 * An authorization server whose access tokens a protected resource accepts: its issuer identifier
 * (compared exactly, RS-06), where its keys come from, and the two legacy switches of —
 * both off unless chosen, for servers such as Keycloak in their default setup.
 */
public final class TrustedIssuer {

    private final String issuer;
    private final JwksSource keys;
    private final boolean acceptJwtType;
    private final boolean clientIdFromAzp;

    private TrustedIssuer(String issuer, JwksSource keys, boolean acceptJwtType, boolean clientIdFromAzp) {
        if (issuer == null || issuer.isEmpty()) {
            throw new IllegalArgumentException("A trusted issuer needs its issuer identifier");
        }
        this.issuer = issuer;
        this.keys = Objects.requireNonNull(keys, "keys");
        this.acceptJwtType = acceptJwtType;
        this.clientIdFromAzp = clientIdFromAzp;
    }

    public static TrustedIssuer of(String issuer, JwksSource keys) {
        return new TrustedIssuer(issuer, keys, false, false);
    }

    /**
     * A-05 legacy option: also accept access tokens typed {@code JWT} from this issuer (RFC 9068
     * requires {@code at+jwt}). Other types stay rejected.
     */
    public TrustedIssuer acceptingLegacyJwtType() {
        return new TrustedIssuer(issuer, keys, true, clientIdFromAzp);
    }

    /** A-06 legacy option: take the client from {@code azp} when the token has no {@code client_id}. */
    public TrustedIssuer takingClientIdFromAzp() {
        return new TrustedIssuer(issuer, keys, acceptJwtType, true);
    }

    public String issuer() {
        return issuer;
    }

    public JwksSource keys() {
        return keys;
    }

    public boolean acceptsLegacyJwtType() {
        return acceptJwtType;
    }

    public boolean takesClientIdFromAzp() {
        return clientIdFromAzp;
    }

    @Override
    public String toString() {
        return "TrustedIssuer[" + issuer + (acceptJwtType ? ", legacy typ JWT" : "")
                + (clientIdFromAzp ? ", client from azp" : "") + "]";
    }
}
