package io.cardlink.shell.internal;

import io.cardlink.api.orchestration.EventTarget;
import io.cardlink.api.orchestration.OrchestrationService;
import io.cardlink.api.task.AttributePair;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "cardlink", name = "event-targets",
        description = "Lists the event tasks a workflow on a local template can use, across connectors, with their"
                + " mappings (the \"Target\" list of an orchestration node)")
public class EventTargetsCommand implements Action {

    @Reference(optional = true)
    OrchestrationService orchestration;

    @Argument(index = 0, name = "localTemplate", description = "The workflow's template (all event tasks when left out)")
    String localTemplate;

    @Override
    public Object execute() {
        if (orchestration == null) {
            throw new CommandRefused(OperationPrinter.UNAVAILABLE);
        }
        return CommandSupport.run(() -> {
            List<EventTarget> targets = orchestration.targets(localTemplate);
            if (targets.isEmpty()) {
                System.out.println("No event tasks" + (localTemplate == null ? "" : " take cards of '" + localTemplate
                        + "'"));
                return null;
            }
            for (EventTarget target : targets) {
                System.out.println(target.connectorName() + " / " + target.taskName() + "  (task " + target.taskId()
                        + ")");
                System.out.println("  local " + target.localTemplate() + (target.localFolder() == null ? ""
                        : " in " + target.localFolder()) + " -> remote " + target.remoteTemplate() + " in "
                        + target.remoteFolder());
                if (target.mapping() != null) {
                    System.out.println("  " + target.mapping().pairs().stream()
                            .map(AttributePair::source).collect(Collectors.joining(", ")) + " -> "
                            + target.mapping().pairs().stream().map(AttributePair::target)
                                    .collect(Collectors.joining(", "))
                            + "; unique key " + target.mapping().uniqueKeyAttribute());
                }
            }
            return null;
        });
    }
}
