package org.enachain.jakarta.outbound;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Answers a request whose chained call failed: 502 when the authorization server was unreachable,
 * timed out or failed (5xx), 403 when it refused ({@code invalid_target}, {@code invalid_scope},
 * {@code unauthorized_client}, other OAuth errors) or the request was refused before it was sent, 500
 * when there was no caller token or the configuration does not allow the call — with an
 * {@code application/problem+json} body (RFC 9457) naming the target and the authorization server's
 * error code, never a token. Listed in {@code META-INF/services/jakarta.ws.rs.ext.Providers}; when the
 * exception arrives wrapped in a {@code ProcessingException} (as RESTEasy wraps a failure in a client
 * filter), {@link ChainedTokenProcessingExceptionMapper} unwraps it.
 */
@Provider
public class ChainedTokenExceptionMapper implements ExceptionMapper<ChainedTokenException> {

    @Override
    public Response toResponse(ChainedTokenException exception) {
        return response(exception);
    }

    static Response response(ChainedTokenException exception) {
        ProblemDetails problem = ProblemDetails.of(exception);
        return Response.status(problem.status()).type(ProblemDetails.MEDIA_TYPE).header("Cache-Control", "no-store")
                .entity(problem.body()).build();
    }
}
