package io.cardlink.rest.internal;

import java.util.Optional;
import java.util.UUID;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anything unforeseen: logged with an incident id, answered as JSON with that id and no stack trace. A service that
 * vanished in the middle of a call (a bundle being updated) surfaces here as an unchecked failure too.
 */
public class UnexpectedExceptionMapper implements ExceptionMapper<RuntimeException> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

    private final WebApplicationExceptionMapper webMapper = new WebApplicationExceptionMapper();

    @Override
    public Response toResponse(RuntimeException e) {
        if (e instanceof WebApplicationException web) {
            return webMapper.toResponse(web);
        }
        Optional<Response> tooLarge = RequestGuard.tooLarge(e);
        if (tooLarge.isPresent()) {
            return tooLarge.get();
        }
        String incident = UUID.randomUUID().toString();
        LOG.error("Unexpected failure, incident {}", incident, e);
        return ErrorBody.response(500, "unexpected failure; the server log has the details under incident " + incident);
    }
}
