package org.enachain.sts.engine;

import java.util.LinkedHashMap;
import java.util.Map;

import org.enachain.core.token.ActorChain;

/**
 * Builds {@code act} claims (RFC 8693 4.1, Chaining 2.4.1): the outermost {@code sub} is the current
 * actor, nesting goes back in time and the innermost is the original application.
 */
final class ActorClaim {

    private ActorClaim() {
    }

    /**
     * The chain for a token {@code requester} obtains by exchanging {@code subject}: the requester
     * outermost; below it the subject token's own {@code act}, or, when it has none, the client it
     * was issued to if that is someone else (A-11, STS-63).
     */
    static Map<String, Object> forExchange(String requester, Subject subject) {
        Object prior = subject.act();
        if (prior == null && !subject.clientId().equals(requester)) {
            prior = Map.of("sub", subject.clientId());
        }
        return nest(requester, prior);
    }

    /** {@code { sub: actor, act: prior }}, or {@code { sub: actor }} without a prior chain. */
    static Map<String, Object> nest(String actor, Object prior) {
        Map<String, Object> act = new LinkedHashMap<>();
        act.put("sub", actor);
        if (prior != null) {
            act.put("act", prior);
        }
        return act;
    }

    /**
     * Whether an {@code act} value is an RFC 8693 4.1 chain: every level an object with a string
     * {@code sub}, at most {@link ActorChain#MAX_DEPTH} levels deep.
     */
    static boolean isWellFormed(Object act) {
        Object level = act;
        for (int depth = 0; level != null; depth++) {
            if (depth >= ActorChain.MAX_DEPTH || !(level instanceof Map<?, ?> m) || !(m.get("sub") instanceof String)) {
                return false;
            }
            level = m.get("act");
        }
        return true;
    }

    /** The top-level {@code act.sub} of a claim value, or null. */
    static String currentActor(Object act) {
        return act instanceof Map<?, ?> m && m.get("sub") instanceof String s ? s : null;
    }
}
