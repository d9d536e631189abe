package org.enachain.core.resource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.enachain.core.OAuthError;
import org.enachain.core.Rejection;

/**
 * The response a protected resource gives a request it refuses: the HTTP status, one
 * {@code WWW-Authenticate} challenge per scheme the resource accepts (RFC 6750 3, RFC 9449 7.1),
 * and for nonce errors exactly one {@code DPoP-Nonce} with {@code Cache-Control: no-store}
 * (GEN-39, GEN-40). This one type renders both schemes:
 * <ul>
 * <li>the error goes in the challenge of the scheme the client used (RS-45); the other scheme's
 * challenge is bare, and a request without credentials gets bare challenges (RS-24);</li>
 * <li>DPoP challenges carry {@code algs} (RS-41); Bearer challenges only ever carry RFC 6750 error
 * codes (RS-29, A-22);</li>
 * <li>{@code insufficient_scope} carries the required {@code scope} (RS-27, RS-28).</li>
 * </ul>
 * Immutable.
 */
public final class ResourceChallenge {

    private static final Set<OAuthError> BEARER_ERRORS =
            Set.of(OAuthError.INVALID_REQUEST, OAuthError.INVALID_TOKEN, OAuthError.INSUFFICIENT_SCOPE);

    private final Rejection rejection;
    private final List<String> challenges;
    private final String dpopNonce;

    private ResourceChallenge(Rejection rejection, List<String> challenges, String dpopNonce) {
        this.rejection = rejection;
        this.challenges = List.copyOf(challenges);
        this.dpopNonce = dpopNonce;
    }

    /**
     * Renders a rejection.
     *
     * @param rejection    why the request is refused
     * @param presentation the scheme the client used
     * @param mode         which schemes the resource accepts
     * @param dpopAlgs     the accepted proof algorithms, space-separated ({@code algs})
     * @param realm        the {@code realm} attribute, or null for none
     * @param scope        the required scopes, for {@code insufficient_scope}
     * @param freshNonce   the nonce to hand out with a {@code use_dpop_nonce} error, or null
     */
    public static ResourceChallenge render(Rejection rejection, Presentation presentation, DpopMode mode,
                                           String dpopAlgs, String realm, RequiredScopes scope, String freshNonce) {
        Objects.requireNonNull(rejection, "rejection");
        if (rejection.status() >= 500) {
            // A server-side condition, not an authentication failure: no challenge to answer.
            return new ResourceChallenge(rejection, List.of(), null);
        }
        boolean errorInDpop = mode == DpopMode.REQUIRED || (mode == DpopMode.OPTIONAL && presentation.isDpop());
        List<String> challenges = new ArrayList<>(2);
        if (mode != DpopMode.REQUIRED) {
            challenges.add(challenge("Bearer", realm, null, errorInDpop ? null : rejection, scope, true));
        }
        if (mode != DpopMode.DISABLED) {
            challenges.add(challenge("DPoP", realm, dpopAlgs, errorInDpop ? rejection : null, scope, false));
        }
        String nonce = rejection.error() == OAuthError.USE_DPOP_NONCE ? freshNonce : null;
        return new ResourceChallenge(rejection, challenges, nonce);
    }

    private static String challenge(String scheme, String realm, String algs, Rejection rejection,
                                    RequiredScopes scope, boolean bearer) {
        List<String> params = new ArrayList<>(5);
        if (realm != null) {
            params.add("realm=" + quoted(realm));
        }
        if (algs != null) {
            params.add("algs=" + quoted(algs));
        }
        if (rejection != null && rejection.error() != null) {
            OAuthError error = rejection.error();
            if (bearer && !BEARER_ERRORS.contains(error)) {
                error = OAuthError.INVALID_TOKEN;
            }
            params.add("error=" + quoted(error.code()));
            params.add("error_description=" + quoted(rejection.description()));
            if (error == OAuthError.INSUFFICIENT_SCOPE && scope != null && !scope.isEmpty()) {
                params.add("scope=" + quoted(scope.spaceSeparated()));
            }
        }
        return params.isEmpty() ? scheme : scheme + " " + String.join(", ", params);
    }

    /** An RFC 9110 quoted-string of printable ASCII (RFC 6750 3: error_description is %x20-7E minus '"' and '\'). */
    private static String quoted(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\'');
            } else if (c < 0x20 || c > 0x7E) {
                sb.append('?');
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    public Rejection rejection() {
        return rejection;
    }

    public int status() {
        return rejection.status();
    }

    /** The {@code WWW-Authenticate} values, one challenge each (send as separate header fields). */
    public List<String> wwwAuthenticate() {
        return challenges;
    }

    /** The {@code DPoP-Nonce} to send, for {@code use_dpop_nonce}. */
    public Optional<String> dpopNonce() {
        return Optional.ofNullable(dpopNonce);
    }

    /** Every response header this refusal needs, in order. */
    public Map<String, List<String>> headers() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (!challenges.isEmpty()) {
            headers.put("WWW-Authenticate", challenges);
        }
        if (dpopNonce != null) {
            headers.put("DPoP-Nonce", List.of(dpopNonce));
            headers.put("Cache-Control", List.of("no-store"));
        }
        return Collections.unmodifiableMap(headers);
    }

    @Override
    public String toString() {
        return "ResourceChallenge[" + rejection.status() + " " + challenges + "]";
    }
}
