package io.cardlink.shell.internal;

import io.cardlink.api.run.RunStatus;
import io.cardlink.api.service.ScheduledTaskRow;
import io.cardlink.api.service.TaskService;
import io.cardlink.api.task.EventTask;
import io.cardlink.api.task.ScheduledTask;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "cardlink", name = "task-list", description = "Lists the scheduled and event tasks of a connector, optionally those matching a search text")
public class TaskListCommand implements Action {

    @Reference(optional = true)
    TaskService tasks;

    @Argument(index = 0, name = "connector", description = "Connector name or id", required = true)
    @Completion(ConnectorCompleter.class)
    String connector;

    @Argument(index = 1, name = "search", description = "Text searched in names, templates, mode and filter; also"
            + " enabled, disabled, never-run, extract:STATUS and load:STATUS (such as load:error)")
    String search;

    @Override
    public Object execute() {
        if (tasks == null) {
            throw new CommandRefused(TaskLookup.UNAVAILABLE);
        }
        return CommandSupport.run(() -> {
            List<ScheduledTaskRow> scheduled = tasks.listScheduledRows(connector, search);
            List<EventTask> event = tasks.listEvent(connector, search);
            if (scheduled.isEmpty() && event.isEmpty()) {
                System.out.println(search == null ? "Connector '" + connector + "' has no tasks yet."
                        : "No task of connector '" + connector + "' matches '" + search + "'.");
                return null;
            }
            ShellTable table = new ShellTable();
            for (String column : List.of("Name", "Kind", "Enabled", "Mode", "Schedule", "Templates", "Last extract",
                    "Last load", "Next run", "Workflows")) {
                table.column(column);
            }
            for (ScheduledTaskRow row : scheduled) {
                ScheduledTask task = row.task();
                table.addRow().addContent(task.name(), "scheduled", task.enabled() ? "yes" : "no", task.mode(),
                        TaskFields.describe(task.schedule()), task.remoteTemplate() + " -> "
                                + (task.mapping() == null ? "" : task.mapping().targetTemplate()),
                        status(row.lastExtractStatus()), status(row.lastLoadStatus()),
                        row.nextRunAt() == null ? "" : row.nextRunAt().toString(), "");
            }
            for (EventTask task : event) {
                table.addRow().addContent(task.name(), "event", "", "write", "on workflow call",
                        (task.localTemplate() == null ? task.remoteTemplate() : task.localTemplate()) + " -> "
                                + task.remoteTemplate(), "", "", "",
                        task.inUse() ? String.join(", ", task.workflowReferences()) : "none");
            }
            table.print(System.out);
            return null;
        });
    }

    private static String status(RunStatus status) {
        return status == null ? "never" : status.name();
    }
}
