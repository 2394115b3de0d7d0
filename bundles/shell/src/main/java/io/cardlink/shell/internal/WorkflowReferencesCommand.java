package io.cardlink.shell.internal;

import io.cardlink.api.orchestration.WorkflowReference;
import io.cardlink.api.orchestration.WorkflowReferenceService;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "cardlink", name = "workflow-references",
        description = "Shows the workflows that use the event tasks of a connector, or of one task: first and last"
                + " use, how often, and whether the reference is stale")
public class WorkflowReferencesCommand implements Action {

    @Reference(optional = true)
    WorkflowReferenceService references;

    @Argument(index = 0, name = "connector", description = "Connector name or id", required = true)
    @Completion(ConnectorCompleter.class)
    String connector;

    @Argument(index = 1, name = "task", description = "Event task name or id (all of the connector's when left out)")
    @Completion(TaskCompleter.class)
    String task;

    @Override
    public Object execute() {
        if (references == null) {
            throw new CommandRefused(OperationPrinter.UNAVAILABLE);
        }
        return CommandSupport.run(() -> {
            List<WorkflowReference> found = task == null ? references.forConnector(connector)
                    : references.forTask(connector, task);
            if (found.isEmpty()) {
                System.out.println("No workflow references");
                return null;
            }
            String format = "%-24s  %-30s  %-27s  %-27s  %6s  %s%n";
            System.out.printf(format, "Event task", "Workflow", "First used", "Last used", "Uses", "State");
            for (WorkflowReference reference : found) {
                System.out.printf(format, reference.taskName(), reference.workflow(), reference.firstUsedAt(),
                        reference.lastUsedAt(), reference.useCount(), reference.stale()
                                ? "stale (unused for " + references.staleAfter().toDays() + " days)" : "live");
            }
            return null;
        });
    }
}
