package org.enachain.jakarta.inbound;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.enachain.core.token.AccessToken;
import org.enachain.core.token.ActorChain;
import org.enachain.jakarta.internal.CallerTokenHolder;

/**
 * Who is calling, as the inbound {@link AccessTokenFilter} validated it for the current request: the
 * access token's subject, client, scopes, how the user authenticated ({@code acr}, {@code amr},
 * {@code auth_time}) and the chain of actors ({@code act}). Inject it where the application audits or
 * shows the caller:
 *
 * <pre>{@code
 * @Inject ChainContext caller;
 * ...
 * audit.log(caller.subject(), caller.actors().actors(), caller.tokenId().orElse("-"));
 * }</pre>
 *
 * <p>For accountability and display only: authorization decisions belong to scopes
 * ({@link RequiredScope}), never to the actor chain (GEN-18). The token itself is not exposed.
 * Outside an authenticated request (a {@code @PermitAll} method, the filter inactive)
 * {@link #isAuthenticated()} is false, the strings are null and the rest is empty.
 */
@RequestScoped
public class ChainContext {

    private CallerTokenHolder holder;

    /** For CDI. */
    protected ChainContext() {
    }

    @Inject
    ChainContext(CallerTokenHolder holder) {
        this.holder = holder;
    }

    private AccessToken token() {
        return holder == null ? null : holder.token();
    }

    /** Whether the inbound filter authenticated this request. */
    public boolean isAuthenticated() {
        return token() != null;
    }

    /** The token's {@code sub}, or null. */
    public String subject() {
        AccessToken t = token();
        return t == null ? null : t.subject();
    }

    /** The client the token was issued to ({@code client_id}), or null. */
    public String clientId() {
        AccessToken t = token();
        return t == null ? null : t.clientId();
    }

    /** The token's scopes. */
    public Set<String> scopes() {
        AccessToken t = token();
        return t == null ? Set.of() : t.scopes();
    }

    /** The {@code acr} the user authenticated with. */
    public Optional<String> acr() {
        AccessToken t = token();
        return t == null ? Optional.empty() : Optional.ofNullable(t.authentication().acr());
    }

    /** The {@code amr} values. */
    public List<String> amr() {
        AccessToken t = token();
        return t == null ? List.of() : t.authentication().amr();
    }

    /** When the user authenticated ({@code auth_time}). */
    public Optional<Instant> authTime() {
        AccessToken t = token();
        return t == null ? Optional.empty() : Optional.ofNullable(t.authentication().authTime());
    }

    /** The {@code act} chain: the current actor first, the original client last; for audit only (GEN-18). */
    public ActorChain actors() {
        AccessToken t = token();
        return t == null ? ActorChain.empty() : t.actors();
    }

    /** The token's {@code jti}, to correlate log lines without logging the token. */
    public Optional<String> tokenId() {
        AccessToken t = token();
        return t == null ? Optional.empty() : t.jwtId();
    }

    @Override
    public String toString() {
        AccessToken t = token();
        // Only the jti: a string that may end up in a log holds no claims (GEN-21).
        return t == null ? "ChainContext[unauthenticated]" : "ChainContext[jti=" + t.jwtId().orElse("-") + "]";
    }
}
