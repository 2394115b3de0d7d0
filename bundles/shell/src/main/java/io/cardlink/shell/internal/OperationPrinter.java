package io.cardlink.shell.internal;

import io.cardlink.api.ValidationException;
import io.cardlink.api.orchestration.Operation;
import io.cardlink.api.orchestration.OperationStatus;
import io.cardlink.api.service.TaskService;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the operation commands print event-task operations. */
final class OperationPrinter {
    static final String UNAVAILABLE =
            "Cardlink orchestration is not available right now: the storage or the engine bundle is not active.";
    private static final int FAILURE_WIDTH = 60;

    private OperationPrinter() {
    }

    /** A status named in the shell, in any case; a {@link ValidationException} on {@code --status} otherwise. */
    static OperationStatus status(String text) {
        try {
            return OperationStatus.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("--status", "must be one of " + Arrays.stream(OperationStatus.values())
                    .map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    /** The id of the event task named by the two arguments CONNECTOR TASK. */
    static String taskId(TaskService tasks, List<String> arguments) {
        if (arguments.size() != 2) {
            throw new ValidationException("arguments", "name the connector and the event task: CONNECTOR TASK");
        }
        return tasks.getEvent(arguments.get(0), arguments.get(1)).id();
    }

    static void table(PrintStream out, List<Operation> operations) {
        if (operations.isEmpty()) {
            out.println("No operations");
            return;
        }
        String format = "%-36s  %-6s  %-10s  %-16s  %8s  %-27s  %-10s  %s%n";
        out.printf(format, "Operation", "Kind", "Status", "Card", "Attempts", "Created", "Remote id",
                "Provisioning exception or reason");
        for (Operation o : operations) {
            out.printf(format, o.id(), lower(o.operation().name()), lower(o.status().name()), text(o.cardKey()),
                    o.attempts(), time(o.createdAt()), text(o.remoteId()),
                    shorten(o.provisioningException() != null ? o.provisioningException() : o.reason()));
        }
    }

    static void detail(PrintStream out, Operation o) {
        out.println("Operation:       " + o.id());
        out.println("Task:            " + o.taskId());
        out.println("Connector:       " + o.connectorId());
        out.println("Kind:            " + lower(o.operation().name()));
        out.println("Card:            " + text(o.cardKey()));
        if (o.localCardId() != null) {
            out.println("Local card id:   " + o.localCardId());
        }
        out.println("Status:          " + lower(o.status().name()));
        out.println("Attempts:        " + o.attempts());
        out.println("Idempotency key: " + text(o.idempotencyKey()));
        out.println("Workflow:        " + text(o.workflow()));
        out.println("Submitted by:    " + text(o.submittedBy()));
        out.println("Created:         " + time(o.createdAt()));
        if (o.nextAttemptAt() != null) {
            out.println("Next attempt:    " + time(o.nextAttemptAt()));
        }
        out.println("Completed:       " + time(o.completedAt()));
        out.println("Remote id:       " + text(o.remoteId()));
        if (o.provisioningException() != null) {
            out.println("Provisioning exception:");
            out.println("  " + o.provisioningException());
        }
        if (o.reason() != null) {
            out.println("Reason:");
            out.println("  " + o.reason());
        }
    }

    private static String shorten(String text) {
        if (text == null) {
            return "";
        }
        String line = text.replace('\n', ' ');
        return line.length() <= FAILURE_WIDTH ? line : line.substring(0, FAILURE_WIDTH - 3) + "...";
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static String time(Instant instant) {
        return instant == null ? "" : instant.toString();
    }
}
