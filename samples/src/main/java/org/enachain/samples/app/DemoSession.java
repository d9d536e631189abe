package org.enachain.samples.app;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;

import org.enachain.core.dpop.DpopProofFactory;

/**
 * What the web application keeps in a person's server-side session: the login under way (state and PKCE
 * verifier), then the access token and the DPoP key it is bound to. Never sent to the browser.
 */
final class DemoSession implements Serializable {

    static final String ATTRIBUTE = DemoSession.class.getName();
    private static final long serialVersionUID = 1L;

    String state;
    String verifier;
    transient String accessToken;
    transient DpopProofFactory proofs;
    String subject;
    String username;

    /** The session of {@code request}'s server-side session (created with it when {@code create}), or null. */
    static DemoSession of(HttpServletRequest request, boolean create) {
        HttpSession http = request.getSession(create);
        if (http == null) {
            return null;
        }
        DemoSession session = (DemoSession) http.getAttribute(ATTRIBUTE);
        if (session == null && create) {
            session = new DemoSession();
            http.setAttribute(ATTRIBUTE, session);
        }
        return session;
    }

    boolean loggedIn() {
        return accessToken != null && proofs != null;
    }
}
