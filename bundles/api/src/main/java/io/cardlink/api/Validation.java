package io.cardlink.api;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems of a request so that all of them are reported together, then throws once. */
public final class Validation {
    private final List<FieldProblem> problems = new ArrayList<>();

    public Validation require(String field, String value) {
        if (value == null || value.isBlank()) {
            problems.add(FieldProblem.required(field));
        }
        return this;
    }

    public Validation require(String field, Object value) {
        if (value == null) {
            problems.add(FieldProblem.required(field));
        }
        return this;
    }

    public Validation check(boolean ok, String field, String problem) {
        if (!ok) {
            problems.add(new FieldProblem(field, problem));
        }
        return this;
    }

    public Validation add(String field, String problem) {
        problems.add(new FieldProblem(field, problem));
        return this;
    }

    public Validation addAll(List<FieldProblem> more) {
        problems.addAll(more);
        return this;
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    public List<FieldProblem> problems() {
        return List.copyOf(problems);
    }

    /** Throws a {@link ValidationException} listing every problem found, if there is any. */
    public void throwIfInvalid() {
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
    }
}
