package io.cardlink.storage.jpa.internal;

import io.cardlink.api.connector.Connector;
import io.cardlink.api.run.Phase;
import io.cardlink.api.run.Run;
import io.cardlink.api.run.RunCounts;
import io.cardlink.api.run.RunStatus;
import io.cardlink.api.task.AttributePair;
import io.cardlink.api.task.EventTask;
import io.cardlink.api.task.FailureCardTarget;
import io.cardlink.api.task.Mapping;
import io.cardlink.api.task.RemovalPolicy;
import io.cardlink.api.task.Schedule;
import io.cardlink.api.task.ScheduledTask;
import io.cardlink.api.task.TaskMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Complete model objects for the store tests. */
final class Fixtures {

    static final Mapping MAPPING = new Mapping("person", "/people",
            List.of(new AttributePair("first_name", "firstName"), new AttributePair("mail", "email")),
            "cardlink_task_id", "efecte_id", "datasourceid");

    private Fixtures() {
    }

    static Connector connector(String name) {
        return new Connector(null, name, "coreproiga", "the " + name + " instance",
                Map.of("url", "https://" + name + ".example.test/api", "user", "sync"),
                Map.of("password", "sealed:v1:AbCd=="), null, null);
    }

    static ScheduledTask scheduled(String connectorId, String name) {
        return new ScheduledTask(null, connectorId, name, true, Schedule.cron("0 0/15 * * * ?"), TaskMode.FULL,
                Map.of("eqlFilter", "$status$ = 'active'"), "person", "/remote/people", MAPPING,
                new RemovalPolicy("status", "removed", RemovalPolicy.DEFAULT_THRESHOLD_PERCENT, false),
                new FailureCardTarget("incident", "/failures", "description"), null, null);
    }

    static EventTask event(String connectorId, String name) {
        return new EventTask(null, connectorId, name, "employee", "/local/people", "person", "/remote/people", MAPPING,
                List.of("onboarding", "offboarding"), null, null);
    }

    static Run run(String taskId, RunStatus status) {
        Instant planned = Instant.parse("2026-03-01T10:15:30.123456Z");
        return new Run(null, taskId, null, "schedule", status, planned,
                new Phase(RunStatus.SUCCESS, planned, planned.plusSeconds(5)),
                new Phase(status, planned.plusSeconds(5), null),
                new RunCounts(10, 2, 3, 4, 1, 0), List.of("card 42: no value for email"), "/data/run.json");
    }
}
