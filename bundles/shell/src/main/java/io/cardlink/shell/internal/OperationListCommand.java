package io.cardlink.shell.internal;

import io.cardlink.api.orchestration.OperationStatus;
import io.cardlink.api.orchestration.OrchestrationService;
import io.cardlink.api.service.TaskService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;

@Service
@Command(scope = "cardlink", name = "operation-list",
        description = "Lists an event task's operations, newest first (with --status FAILED or DEAD: those to look at)")
public class OperationListCommand implements Action {

    @Reference(optional = true)
    TaskService tasks;

    @Reference(optional = true)
    OrchestrationService orchestration;

    @Argument(index = 0, name = "connector", description = "Connector name or id", required = true)
    @Completion(ConnectorCompleter.class)
    String connector;

    @Argument(index = 1, name = "task", description = "Event task name or id", required = true)
    @Completion(TaskCompleter.class)
    String task;

    @Option(name = "--status", description = "Only operations of this status: PENDING, RUNNING, SUCCEEDED, FAILED,"
            + " DEAD, HELD, SUPPRESSED, DISCARDED")
    @Completion(value = StringsCompleter.class, values = {"PENDING", "RUNNING", "SUCCEEDED", "FAILED", "DEAD", "HELD",
        "SUPPRESSED", "DISCARDED"})
    String status;

    @Option(name = "--limit", description = "How many operations to show")
    int limit = 50;

    @Override
    public Object execute() {
        if (tasks == null || orchestration == null) {
            throw new CommandRefused(OperationPrinter.UNAVAILABLE);
        }
        return CommandSupport.run(() -> {
            OperationStatus wanted = status == null ? null : OperationPrinter.status(status);
            String taskId = tasks.getEvent(connector, task).id();
            OperationPrinter.table(System.out, orchestration.list(taskId, wanted, limit));
            return null;
        });
    }
}
