package io.cardlink.scheduler.internal;

import io.cardlink.api.FieldProblem;
import io.cardlink.api.scheduler.TaskScheduler;
import io.cardlink.api.task.Schedule;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobKey;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

/** Validates task schedules and turns them into Quartz triggers with fixed names: the task id in one group. */
final class TaskTriggers {
    static final String GROUP = "cardlink.task";
    static final TimeZone UTC = TimeZone.getTimeZone("UTC");
    /** The schedule a trigger was made for, in its data. */
    private static final String SCHEDULE = "schedule";

    private TaskTriggers() {
    }

    static JobKey jobKey(String taskId) {
        return JobKey.jobKey(taskId, GROUP);
    }

    static TriggerKey triggerKey(String taskId) {
        return TriggerKey.triggerKey(taskId, GROUP);
    }

    static List<FieldProblem> validate(Schedule schedule, Instant now) {
        List<FieldProblem> problems = new ArrayList<>();
        if (schedule == null) {
            problems.add(FieldProblem.required("schedule"));
            return problems;
        }
        boolean hasCron = schedule.cron() != null;
        boolean hasInterval = schedule.intervalSeconds() != null;
        if (hasCron == hasInterval) {
            problems.add(new FieldProblem("schedule",
                    "give exactly one of a cron expression and an interval in seconds"));
        } else if (hasCron) {
            validateCron(schedule.cron(), now, problems);
        } else {
            long seconds = schedule.intervalSeconds();
            if (seconds < TaskScheduler.MIN_INTERVAL_SECONDS || seconds > TaskScheduler.MAX_INTERVAL_SECONDS) {
                problems.add(new FieldProblem("schedule.intervalSeconds", "must be between "
                        + TaskScheduler.MIN_INTERVAL_SECONDS + " and " + TaskScheduler.MAX_INTERVAL_SECONDS));
            }
        }
        return problems;
    }

    private static void validateCron(String cron, Instant now, List<FieldProblem> problems) {
        if (cron.isBlank()) {
            problems.add(FieldProblem.required("schedule.cron"));
            return;
        }
        try {
            CronExpression expression = cronExpression(cron);
            if (expression.getNextValidTimeAfter(Date.from(now)) == null) {
                problems.add(new FieldProblem("schedule.cron", "never fires again"));
            }
        } catch (ParseException | RuntimeException e) {
            // Quartz reports some malformed expressions with runtime exceptions rather than ParseException.
            problems.add(new FieldProblem("schedule.cron", "not a valid Quartz cron expression (seconds minutes "
                    + "hours day-of-month month day-of-week [year]): " + e.getMessage()));
        }
    }

    /**
     * The next {@code count} times a valid schedule fires when it is given to a task at {@code now}: the times its
     * {@link #trigger} would fire at. A cron expression may end sooner (a year field), so the list may be shorter.
     */
    static List<Instant> nextRuns(Schedule schedule, Instant now, int count) {
        List<Instant> runs = new ArrayList<>(count);
        if (schedule.cron() != null) {
            CronExpression expression;
            try {
                expression = cronExpression(schedule.cron());
            } catch (ParseException e) {
                throw new IllegalArgumentException("schedule was not validated: " + e.getMessage(), e);
            }
            Date after = Date.from(now);
            while (runs.size() < count) {
                after = expression.getNextValidTimeAfter(after);
                if (after == null) {
                    break;
                }
                runs.add(after.toInstant());
            }
            return runs;
        }
        for (long i = 1; i <= count; i++) {
            runs.add(now.plusSeconds(schedule.intervalSeconds() * i));
        }
        return runs;
    }

    /**
     * The trigger of a valid schedule. A cron trigger fires at its next matching time after {@code now}; an
     * interval trigger first fires one interval after {@code now}. After downtime both fire once at once, then
     * keep their rhythm.
     */
    static Trigger trigger(String taskId, Schedule schedule, Instant now) {
        TriggerBuilder<Trigger> builder = TriggerBuilder.newTrigger()
                .withIdentity(triggerKey(taskId))
                .forJob(jobKey(taskId))
                .usingJobData(SCHEDULE, describe(schedule));
        if (schedule.cron() != null) {
            try {
                return builder.startAt(Date.from(now))
                        .withSchedule(CronScheduleBuilder.cronSchedule(cronExpression(schedule.cron()))
                                .withMisfireHandlingInstructionFireAndProceed())
                        .build();
            } catch (ParseException e) {
                throw new IllegalArgumentException("schedule was not validated: " + e.getMessage(), e);
            }
        }
        long seconds = schedule.intervalSeconds();
        return builder.startAt(Date.from(now.plusSeconds(seconds)))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInSeconds(Math.toIntExact(seconds))
                        .repeatForever()
                        .withMisfireHandlingInstructionNowWithExistingCount())
                .build();
    }

    /** Whether {@code trigger} was made for {@code schedule}. */
    static boolean firesOn(Trigger trigger, Schedule schedule) {
        return describe(schedule).equals(trigger.getJobDataMap().getString(SCHEDULE));
    }

    private static String describe(Schedule schedule) {
        return schedule.cron() != null ? "cron " + schedule.cron().trim() : "every " + schedule.intervalSeconds();
    }

    private static CronExpression cronExpression(String cron) throws ParseException {
        CronExpression expression = new CronExpression(cron.trim());
        expression.setTimeZone(UTC);
        return expression;
    }
}
