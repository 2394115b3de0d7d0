package io.cardlink.rest.internal;

import static java.util.Map.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.cardlink.api.orchestration.Operation;
import io.cardlink.api.run.Run;
import io.cardlink.api.service.ImportReport;
import io.cardlink.api.task.EventTask;
import io.cardlink.api.task.ScheduledTask;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.ws.rs.core.HttpHeaders;

/**
 * What reflection can't read from a resource method, for the OpenAPI document: a summary and description in the API
 * user's words, the group it belongs to, and the answers of methods that build their {@code Response} themselves
 * (status, body type, headers). Keyed by resource class and method name; {@code OpenApiDocumentTest} fails when a
 * method that answers a {@code Response} has no answers here or a note names no method.
 */
final class ApiNotes {

    /** One answer of an operation: its status, what it means, and its body type (null for none). */
    record Answer(int status, String description, Type body, Map<String, String> headers) {
        static Answer of(int status, String description, Type body) {
            return new Answer(status, description, body, Map.of());
        }

        static Answer error(int status, String description) {
            return new Answer(status, description, ErrorBody.class, Map.of());
        }

        static Answer empty(int status, String description) {
            return new Answer(status, description, null, Map.of());
        }

        Answer withHeader(String name, String description) {
            Map<String, String> all = new TreeMap<>(headers);
            all.put(name, description);
            return new Answer(status, description(), body, all);
        }
    }

    /** The words and answers of one resource method; answers may be empty where the return type says it all. */
    record Note(String summary, String description, List<Answer> answers) {
    }

    private static final String LOCATION = "Location";
    private static final String DOWNLOAD = "Content-Disposition";
    private static final Type SAVED_SCHEDULED = TypeFactory.defaultInstance()
            .constructParametricType(SavedTask.class, ScheduledTask.class);
    private static final Type SAVED_EVENT = TypeFactory.defaultInstance()
            .constructParametricType(SavedTask.class, EventTask.class);

    private static final String ORCHESTRATION = "The workflow engine's call (role cardlink-workflow). The request is"
            + " validated in full first: every bad field is named at once and nothing is queued. Then the operation is"
            + " committed to the outbox before anything is written to the remote instance, so it is delivered even if"
            + " Cardlink stops, and the call waits a bounded time (waitSeconds of io.cardlink.engine.outbox) for the"
            + " outcome."
            + " The task's mapping turns the local card's attributes into the remote card's, which is found by the"
            + " mapped unique key, so a create that comes again updates instead of duplicating. Card values:"
            + " strings, numbers and dates as scalars, a reference as {\"dataCardId\": ...}, a static value as"
            + " {\"code\": ...} or {\"value\": ...}; null or [] clears an attribute. Sending the same"
            + " idempotencyKey for the same task again answers the first request's operation and writes nothing:"
            + " after a timeout or a 202, resend with the same key, or poll the Location.";

    private static final List<Answer> ORCHESTRATION_ANSWERS = List.of(
            Answer.of(200, "Done: the operation SUCCEEDED within the wait; remoteId is the remote card written or"
                    + " deleted.", Operation.class),
            Answer.of(202, "Accepted, and still PENDING or RUNNING when the wait ended (the remote instance is slow,"
                    + " busy or down, and the operation is retried with a growing delay): poll the Location until its"
                    + " status is SUCCEEDED or FAILED. The operation is kept and delivered; don't resend it with"
                    + " another idempotencyKey.", Operation.class)
                    .withHeader(LOCATION, "the operation: GET /orchestration/operations/{id}"),
            Answer.error(400, "Invalid request: fields names every problem (operation, card, an attribute's value,"
                    + " idempotencyKey, workflow); nothing was queued."),
            Answer.error(409, "Refused because the request conflicts with what Cardlink holds for this task (the"
                    + " message says what, such as an idempotencyKey already used for a different request); nothing"
                    + " was queued."),
            Answer.of(422, "Failed: the remote instance refused the card, or the retries ran out;"
                    + " provisioningException says why. Nothing more happens with this operation: fix the data, the"
                    + " task or the remote instance and send a new request.", Operation.class));

