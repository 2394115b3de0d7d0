package io.cardlink.esm.client;

import java.io.Serializable;
import java.util.List;
import java.util.stream.Collectors;

/** A per-attribute error the instance reported for a write (its {@code RESTError}). Fields may be null. */
public record EsmFieldError(String attributeCode, String attributeType, String message, String error)
        implements Serializable {

    /** A one-line summary of several errors. */
    public static String summary(List<EsmFieldError> errors) {
        return errors.stream().map(EsmFieldError::describe).collect(Collectors.joining("; "));
    }

    public String describe() {
        String text = message != null ? message : error != null ? error : "rejected";
        return attributeCode == null ? text : attributeCode + ": " + text;
    }
}
