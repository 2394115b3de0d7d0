package io.cardlink.shell.internal;

import io.cardlink.api.orchestration.HeldCard;
import io.cardlink.api.orchestration.OrchestrationService;
import io.cardlink.api.service.TaskService;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "cardlink", name = "card-held",
        description = "Lists the cards the loop guard holds (written too often in a row), of one event task or of all")
public class CardHeldCommand implements Action {

    @Reference(optional = true)
    TaskService tasks;

    @Reference(optional = true)
    OrchestrationService orchestration;

    @Argument(index = 0, name = "connector", description = "Connector name or id (all connectors when left out)")
    @Completion(ConnectorCompleter.class)
    String connector;

    @Argument(index = 1, name = "task", description = "Event task name or id (with the connector)")
    @Completion(TaskCompleter.class)
    String task;

    @Override
    public Object execute() {
        if (tasks == null || orchestration == null) {
            throw new CommandRefused(OperationPrinter.UNAVAILABLE);
        }
        if (connector != null && task == null) {
            throw new CommandRefused("Name the event task too: cardlink:card-held CONNECTOR TASK");
        }
        return CommandSupport.run(() -> {
            List<HeldCard> held = orchestration.heldCards(connector == null ? null
                    : tasks.getEvent(connector, task).id());
            if (held.isEmpty()) {
                System.out.println("No card is held");
                return null;
            }
            String format = "%-24s  %-36s  %-27s  %4s  %s%n";
            System.out.printf(format, "Card", "Task", "Held since", "Ops", "Why");
            for (HeldCard card : held) {
                System.out.printf(format, card.cardKey(), card.taskId(), card.heldAt(), card.heldOperations(),
                        card.reason());
            }
            return null;
        });
    }
}
