package io.cardlink.rest.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import java.util.Optional;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

/** CXF's own refusals (no such path, wrong method, unreadable body) as JSON, never an HTML page. */
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        Optional<Response> tooLarge = RequestGuard.tooLarge(e);
        if (tooLarge.isPresent()) {
            return tooLarge.get();
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return JsonErrorMapper.badJson(json);
            }
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        String message = switch (status) {
            case 404 -> "no such resource";
            case 405 -> "method not allowed on this resource";
            case 406 -> "this resource answers application/json only (the metrics: text/plain)";
            case 415 -> "send the body as application/json";
            case 400 -> "the request could not be read" + (e.getMessage() == null ? "" : ": " + e.getMessage());
            default -> e.getMessage() == null ? ErrorBody.reason(status) : e.getMessage();
        };
        Response response = ErrorBody.response(status, message, List.of());
        if (e.getResponse() != null && e.getResponse().getHeaderString("Allow") != null) {
            response = Response.fromResponse(response).header("Allow", e.getResponse().getHeaderString("Allow")).build();
        }
        return response;
    }
}