    private static final Map<Class<?>, String> TAGS = Map.ofEntries(
            entry(StatusResource.class, "Status"),
            entry(ConnectorResource.class, "Connectors"),
            entry(ConnectorTypeResource.class, "Connectors"),
            entry(ScheduledTaskResource.class, "Scheduled tasks"),
            entry(RunResources.TaskRuns.class, "Runs"),
            entry(RunResources.TaskStop.class, "Runs"),
            entry(RunResources.TaskCacheClear.class, "Runs"),
            entry(RunResources.RunDetail.class, "Runs"),
            entry(EventTaskResource.class, "Event tasks"),
            entry(OrchestrationResources.TaskCards.class, "Orchestration"),
            entry(OrchestrationResources.ConnectorTaskCards.class, "Orchestration"),
            entry(OrchestrationResources.TaskOperations.class, "Orchestration"),
            entry(OrchestrationResources.OperationDetail.class, "Orchestration"),
            entry(SettingsResource.class, "Settings"),
            entry(ExportResource.class, "Export and import"),
            entry(ImportResource.class, "Export and import"),
            entry(RunResources.TaskState.class, "Runs"),
            entry(ScheduleResource.class, "Scheduled tasks"),
            entry(SessionResource.class, "Sign-in"),
            entry(AlertResource.class, "Alerts"),
            entry(CardTimelineResource.class, "Card timelines"),
            entry(OpenApiResource.class, "API description"),
            entry(MetricsResource.class, "Metrics"),
            entry(OperationsResources.Logs.class, "Operations"),
            entry(OperationsResources.RunLog.class, "Runs"),
            entry(OperationsResources.RetentionRun.class, "Operations"));

