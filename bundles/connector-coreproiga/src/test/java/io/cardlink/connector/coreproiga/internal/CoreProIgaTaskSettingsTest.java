package io.cardlink.connector.coreproiga.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.FieldProblem;
import io.cardlink.api.connector.Connection;
import io.cardlink.api.connector.ConnectionConfig;
import io.cardlink.api.connector.TaskSettingDescriptor;
import io.cardlink.emulator.EmulatorOptions;
import io.cardlink.emulator.EmulatorServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The task setting a CoreProIGA scheduled task takes (its EQL filter) and how the type checks it. */
class CoreProIgaTaskSettingsTest {
    private static EmulatorServer server;
    private static String root;
    private final CoreProIgaConnectorType type = new CoreProIgaConnectorType();

    @BeforeAll
    static void start() {
        server = EmulatorServer.start(EmulatorOptions.defaults());
        root = "http://127.0.0.1:" + server.port() + "/emulator/";
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private Connection connect() {
        return type.connect(new ConnectionConfig("c1",
                Map.of(CoreProIgaConnectorType.REMOTE_URL, root + "remote", CoreProIgaConnectorType.REMOTE_USER,
                        "webapi"),
                Map.of(CoreProIgaConnectorType.REMOTE_PASSWORD, "webapi")));
    }

    @Test
    void describesTheFilterUnderTheKeyUsersKnow() {
        List<TaskSettingDescriptor> settings = type.taskSettings();
        assertEquals(1, settings.size());
        TaskSettingDescriptor filter = settings.get(0);
        assertEquals("eqlFilter", filter.key());
        assertEquals(TaskSettingDescriptor.Kind.FILTER, filter.kind());
        assertEquals(false, filter.required());
        assertTrue(filter.description().contains("EQL"), filter.description());
    }

    @Test
    void aFilterThatCantBeOneConditionIsRefusedWithoutTheInstance() {
        List<FieldProblem> problems = type.validateTaskSettings("incident", "incident_management",
                Map.of("eqlFilter", "$a$='1') OR ($b$='2'"), null);
        assertEquals(List.of(new FieldProblem("settings.eqlFilter",
                "')' closes a parenthesis the filter did not open (at position 8)")), problems);
    }

    @Test
    void aFilterNamingAnotherTemplateIsRefused() {
        List<FieldProblem> problems = type.validateTaskSettings("incident", "incident_management",
                Map.of("eqlFilter", "template.code = 'person'"), null);
        assertEquals(1, problems.size());
        assertEquals("settings.eqlFilter", problems.get(0).field());
        assertTrue(problems.get(0).problem().contains("the task would read no card"), problems.get(0).problem());
    }

    @Test
    void theRemoteInstanceJudgesTheSyntax() {
        try (Connection connection = connect()) {
            List<FieldProblem> refused = type.validateTaskSettings("incident", "incident_management",
                    Map.of("eqlFilter", "$status$ = "), connection.remote());
            assertEquals(1, refused.size(), refused.toString());
            assertEquals("settings.eqlFilter", refused.get(0).field());
            assertTrue(refused.get(0).problem().startsWith("the remote instance refused the filter: "),
                    refused.get(0).problem());

            assertEquals(List.of(), type.validateTaskSettings("incident", "incident_management",
                    Map.of("eqlFilter", "$status$ = '02 - Solving'"), connection.remote()));
        }
    }

    @Test
    void noFilterIsValid() {
        assertEquals(List.of(), type.validateTaskSettings("incident", null, Map.of(), null));
    }
}
