package io.cardlink.shell.internal;

import io.cardlink.api.orchestration.Operation;
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
@Command(scope = "cardlink", name = "operation-replay",
        description = "Puts dead event-task operations back in line, each at its place among its card's operations",
        detailedDescription = "cardlink:operation-replay OPERATION-ID [OPERATION-ID ...]\n"
                + "cardlink:operation-replay --all-dead CONNECTOR TASK   (every dead operation of the task)")
public class OperationReplayCommand implements Action {

    @Reference(optional = true)
    TaskService tasks;

    @Reference(optional = true)
    OrchestrationService orchestration;

    @Option(name = "--all-dead", description = "Replay every dead operation of the event task given as CONNECTOR TASK")
    boolean allDead;

    @Argument(index = 0, name = "ids", description = "Operation ids; with --all-dead: connector and task",
            required = true, multiValued = true)
    List<String> arguments;

    @Override
    public Object execute() {
        if (tasks == null || orchestration == null) {
            throw new CommandRefused(OperationPrinter.UNAVAILABLE);
        }
        return CommandSupport.run(() -> {
            if (allDead) {
                String taskId = OperationPrinter.taskId(tasks, arguments);
                System.out.println(orchestration.replayDead(taskId) + " dead operation(s) replayed.");
                return null;
            }
            for (String id : arguments) {
                Operation replayed = orchestration.replay(id);
                System.out.println("Operation " + replayed.id() + " replayed: " + replayed.status().name()
                        .toLowerCase(java.util.Locale.ROOT) + ".");
            }
            return null;
        });
    }
}
