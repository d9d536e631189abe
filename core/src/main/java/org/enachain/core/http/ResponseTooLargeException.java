package org.enachain.core.http;

import java.io.IOException;

/** A response body exceeded the transport's size limit; the rest of it was not read. */
public final class ResponseTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int limit;

    public ResponseTooLargeException(int limit) {
        super("Response body larger than " + limit + " bytes");
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }
}
