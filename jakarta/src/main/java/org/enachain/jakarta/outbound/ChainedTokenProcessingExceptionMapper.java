package org.enachain.jakarta.outbound;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * A failure in a rest client's filter reaches the application wrapped in a {@link ProcessingException}
 * (RESTEasy wraps it, also on the way out of a {@code CompletionStage}); this mapper finds a
 * {@link ChainedTokenException} among the causes and answers as {@link ChainedTokenExceptionMapper}
 * does. Any other {@code ProcessingException} — a client call that failed for another reason — gets
 * the answer the server would give an unmapped exception, 500, as a problem document without the
 * exception's message, which is logged (ENAJ0406W) instead. An application mapper for
 * {@code ProcessingException} of its own replaces this one; it should do the same unwrapping.
 */
@Provider
public class ChainedTokenProcessingExceptionMapper implements ExceptionMapper<ProcessingException> {

    private static final System.Logger LOG = System.getLogger(ChainedTokenProcessingExceptionMapper.class.getName());

    @Override
    public Response toResponse(ProcessingException exception) {
        Optional<ChainedTokenException> chained = unwrap(exception);
        if (chained.isPresent()) {
            return ChainedTokenExceptionMapper.response(chained.get());
        }
        LOG.log(Level.WARNING, "ENAJ0406W: A client call failed: {0}", String.valueOf(exception));
        return Response.status(500).type(ProblemDetails.MEDIA_TYPE).header("Cache-Control", "no-store")
                .entity("{\"type\":\"about:blank\",\"title\":\"Internal Server Error\",\"status\":500}").build();
    }

    /** The first {@link ChainedTokenException} in the cause chain (bounded, cycle-safe). */
    static Optional<ChainedTokenException> unwrap(Throwable t) {
        Throwable current = t;
        for (int depth = 0; current != null && depth < 16; depth++) {
            if (current instanceof ChainedTokenException c) {
                return Optional.of(c);
            }
            if (current.getCause() == current) {
                break;
            }
            current = current.getCause();
        }
        return Optional.empty();
    }
}
