package io.cardlink.rest.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.cardlink.api.FieldProblem;
import java.util.List;
import java.util.stream.Collectors;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

/** A body that is not the JSON we expect: 400 naming the field and what is wrong, without parser internals. */
public class JsonErrorMapper implements ExceptionMapper<JsonProcessingException> {

    @Override
    public Response toResponse(JsonProcessingException e) {
        return RequestGuard.tooLarge(e).orElseGet(() -> badJson(e));
    }

    static Response badJson(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(mapping);
            String problem;
            if (e instanceof TopLevelTaskSettings.GivenTwice) {
                problem = e.getOriginalMessage();
            } else if (e instanceof UnrecognizedPropertyException) {
                problem = "unknown field";
            } else if (e instanceof InvalidFormatException invalid) {
                problem = "invalid value '" + invalid.getValue() + "'";
            } else if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
                problem = "expected " + describe(mismatched.getTargetType());
            } else {
                problem = "invalid value";
            }
            return ErrorBody.response(400, "the request has invalid fields", List.of(new FieldProblem(field, problem)));
        }
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return ErrorBody.response(400, "the body is not valid JSON" + where,
                List.of(new FieldProblem("body", "not valid JSON" + where)));
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String describe(Class<?> type) {
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        return "a value of another type";
    }
}
