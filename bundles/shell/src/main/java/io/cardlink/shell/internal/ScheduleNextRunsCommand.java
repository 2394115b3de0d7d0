package io.cardlink.shell.internal;

import io.cardlink.api.service.TaskService;
import io.cardlink.api.task.Schedule;
import java.time.Instant;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "cardlink", name = "schedule-next-runs",
        description = "Shows when a scheduled task with this schedule would run if it were saved now (UTC)")
public class ScheduleNextRunsCommand implements Action {

    @Reference(optional = true)
    TaskService tasks;

    @Option(name = "--cron", description = "Quartz cron expression, seconds first, such as \"0 0/15 * * * ?\"")
    String cron;

    @Option(name = "--interval", description = "Interval in seconds")
    Long intervalSeconds;

    @Option(name = "--count", description = "How many runs to show")
    int count = 5;

    @Override
    public Object execute() {
        if (tasks == null) {
            throw new CommandRefused(TaskLookup.UNAVAILABLE);
        }
        return CommandSupport.run(() -> {
            for (Instant run : tasks.nextRuns(new Schedule(cron, intervalSeconds), count)) {
                System.out.println(run);
            }
            return null;
        });
    }
}
