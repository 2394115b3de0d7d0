package io.cardlink.shell.internal;

import io.cardlink.api.orchestration.Operation;
import io.cardlink.api.orchestration.OperationStatus;
import io.cardlink.api.orchestration.OrchestrationService;
import io.cardlink.api.service.TaskService;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "cardlink", name = "operation-discard",
        description = "Gives up dead or held event-task operations: they are never written",
        detailedDescription = "cardlink:operation-discard OPERATION-ID [OPERATION-ID ...]\n"
                + "cardlink:operation-discard --all-dead CONNECTOR TASK   (every dead operation of the task)\n"
                + "cardlink:operation-discard --all-held CONNECTOR TASK   (every held operation of the task)")
public class OperationDiscardCommand implements Action {

    @Reference(optional = true)
    TaskService tasks;

    @Reference(optional = true)
    OrchestrationService orchestration;

    @Option(name = "--all-dead", description = "Discard every dead operation of the event task given as CONNECTOR TASK")
    boolean allDead;

    @Option(name = "--all-held", description = "Discard every held operation of the event task given as CONNECTOR TASK")
    boolean allHeld;

    @Argument(index = 0, name = "ids", description = "Operation ids; with --all-dead or --all-held: connector and task",
            required = true, multiValued = true)
    List<String> arguments;

    @Override
    public Object execute() {
        if (tasks == null || orchestration == null) {
            throw new CommandRefused(OperationPrinter.UNAVAILABLE);
        }
        if (allDead && allHeld) {
            throw new CommandRefused("Give --all-dead or --all-held, not both.");
        }
        String user = CommandSupport.user();
        return CommandSupport.run(() -> {
            if (allDead || allHeld) {
                String taskId = OperationPrinter.taskId(tasks, arguments);
                OperationStatus status = allDead ? OperationStatus.DEAD : OperationStatus.HELD;
                System.out.println(orchestration.discardAll(taskId, status, user) + " "
                        + status.name().toLowerCase(java.util.Locale.ROOT) + " operation(s) discarded.");
                return null;
            }
            for (String id : arguments) {
                Operation discarded = orchestration.discard(id, user);
                System.out.println("Operation " + discarded.id() + " discarded.");
            }
            return null;
        });
    }
}
