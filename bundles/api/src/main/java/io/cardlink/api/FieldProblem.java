package io.cardlink.api;

import java.util.Objects;

/** One invalid field of a request: its path (such as {@code mapping.pairs[2].target}) and what is wrong with it. */
public record FieldProblem(String field, String problem) {
    public FieldProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(problem, "problem");
    }

    public static FieldProblem required(String field) {
        return new FieldProblem(field, "required");
    }
}
