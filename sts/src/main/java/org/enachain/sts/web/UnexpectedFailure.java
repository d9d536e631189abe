package org.enachain.sts.web;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.UUID;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The last line: an exception nobody expected becomes a 500 {@code server_error} with an incident
 * id, never a stack trace for the peer. The log gets the exception's type and the id; its message
 * is left out because a library might have put request data into it.
 */
@Provider
public class UnexpectedFailure implements ExceptionMapper<Throwable> {

    private static final Logger LOG = System.getLogger(UnexpectedFailure.class.getName());

    @Override
    public Response toResponse(Throwable failure) {
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            Response r = web.getResponse();
            return Response.status(r.getStatus()).type("application/json").header("Cache-Control", "no-store")
                    .entity("{\"error\":\"invalid_request\",\"error_description\":\"The request cannot be served"
                            + " (HTTP " + r.getStatus() + ")\"}")
                    .build();
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.ERROR, "ENAS9001E Unexpected failure, incident {0}: {1} at {2}", incident,
                failure.getClass().getName(), failure.getStackTrace().length > 0 ? failure.getStackTrace()[0] : "?");
        return Response.status(500).type("application/json").header("Cache-Control", "no-store")
                .entity("{\"error\":\"server_error\",\"error_description\":\"Unexpected failure; incident " + incident
                        + "\"}")
                .build();
    }
}
