package io.cardlink.rest.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cardlink.api.FieldProblem;
import java.util.List;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/** The one error shape of the API: status, reason phrase, message and, for bad input, every bad field. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ErrorBody(int status, String error, String message, List<FieldProblem> fields) {

    static Response response(int status, String message, List<FieldProblem> fields) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(status, reason(status), message, fields))
                .build();
    }

    static Response response(int status, String message) {
        return response(status, message, List.of());
    }

    static String reason(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        if (known != null) {
            return known.getReasonPhrase();
        }
        return status == 422 ? "Unprocessable Entity" : "HTTP " + status;
    }
}
