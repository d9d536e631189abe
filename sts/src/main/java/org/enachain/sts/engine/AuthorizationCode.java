package org.enachain.sts.engine;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

import org.enachain.sts.policy.DemoUser;

/** What an authorization code stands for until the client redeems it (once, with its PKCE verifier). */
record AuthorizationCode(String clientId, String redirectUri, String codeChallenge, Audience audience,
                         Set<String> scopes, DemoUser user, Instant authTime) {

    AuthorizationCode {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(codeChallenge, "codeChallenge");
        Objects.requireNonNull(audience, "audience");
        scopes = Set.copyOf(scopes);
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(authTime, "authTime");
    }

    @Override
    public String toString() {
        return "AuthorizationCode[client=" + clientId + "]";
    }
}
