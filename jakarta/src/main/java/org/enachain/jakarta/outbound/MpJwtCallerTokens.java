package org.enachain.jakarta.outbound;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.enachain.core.ScopeValues;
import org.enachain.core.chain.SubjectToken;

/**
 * The caller token from MicroProfile JWT, for applications that validate inbound tokens with the
 * {@code mpJwt} feature instead of enachain's filter. Loaded only when the MicroProfile JWT API is
 * visible, so that applications without it never touch its types.
 */
final class MpJwtCallerTokens implements Supplier<Optional<SubjectToken>> {

    private static final String API = "org.eclipse.microprofile.jwt.JsonWebToken";

    private final Supplier<JsonWebToken> jwt;
    private final java.util.function.Consumer<JsonWebToken> release;

    /** @param jwt the current request's token (a CDI {@code Instance} lookup in an application) */
    MpJwtCallerTokens(Supplier<JsonWebToken> jwt) {
        this(jwt, t -> { });
    }

    private MpJwtCallerTokens(Supplier<JsonWebToken> jwt, java.util.function.Consumer<JsonWebToken> release) {
        this.jwt = jwt;
        this.release = release;
    }

    /** The MP JWT lookup, when its API is visible and a {@code JsonWebToken} can be injected. */
    static Optional<Supplier<Optional<SubjectToken>>> ifAvailable() {
        try {
            Class.forName(API, false, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
        return Holder.create();
    }

    /** Separate, so that {@link JsonWebToken} is resolved only after the API was found. */
    private static final class Holder {
        static Optional<Supplier<Optional<SubjectToken>>> create() {
            try {
                Instance<JsonWebToken> instance = CDI.current().select(JsonWebToken.class);
                if (!instance.isResolvable()) {
                    return Optional.empty();
                }
                Instance.Handle<JsonWebToken> handle = instance.getHandle();
                if (CDI.current().getBeanManager().isNormalScope(handle.getBean().getScope())) {
                    // A client proxy: resolved once, it reaches the current request's token on every call.
                    JsonWebToken proxy = handle.get();
                    return Optional.of(new MpJwtCallerTokens(() -> proxy));
                }
                // A dependent token: a fresh instance per call, destroyed after use so that none pile up.
                return Optional.of(new MpJwtCallerTokens(instance::get, instance::destroy));
            } catch (RuntimeException | LinkageError e) {
                return Optional.empty();
            }
        }
    }

    @Override
    public Optional<SubjectToken> get() {
        JsonWebToken token = jwt.get();
        try {
            return read(token);
        } finally {
            if (token != null) {
                release.accept(token);
            }
        }
    }

    private static Optional<SubjectToken> read(JsonWebToken token) {
        String raw = token == null ? null : token.getRawToken();
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        String scope = text(token.getClaim("scope"));
        Set<String> scopes = scope == null ? Set.of() : ScopeValues.parse(scope);
        String clientId = text(token.getClaim("client_id"));
        if (clientId == null) {
            clientId = text(token.getClaim("azp"));
        }
        Object exp = token.getClaim("exp");
        Instant expiresAt = exp instanceof Number n ? Instant.ofEpochSecond(n.longValue())
                : exp instanceof jakarta.json.JsonNumber jn ? Instant.ofEpochSecond(jn.longValue()) : null;
        return Optional.of(SubjectToken.accessToken(raw, token.getIssuer(), expiresAt, scopes, token.getSubject(),
                clientId));
    }

    /** A string claim, whether the implementation hands it out as a String or a JSON-P string. */
    private static String text(Object claim) {
        if (claim instanceof String s) {
            return s;
        }
        if (claim instanceof jakarta.json.JsonString js) {
            return js.getString();
        }
        return null;
    }
}
