package org.enachain.sts.web;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.UUID;

import org.enachain.sts.engine.EndpointResponse;

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
            int status = web.getResponse().getStatus();
            return json(EndpointResponse.error(status, "invalid_request", "The request cannot be served (HTTP " + status
                    + ")"));
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.ERROR, "ENAS9001E Unexpected failure, incident {0}: {1} at {2}", incident,
                failure.getClass().getName(), failure.getStackTrace().length > 0 ? failure.getStackTrace()[0] : "?");
        return json(EndpointResponse.error(500, "server_error", "Unexpected failure; incident " + incident));
    }

    private static Response json(EndpointResponse error) {
        Response.ResponseBuilder b = Response.status(error.status()).type(error.mediaType()).entity(error.body());
        error.headers().forEach(b::header);
        return b.build();
    }
}
