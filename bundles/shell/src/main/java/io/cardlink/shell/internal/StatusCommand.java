package io.cardlink.shell.internal;

import io.cardlink.api.service.ComponentStatus;
import io.cardlink.api.service.EngineStatus;
import io.cardlink.api.service.NodeStatus;
import io.cardlink.api.service.StatusService;
import java.time.temporal.ChronoUnit;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "cardlink", name = "status", description = "Shows the state of Cardlink and of the parts it depends on")
public class StatusCommand implements Action {

    @Reference(optional = true)
    StatusService statusService;

    @Override
    public Object execute() {
        if (statusService == null) {
            System.out.println("Cardlink engine: not running (the engine bundle is not active)");
            return null;
        }
        EngineStatus status = statusService.status();
        System.out.println("Cardlink " + status.version() + ": " + status.state());
        System.out.println("Database: " + (status.databaseReachable() ? "reachable" : "NOT reachable")
                + (status.database() == null ? "" : " (" + status.database() + ")"));
        ShellTable table = new ShellTable();
        table.column("Component");
        table.column("State");
        table.column("Detail");
        for (ComponentStatus component : status.components()) {
            table.addRow().addContent(component.name(), component.state(),
                    component.detail() == null ? "" : component.detail());
        }
        table.print(System.out);
        if (!status.nodes().isEmpty()) {
            ShellTable nodes = new ShellTable();
            nodes.column("Node");
            nodes.column("Last check-in");
            nodes.column("Running");
            for (NodeStatus node : status.nodes()) {
                String name = (node.name() == null ? "(unnamed)" : node.name()) + (node.self() ? " (this node)" : "");
                String checkIn = node.lastCheckIn() == null ? "never" : node.lastCheckIn().truncatedTo(
                        ChronoUnit.SECONDS) + (node.late() ? " LATE: taken as dead" : "");
                nodes.addRow().addContent(name, checkIn, node.runningTasks().isEmpty() ? "-"
                        : String.join(", ", node.runningTasks()));
            }
            nodes.print(System.out);
        }
        return null;
    }
}
