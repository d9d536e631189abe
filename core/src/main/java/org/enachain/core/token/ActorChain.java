package org.enachain.core.token;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code act} claim (RFC 8693 4.1) as a list of actor subjects, the current actor (outermost
 * {@code act.sub}) first and the original client application (innermost) last.
 *
 * <p>For accountability and audit only: enachain never bases an authorization decision on it
 * (GEN-18). Reading it never rejects a token; a malformed level ends the chain there.
 */
public record ActorChain(List<String> actors) {

    /** Chains deeper than this are cut: no real chain has this many hops. */
    public static final int MAX_DEPTH = 32;

    private static final ActorChain EMPTY = new ActorChain(List.of());

    public ActorChain {
        actors = List.copyOf(actors);
    }

    public static ActorChain empty() {
        return EMPTY;
    }

    /** Reads a decoded {@code act} claim value (a JSON object, or null). */
    public static ActorChain fromClaim(Object act) {
        List<String> actors = new ArrayList<>();
        Object level = act;
        while (level instanceof Map<?, ?> map && actors.size() < MAX_DEPTH) {
            if (!(map.get("sub") instanceof String sub)) {
                break;
            }
            actors.add(sub);
            level = map.get("act");
        }
        return actors.isEmpty() ? EMPTY : new ActorChain(actors);
    }

    public boolean isEmpty() {
        return actors.isEmpty();
    }

    /** The outermost actor: the party that requested this token. */
    public String current() {
        return actors.isEmpty() ? null : actors.get(0);
    }

    /** The innermost actor: the original client application. */
    public String original() {
        return actors.isEmpty() ? null : actors.get(actors.size() - 1);
    }
}