    private static final Map<String, Note> NOTES = Map.ofEntries(
            note(StatusResource.class, "status", "Cardlink's status: versions, engine, components",
                    "Answers even while the engine bundle is stopped, and then says so."),

            note(ConnectorResource.class, "list", "Connectors",
                    "Those whose id, name, type or status contains search; all without it."),
            note(ConnectorResource.class, "create", "Create a connector",
                    "Validated in full before anything is written. Secrets go in settings with the others and are"
                            + " never shown again: a secret setting x answers as xSet.",
                    Answer.of(201, "Created.", ConnectorJson.class).withHeader(LOCATION, "the new connector"),
                    Answer.error(409, "A connector with that name exists.")),
            note(ConnectorResource.class, "get", "A connector, by id or by name", ""),
            note(ConnectorResource.class, "update", "Replace a connector's fields",
                    "Secrets left out keep their values.",
                    Answer.error(409, "Another connector has that name.")),
            note(ConnectorResource.class, "delete", "Remove a connector",
                    "A connector that has tasks is removed with them only with confirm=true.",
                    Answer.empty(204, "Removed."),
                    Answer.error(409, "It has tasks and confirm is not true: the message names what would go.")),
            note(ConnectorResource.class, "test", "Test a connector's connections",
                    "Logs in to both instances, within seconds. Answers 200 whatever the outcome, which the body"
                            + " tells per side."),
            note(ConnectorResource.class, "copy", "Copy a connector",
                    "Copies its settings, secrets, scheduled and event tasks under a new name; the copied scheduled"
                            + " tasks are disabled, so that nothing runs twice.",
                    Answer.of(201, "Copied.", ConnectorJson.class).withHeader(LOCATION, "the copy"),
                    Answer.error(409, "A connector with that name exists.")),
            note(ConnectorResource.class, "templates", "Templates of one of the connector's instances",
                    "The templates its WebAPI user may see; side is remote or local."),
            note(ConnectorResource.class, "template", "One template's folders and attributes",
                    "On one of the connector's instances; side is remote or local."),
            note(ConnectorTypeResource.class, "list", "Installed connector types",
                    "With the settings each takes (key, kind, required), for forms and pickers."),

            note(ScheduledTaskResource.class, "list", "A connector's scheduled tasks",
                    "Each with its list columns: lastExtractStatus and lastLoadStatus (of its latest run that started;"
                            + " null when it never ran) and nextRunAt (null when not scheduled). search keeps those"
                            + " whose name, templates, folder, mode or task settings (such as the EQL filter) contain"
                            + " it, and matches enabled, disabled, never-run, extract:STATUS and load:STATUS (such as"
                            + " load:error); all without it. cid is a connector id or name."),
            note(ScheduledTaskResource.class, "create", "Create a scheduled task",
                    "Validates everything at once (schedule, templates, folders and attributes in the instances they"
                            + " belong to, types, unique key, and the task settings by the connector type: those of"
                            + " taskSettings in GET /connector-types, such as the CoreProIGA EQL filter) and schedules"
                            + " it. When an instance can't be reached the task is saved with a warning that the"
                            + " mapping was not checked. A text field beside the task's fields is taken as the task"
                            + " setting of that name (as tasks were written before settings existed, such as"
                            + " \"eqlFilter\": ...); the same key in settings with another value is refused.",
                    Answer.of(201, "Created: the task as saved, and warnings.", SAVED_SCHEDULED)
                            .withHeader(LOCATION, "the new task"),
                    Answer.error(409, "The connector has a task with that name.")),
            note(ScheduledTaskResource.class, "get", "A scheduled task, by id or name", ""),
            note(ScheduledTaskResource.class, "update", "Replace a scheduled task's fields",
                    "Validated as a create is; the name can't change; a changed mapping clears the task cache."),
            note(ScheduledTaskResource.class, "delete", "Remove a scheduled task", "",
                    Answer.empty(204, "Removed.")),
            note(ScheduledTaskResource.class, "copy", "Copy a scheduled task", "The copy is disabled.",
                    Answer.of(201, "Copied: the copy as saved, and warnings.", SAVED_SCHEDULED)
                            .withHeader(LOCATION, "the copy"),
                    Answer.error(409, "The connector has a task with that name.")),

            note(RunResources.TaskRuns.class, "runNow", "Run a scheduled task now",
                    "Whether it is enabled or not. With confirmRemovals=true this run marks removed cards even beyond"
                            + " the task's removal threshold. With dryRun=true it is a dry run: it reads, maps and"
                            + " compares like a real run and writes nothing; read what it found at"
                            + " /runs/{id}/dry-run once it has ended. A waiting run of the task is returned as it is.",
                    Answer.of(202, "Asked for: the run, waiting or running; follow it at /runs/{id}.", Run.class)),
            note(RunResources.TaskRuns.class, "history", "A scheduled task's runs", "Newest first, at most limit."),
            note(RunResources.TaskStop.class, "stop", "Stop a scheduled task",
                    "Asks its running run to stop at its next page and drops its waiting run; stopped is false when"
                            + " there was none."),
            note(RunResources.TaskCacheClear.class, "clear", "Clear a scheduled task's cache",
                    "The next run loads every card again; dropped counts the entries removed."),
            note(RunResources.RunDetail.class, "get", "A run",
                    "Phases, counts and info; its progress while it runs."),
            note(RunResources.RunDetail.class, "extract", "A run's extract file",
                    "The cards the run extracted, as JSON.",
                    Answer.of(200, "The extract file, as a download.", JsonNode.class)
                            .withHeader(DOWNLOAD, "attachment; filename=\"run-{runId}.json\"")),
            note(RunResources.RunDetail.class, "dryRun", "What a dry run found",
                    "The counts a real run would have, and per card what it would do: create, update (with each"
                            + " changed attribute's old and new value) or remove, at most 200 per kind (the file has"
                            + " them all); mapping problems with their reasons; thresholdStop when a real run would"
                            + " stop at the removal threshold. 404 when the run is not a dry run or has not ended."),
            note(RunResources.RunDetail.class, "dryRunFile", "A dry run's file",
                    "Everything the dry run found, as JSON: cards (key, action, attributes or reason), counts,"
                            + " thresholdStop, complete.",
                    Answer.of(200, "The dry run file, as a download.", JsonNode.class)
                            .withHeader(DOWNLOAD, "attachment; filename=\"dry-run-{runId}.json\"")),

            note(OperationsResources.RunLog.class, "lines", "A run's log lines",
                    "The lines of Cardlink's log files (rotated ones too) that the run wrote, oldest first: each"
                            + " carries run={runId}; a stack trace stays with its line. At most lines (1-100000) of"
                            + " them, the last ones.",
                    Answer.of(200, "The lines as text, empty when the files no longer hold any.", String.class),
                    Answer.error(404, "No such run.")),
            note(OperationsResources.Logs.class, "list", "Cardlink's log files",
                    "The files of Cardlink's log folder (cardlink-engine.log, cardlink-extract.log, cardlink-load.log"
                            + " and their rotated predecessors .1 to .10), with size in bytes and last change."),
            note(OperationsResources.Logs.class, "download", "Download a log file",
                    "By its name as GET /logs lists it; only files of Cardlink's log folder are served.",
                    Answer.of(200, "The file, as a download.", String.class)
                            .withHeader(DOWNLOAD, "attachment; filename=\"{name}\""),
                    Answer.error(400, "The name has a path in it."),
                    Answer.error(404, "No log file of that name.")),
            note(OperationsResources.Logs.class, "zip", "Download every log file as a zip",
                    "The files GET /logs lists, in one zip.",
                    Answer.of(200, "The zip, as a download.", byte[].class)
                            .withHeader(DOWNLOAD, "attachment; filename=\"cardlink-logs.zip\"")),
            note(OperationsResources.RetentionRun.class, "run", "Run the retention clean-up now",
                    "Removes what the retention settings (PID io.cardlink.engine.retention) no longer keep, as the"
                            + " daily clean-up does: runs beyond the newest runsKept of each task and older than"
                            + " runDays, finished event operations older than operationDays, extract files older"
                            + " than extractDays or of removed tasks, and alerts ended more than alertDays ago."
                            + " Answers how many of each it removed."),

            note(EventTaskResource.class, "list", "A connector's event tasks",
                    "Those whose name, templates, folder or workflow references contain search; all without it. inUse"
                            + " tells whether workflows use a task."),
            note(EventTaskResource.class, "create", "Create an event task",
                    "Validated in full as scheduled tasks are.",
                    Answer.of(201, "Created: the task as saved, and warnings.", SAVED_EVENT)
                            .withHeader(LOCATION, "the new task"),
                    Answer.error(409, "The connector has a task with that name.")),
            note(EventTaskResource.class, "get", "An event task, by id or name", ""),
            note(EventTaskResource.class, "update", "Replace an event task's fields",
                    "A task fetched with GET can be sent back as it is: inUse is ignored."),
            note(EventTaskResource.class, "delete", "Remove an event task",
                    "A task that workflows use is removed only with force=true.",
                    Answer.empty(204, "Removed."),
                    Answer.error(409, "Workflows use it and force is not true: the message names them.")),
            note(EventTaskResource.class, "copy", "Copy an event task", "",
                    Answer.of(201, "Copied: the copy as saved, and warnings.", SAVED_EVENT)
                            .withHeader(LOCATION, "the copy"),
                    Answer.error(409, "The connector has a task with that name.")),

            note(OrchestrationResources.TaskCards.class, "submit",
                    "Create, update or delete a card in the remote instance through an event task (by task id)",
                    ORCHESTRATION, ORCHESTRATION_ANSWERS),
            note(OrchestrationResources.ConnectorTaskCards.class, "submit",
                    "Create, update or delete a card in the remote instance through an event task (by connector and"
                            + " task, ids or names)",
                    ORCHESTRATION, ORCHESTRATION_ANSWERS),
            note(OrchestrationResources.TaskOperations.class, "list", "An event task's operations",
                    "Newest first, at most limit (1 to 1000), optionally of one status (PENDING, RUNNING, SUCCEEDED,"
                            + " FAILED): what monitoring reads to find failed operations."),
            note(OrchestrationResources.OperationDetail.class, "get", "One operation",
                    "Where a 202's Location points. Poll it until status is SUCCEEDED or FAILED; nextAttemptAt tells"
                            + " when a pending operation is tried again and provisioningException why it waits or"
                            + " failed."),

            note(SettingsResource.class, "get", "The engine settings",
                    "Of this node (Config Admin PID io.cardlink.engine)."),
            note(SettingsResource.class, "update", "Change engine settings",
                    "The body names only the settings it changes, with keys as in etc/io.cardlink.engine.cfg (such"
                            + " as {\"environment\": \"PROD\", \"cacheClearHours\": [6, 12]}); all are validated"
                            + " first, and a change applies without a restart. Answers the settings as they are then."),

            note(ExportResource.class, "export", "Export connectors with their tasks",
                    "One JSON document to import elsewhere: everything readable except the secrets, which are"
                            + " encrypted with the password (at least 12 characters); the whole document is"
                            + " authenticated with it.",
                    Answer.of(200, "The export document, as a download.", JsonNode.class)
                            .withHeader(DOWNLOAD, "attachment; filename=\"cardlink-export-{date}.json\"")),
            note(ImportResource.class, "importDocument", "Import an export document",
                    "A connector that its type sees as the same as an existing one of that type (M42 CoreProIGA:"
                            + " the same remote host and user) is merged into it (tasks added or updated by name); any other is created. Every task is"
                            + " validated against the target instances before anything is written. With"
                            + " dryRun=true nothing is written and the report tells what would happen.",
                    Answer.of(200, "Nothing refused: the report of what was (or, in a dry run, would be) created and"
                            + " merged.", ImportReport.class),
                    Answer.error(400, "A wrong password or a changed document (fields names password or document),"
                            + " or a bad body."),
                    Answer.of(422, "Something is refused (the report says what and why): nothing was written.",
                            ImportReport.class)),

            note(SessionResource.class, "signIn", "Sign in: a session for the console",
                    "Checks the user and password against the JAAS realm, as HTTP Basic does, and sets the session"
                            + " cookie (HttpOnly, SameSite=Strict, limited to the API's path). Needs no credentials;"
                            + " the user needs the role admin or cardlink-viewer.",
                    Answer.of(200, "Signed in: who, with which roles; the Set-Cookie header carries the session.",
                            SessionResource.SessionJson.class).withHeader(HttpHeaders.SET_COOKIE,
                            "CARDLINK_SESSION={token}; Path={api path}; HttpOnly; SameSite=Strict"),
                    Answer.error(400, "The user or the password is missing."),
                    Answer.error(401, "Wrong user name or password (no challenge: the console asks itself)."),
                    Answer.error(403, "The user has neither admin nor cardlink-viewer.")),
            note(SessionResource.class, "signOut", "Sign out", "Ends the session of the cookie sent, if any, and"
                    + " clears the cookie.",
                    Answer.empty(204, "Signed out; the Set-Cookie header clears the cookie.")),
            note(MetricsResource.class, "scrape", "Metrics for Prometheus",
                    "Runs, cards, run and phase durations, calls to the instances, the outbox and the scheduler's"
                            + " queue, in the Prometheus text format 0.0.4; for role admin or cardlink-monitor.",
                    Answer.of(200, "Every series (text/plain; version=0.0.4).", String.class),
                    Answer.error(403, "The user has neither admin nor cardlink-monitor."),
                    Answer.error(503, "The metrics bundle is not active.")),
            note(AlertResource.class, "list", "Alerts", "The open alerts (state=open, the default), the resolved"
                    + " ones (resolved) or all (all), the most recently seen first; at most 500 of resolved or all."
                    + " An alert is raised once per condition and subject (connector, task, instance side), updated"
                    + " while the condition lasts and resolved when it clears; its severity follows the environment"
                    + " type (prod critical, test and dev warning, demo info).",
                    Answer.error(400, "state is not open, resolved or all.")),
            note(AlertResource.class, "acknowledge", "Acknowledge an alert", "Records who acknowledged it and when;"
                    + " it stays open until its condition clears. Acknowledging it again changes nothing.",
                    Answer.error(404, "No such alert.")),
            note(CardTimelineResource.class, "byKey", "A card's timeline, by its key",
                    "What Cardlink did with the card in the connector (id or name), oldest first: created, updated"
                            + " (the attributes written) or marked removed by a scheduled run, written to the remote"
                            + " by an event operation, suppressed as an echo, held by the loop breaker, refused by an"
                            + " instance; with the run or operation id. Unchanged reads add no entry: lastSeen says"
                            + " when each scheduled task last read the card (its newest entry, or its newest full run"
                            + " that read everything and did not mark the card removed). The newest 1000 entries (truncated says"
                            + " whether there were more).",
                    Answer.error(400, "connector is missing."),
                    Answer.error(404, "No such connector.")),
            note(CardTimelineResource.class, "byId", "A card's timeline, by its local or remote card id",
                    "As by key, for the card whose newest entry holds that local card id (localId) or remote card"
                            + " id (remoteId); an id no entry holds has an empty timeline.",
                    Answer.error(400, "connector is missing, or not exactly one of localId and remoteId is given."),
                    Answer.error(404, "No such connector.")),
            note(OpenApiResource.class, "document", "This description of the API", "OpenAPI 3.0, readable by every"
                    + " Cardlink role; generated from the resources as they run."));

