package org.enachain.jakarta.outbound;

import jakarta.enterprise.context.ContextNotActiveException;
import java.util.Optional;
import java.util.function.Supplier;
import org.enachain.core.chain.SubjectToken;
import org.enachain.jakarta.internal.CallerTokenHolder;

/**
 * Finds the caller token of the current request: the one the inbound {@code AccessTokenFilter}
 * validated (through the request-scoped {@link CallerTokenHolder}) or, when that filter is not active
 * and MicroProfile JWT is, the injected {@code JsonWebToken}'s raw token. The lookup works on the
 * thread serving the request; {@link CallerContextInterceptorFactory} captures its result there and
 * carries it to the thread of an asynchronous call ({@link #CARRIED}).
 */
final class CallerTokens {

    /** The result of a lookup: the token, or why there is none. */
    record Lookup(SubjectToken token, String missing) {
        static Lookup found(SubjectToken token) {
            return new Lookup(token, null);
        }

        static Lookup missing(String why) {
            return new Lookup(null, why);
        }
    }

    /** The lookup captured on the calling thread of an asynchronous call, while it runs on another thread. */
    static final ThreadLocal<Lookup> CARRIED = new ThreadLocal<>();

    private final CallerTokenHolder holder;
    private final Supplier<Optional<SubjectToken>> mpJwt;
    private final String noSource;

    /**
     * @param holder   the request-scoped holder (a CDI client proxy), when the inbound filter is active
     * @param mpJwt    the MicroProfile JWT lookup, when the inbound filter is not active and MP JWT is
     * @param noSource why there is no caller token when neither is active
     */
    CallerTokens(CallerTokenHolder holder, Supplier<Optional<SubjectToken>> mpJwt, String noSource) {
        this.holder = holder;
        this.mpJwt = mpJwt;
        this.noSource = noSource;
    }

    /** The carried lookup of an asynchronous call, else a lookup on this thread. */
    Lookup current() {
        Lookup carried = CARRIED.get();
        if (carried == null) {
            return onThisThread();
        }
        // Used once: a pooled thread never keeps one request's caller for a later call, even if the
        // runtime skipped removeContext() on some path.
        CARRIED.remove();
        return carried;
    }

    /** Looks the caller token up on this thread (the one serving the inbound request). */
    Lookup onThisThread() {
        if (holder != null) {
            SubjectToken token;
            try {
                token = holder.subject();
            } catch (ContextNotActiveException e) {
                return Lookup.missing("the call was made outside an HTTP request (no request scope is active on this"
                        + " thread: a background task or a thread the application started); chained calls must be made"
                        + " while serving a request that the enachain inbound filter authenticated");
            }
            return token != null ? Lookup.found(token)
                    : Lookup.missing("the request being served was not authenticated by the enachain inbound filter"
                            + " (its resource method is @PermitAll, or the filter did not run for it)");
        }
        if (mpJwt != null) {
            try {
                return mpJwt.get().map(Lookup::found).orElseGet(() -> Lookup.missing("MicroProfile JWT has no"
                        + " token for this request (it is not authenticated, or the call runs outside it)"));
            } catch (ContextNotActiveException e) {
                return Lookup.missing("the call was made outside an HTTP request, where MicroProfile JWT has no token");
            }
        }
        return Lookup.missing(noSource);
    }
}
