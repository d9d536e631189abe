package org.enachain.core.jose;

/** A JWK Set that was needed could not be obtained and no earlier copy is cached. */
public final class JwksUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public JwksUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