    private static final Map<Class<?>, Map<String, String>> PROPERTIES = Map.of(
            OperationBody.class, Map.of(
                    "operation", "create, update or delete (any case)",
                    "card", "the local card's attributes: attribute code -> a value or a list of values",
                    "idempotencyKey", "optional: a second request with the same key for the same task gets the first"
                            + " one's operation and writes nothing",
                    "workflow", "optional: the calling workflow, recorded in the task's workflow references"),
            Operation.class, Map.of(
                    "attempts", "writes tried so far",
                    "nextAttemptAt", "when a pending operation is tried (again); absent once it is finished",
                    "remoteId", "the id of the remote card written or deleted, when known",
                    "provisioningException", "why it failed: the remote instance's message, or the last retryable"
                            + " failure once the attempts ran out; while it waits for a retry, what made it wait"),
            ErrorBody.class, Map.of(
                    "status", "the HTTP status",
                    "error", "the status's reason phrase",
                    "message", "what went wrong, for a person",
                    "fields", "for bad input: every invalid field (such as mapping.pairs[2].target) and its problem"),
            SavedTask.class, Map.of(
                    "task", "the task as saved",
                    "warnings", "what did not stop the save, such as a mapping that could not be checked because an"
                            + " instance was down"),
            ConnectorJson.class, Map.of(
                    "settings", "the type's settings; a secret setting x shows only as xSet: true or false"));

    private ApiNotes() {
    }

    /** What the notes say about a resource method, if anything. */
    static Optional<Note> of(Class<?> resource, String method) {
        return Optional.ofNullable(NOTES.get(key(resource, method)));
    }

    /** The group of a resource's operations in the document, if the notes give one. */
    static Optional<String> tag(Class<?> resource) {
        return Optional.ofNullable(TAGS.get(resource));
    }

    /** Words on the properties of a body type, by JSON property name; empty where the names say enough. */
    static Map<String, String> properties(Class<?> type) {
        return PROPERTIES.getOrDefault(type, Map.of());
    }

    /** The resource methods the notes describe, as {@code Class#method}, for the test that keeps them true. */
    static Set<String> described() {
        return NOTES.keySet();
    }

    static String key(Class<?> resource, String method) {
        return resource.getName() + "#" + method;
    }

    private static Map.Entry<String, Note> note(Class<?> resource, String method, String summary, String description,
            Answer... answers) {
        return note(resource, method, summary, description, List.of(answers));
    }

    private static Map.Entry<String, Note> note(Class<?> resource, String method, String summary, String description,
            List<Answer> answers) {
        return entry(key(resource, method), new Note(summary, description, answers));
    }
}
