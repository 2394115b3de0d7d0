package io.cardlink.shell.internal;

import io.cardlink.api.orchestration.OrchestrationService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "cardlink", name = "operation-show",
        description = "Shows an event-task operation: status, attempts, remote id and provisioning exception")
public class OperationShowCommand implements Action {

    @Reference(optional = true)
    OrchestrationService orchestration;

    @Argument(index = 0, name = "operation", description = "Operation id", required = true)
    String operation;

    @Override
    public Object execute() {
        if (orchestration == null) {
            throw new CommandRefused(OperationPrinter.UNAVAILABLE);
        }
        return CommandSupport.run(() -> {
            OperationPrinter.detail(System.out, orchestration.get(operation));
            return null;
        });
    }
}
