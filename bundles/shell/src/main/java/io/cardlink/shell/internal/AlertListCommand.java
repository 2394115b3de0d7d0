package io.cardlink.shell.internal;

import io.cardlink.api.ValidationException;
import io.cardlink.api.alert.Alert;
import io.cardlink.api.alert.AlertService;
import io.cardlink.api.alert.AlertState;
import java.util.List;
import java.util.Locale;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "cardlink", name = "alert-list",
        description = "Lists alerts, the most recently seen first: the open ones, or with --state resolved or all")
public class AlertListCommand implements Action {

    @Reference(optional = true)
    AlertService alerts;

    @Option(name = "--state", description = "open (the default), resolved or all")
    @Completion(value = StringsCompleter.class, values = {"open", "resolved", "all"})
    String state = "open";

    @Override
    public Object execute() {
        if (alerts == null) {
            throw new CommandRefused(CommandSupport.UNAVAILABLE);
        }
        return CommandSupport.run(() -> {
            List<Alert> found = alerts.list(state(state));
            if (found.isEmpty()) {
                System.out.println("No " + ("all".equalsIgnoreCase(state) ? "" : state.toLowerCase(Locale.ROOT) + " ")
                        + "alerts.");
                return null;
            }
            ShellTable table = new ShellTable();
            table.column("Severity");
            table.column("State");
            table.column("Kind");
            table.column("Side");
            table.column("Count");
            table.column("Last seen");
            table.column("Acknowledged");
            table.column("Message").maxSize(100).wrap();
            table.column("Id");
            for (Alert alert : found) {
                table.addRow().addContent(alert.severity(), alert.state(), alert.subject().kind(),
                        alert.subject().side() == null ? "" : alert.subject().side(), alert.count(),
                        alert.lastSeenAt(), alert.acknowledged() ? "by " + alert.acknowledgedBy() : "",
                        alert.message(), alert.id());
            }
            table.print(System.out);
            return null;
        });
    }

    /** The state asked for; null for all. */
    static AlertState state(String text) {
        String value = text == null ? "open" : text.trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "open" -> AlertState.OPEN;
            case "resolved" -> AlertState.RESOLVED;
            case "all" -> null;
            default -> throw new ValidationException("--state", "must be open, resolved or all, not '" + text + "'");
        };
    }
}
