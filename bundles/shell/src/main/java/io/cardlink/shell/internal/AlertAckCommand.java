package io.cardlink.shell.internal;

import io.cardlink.api.alert.Alert;
import io.cardlink.api.alert.AlertService;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "cardlink", name = "alert-ack",
        description = "Acknowledges alerts: they stay open until their condition clears, marked as seen by you")
public class AlertAckCommand implements Action {

    @Reference(optional = true)
    AlertService alerts;

    @Argument(index = 0, name = "ids", description = "Alert ids (cardlink:alert-list shows them)", required = true,
            multiValued = true)
    List<String> ids;

    @Override
    public Object execute() {
        if (alerts == null) {
            throw new CommandRefused(CommandSupport.UNAVAILABLE);
        }
        return CommandSupport.run(() -> {
            for (String id : ids) {
                Alert alert = alerts.acknowledge(id, CommandSupport.user());
                System.out.println("Alert " + alert.id() + " (" + alert.subject().kind() + ") acknowledged by "
                        + alert.acknowledgedBy() + " at " + alert.acknowledgedAt() + ".");
            }
            return null;
        });
    }
}
