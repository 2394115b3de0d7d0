package io.cardlink.api;

import java.util.List;
import java.util.stream.Collectors;

/** A request was refused before anything was written; {@link #problems()} lists every bad field at once. */
public class ValidationException extends CardlinkException {
    private static final long serialVersionUID = 1L;

    private final List<FieldProblem> problems;

    public ValidationException(List<FieldProblem> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    public ValidationException(String field, String problem) {
        this(List.of(new FieldProblem(field, problem)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    @Override
    public boolean retryable() {
        return false;
    }

    private static String summary(List<FieldProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a validation failure names at least one field");
        }
        return problems.stream().map(p -> p.field() + ": " + p.problem()).collect(Collectors.joining("; "));
    }
}
