package io.cardlink.shell.internal;

import io.cardlink.api.orchestration.OrchestrationService;
import io.cardlink.api.service.TaskService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "cardlink", name = "card-release",
        description = "Releases a card the loop guard holds: its held operations go on in their order, and its writes"
                + " are counted again from now")
public class CardReleaseCommand implements Action {

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

    @Argument(index = 2, name = "card", description = "The held card's key (cardlink:card-held lists them)",
            required = true)
    String card;

    @Override
    public Object execute() {
        if (tasks == null || orchestration == null) {
            throw new CommandRefused(OperationPrinter.UNAVAILABLE);
        }
        String user = CommandSupport.user();
        return CommandSupport.run(() -> {
            int released = orchestration.release(tasks.getEvent(connector, task).id(), card, user);
            System.out.println("Card '" + card + "' released; " + released + " held operation(s) go on.");
            return null;
        });
    }
}
