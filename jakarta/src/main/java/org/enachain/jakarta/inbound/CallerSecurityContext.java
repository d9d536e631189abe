package org.enachain.jakarta.inbound;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * The JAX-RS {@link SecurityContext} of an authenticated request: the principal's name is the access
 * token's {@code sub}, the scheme {@code DPoP} or {@code Bearer}, and the request counts as secure
 * (tokens are only accepted over TLS, GEN-01). There are no roles: scopes are checked with
 * {@link RequiredScope}.
 */
final class CallerSecurityContext implements SecurityContext {

    private final Principal principal;
    private final String scheme;

    CallerSecurityContext(String subject, String scheme) {
        this.principal = new Subject(subject);
        this.scheme = scheme;
    }

    private record Subject(String getName) implements Principal {
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public boolean isUserInRole(String role) {
        return false;
    }

    @Override
    public boolean isSecure() {
        return true;
    }

    @Override
    public String getAuthenticationScheme() {
        return scheme;
    }
}
