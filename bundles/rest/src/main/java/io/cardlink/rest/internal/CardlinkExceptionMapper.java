package io.cardlink.rest.internal;

import io.cardlink.api.CardlinkException;
import io.cardlink.api.ConflictException;
import io.cardlink.api.NotFoundException;
import io.cardlink.api.UnavailableException;
import io.cardlink.api.ValidationException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

/** Maps the services' typed failures to their HTTP status. */
public class CardlinkExceptionMapper implements ExceptionMapper<CardlinkException> {

    @Override
    public Response toResponse(CardlinkException e) {
        if (e instanceof ValidationException invalid) {
            return ErrorBody.response(400, "the request has invalid fields", invalid.problems());
        }
        if (e instanceof NotFoundException) {
            return ErrorBody.response(404, e.getMessage());
        }
        if (e instanceof ConflictException) {
            return ErrorBody.response(409, e.getMessage());
        }
        if (e instanceof UnavailableException) {
            return Response.fromResponse(ErrorBody.response(503, e.getMessage())).header("Retry-After", "5").build();
        }
        return ErrorBody.response(e.retryable() ? 503 : 400, e.getMessage());
    }
}
