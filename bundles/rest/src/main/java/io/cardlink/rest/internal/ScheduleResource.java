package io.cardlink.rest.internal;

import io.cardlink.api.Validation;
import io.cardlink.api.service.TaskService;
import io.cardlink.api.task.Schedule;
import java.time.Instant;
import java.util.List;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

/**
 * {@code GET /schedules/next-runs?cron=...} (or {@code ?intervalSeconds=...}, with {@code count}, 5 by default):
 * when a task with that schedule would run if it were saved now, for the task editor's preview. A bad schedule is a
 * 400 naming {@code schedule.cron} or {@code schedule.intervalSeconds}, as a task save would.
 */
@Path("/schedules/next-runs")
@Produces(MediaType.APPLICATION_JSON)
public class ScheduleResource {
    static final int DEFAULT_COUNT = 5;

    private final ServiceAccess<TaskService> tasks;

    ScheduleResource(ServiceAccess<TaskService> tasks) {
        this.tasks = tasks;
    }

    /** The preview: the next run times (UTC). */
    public record NextRuns(List<Instant> nextRuns) {
    }

    @GET
    public NextRuns nextRuns(@QueryParam("cron") String cron, @QueryParam("intervalSeconds") String intervalSeconds,
            @QueryParam("count") String count) {
        Validation validation = new Validation();
        Long interval = number(validation, "schedule.intervalSeconds", intervalSeconds);
        Long runs = number(validation, "count", count);
        validation.throwIfInvalid();
        // out-of-range counts stay out of range, for the service to refuse
        int wanted = runs == null ? DEFAULT_COUNT : (int) Math.min(Math.max(runs, 0), Integer.MAX_VALUE);
        return new NextRuns(tasks.get().nextRuns(new Schedule(cron, interval), wanted));
    }

    /** Query parameters are read here rather than by JAX-RS, which answers a malformed number with a bare 404. */
    private static Long number(Validation validation, String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            validation.add(field, "must be a whole number");
            return null;
        }
    }
}
