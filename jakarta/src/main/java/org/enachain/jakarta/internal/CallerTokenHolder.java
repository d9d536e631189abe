package org.enachain.jakarta.internal;

import jakarta.enterprise.context.RequestScoped;
import org.enachain.core.chain.SubjectToken;
import org.enachain.core.token.AccessToken;

/**
 * Not an API: the access token the inbound filter validated for the current request, for
 * {@code ChainContext} (its claims) and the outbound filter (the token itself, as the subject of an
 * exchange). Request-scoped; set once by the filter.
 */
@RequestScoped
public class CallerTokenHolder {

    private AccessToken token;
    private SubjectToken subject;

    /** Called by the inbound filter after every check passed. */
    public void set(AccessToken validated) {
        this.token = validated;
        this.subject = SubjectToken.of(validated);
    }

    /** The validated token of this request, or null. */
    public AccessToken token() {
        return token;
    }

    /** The validated token as the subject of an exchange, or null. */
    public SubjectToken subject() {
        return subject;
    }
}
