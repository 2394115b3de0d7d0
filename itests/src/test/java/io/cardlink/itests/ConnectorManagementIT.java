package io.cardlink.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cardlink.testkit.Rest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.Before;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** Connectors over REST and in the shell, as an operator and a script use them. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class ConnectorManagementIT extends CardlinkTestSupport {
    static final String REMOTE_PASSWORD = "Remote-Pa55word-xyz";
    static final String LOCAL_PASSWORD = "Local-Pa55word-xyz";

    /** Every reply and every shell output of this class; the last test searches them for the passwords. */
    private static final List<String> seen = new ArrayList<>();

    @Before
    public void apiIsUp() throws Exception {
        waitForApi();
    }

    static String connectorJson(String name, String remoteUrl) {
        return "{\"name\":\"" + name + "\",\"type\":\"coreproiga\",\"description\":\"test\",\"settings\":{"
                + "\"remoteUrl\":\"" + remoteUrl + "\",\"remoteUser\":\"webapi\",\"remotePassword\":\"" + REMOTE_PASSWORD
                + "\"}}";
    }

    private Rest.Reply remember(Rest.Reply reply) {
        seen.add(reply.body());
        return reply;
    }

    @Test
    public void connectorLifecycleOverRest() throws Exception {
        Rest.Reply created = remember(rest.post("/connectors", connectorJson("Payroll", "https://payroll.example.com")));
        assertEquals(created.body(), 201, created.status());
        JsonNode connector = created.json();
        String id = connector.get("id").asText();
        assertTrue(created.headers().firstValue("Location").orElse("").endsWith("/connectors/" + id));
        assertEquals("coreproiga", connector.get("type").asText());
        assertEquals("/rest-api/itsm/v1", connector.at("/settings/remoteApiPath").asText());
        assertTrue(connector.at("/settings/remotePasswordSet").asBoolean());
        assertFalse("the local instance is the engine's", connector.at("/settings").has("localPasswordSet"));
        assertFalse(connector.at("/settings").has("remotePassword"));
        assertEquals("NO_SCHEDULED_TASK", connector.get("status").asText());

        Rest.Reply byId = remember(rest.get("/connectors/" + id));
        assertEquals(200, byId.status());
        assertEquals("Payroll", byId.json().get("name").asText());
        assertEquals(200, remember(rest.get("/connectors/Payroll")).status());

        Rest.Reply listed = remember(rest.get("/connectors?search=payr"));
        assertEquals(200, listed.status());
        assertEquals(1, listed.json().size());
        assertEquals(0, remember(rest.get("/connectors?search=nothing-like-it")).json().size());

        // a PUT keeps the secrets it leaves out; the other fields are replaced (the remote password comes again:
        // the remote URL moves to another host)
        Rest.Reply updated = remember(rest.put("/connectors/" + id, "{\"name\":\"Payroll EU\",\"description\":\"moved\","
                + "\"settings\":{\"remoteUrl\":\"https://eu.payroll.example.com\",\"remoteUser\":\"webapi2\","
                + "\"remotePassword\":\"" + REMOTE_PASSWORD + "\"}}"));
        assertEquals(updated.body(), 200, updated.status());
        assertEquals("Payroll EU", updated.json().get("name").asText());
        assertEquals("https://eu.payroll.example.com", updated.json().at("/settings/remoteUrl").asText());
        assertTrue(updated.json().at("/settings/remotePasswordSet").asBoolean());

        assertEquals(204, remember(rest.delete("/connectors/" + id)).status());
        Rest.Reply gone = remember(rest.get("/connectors/" + id));
        assertEquals(404, gone.status());
        assertEquals("Not Found", gone.json().get("error").asText());
        assertEquals(404, remember(rest.delete("/connectors/" + id)).status());
    }

    @Test
    public void badInputIsRefusedWithEveryBadField() throws Exception {
        Rest.Reply invalid = remember(rest.post("/connectors",
                "{\"name\":\"\",\"type\":\"coreproiga\",\"settings\":{\"remoteUrl\":\"ftp://x\",\"remoteApiPath\":\"no-slash\",\"colour\":\"red\"}}"));
        assertEquals(400, invalid.status());
        JsonNode body = invalid.json();
        assertEquals(400, body.get("status").asInt());
        assertEquals("Bad Request", body.get("error").asText());
        List<String> fields = new ArrayList<>();
        body.get("fields").forEach(f -> fields.add(f.get("field").asText()));
        assertTrue(fields.toString(), fields.containsAll(List.of("name", "settings.remoteUrl", "settings.remoteApiPath",
                "settings.colour", "settings.remoteUser", "settings.remotePassword")));

        Rest.Reply local = remember(rest.post("/connectors", connectorJson("Local", "https://x.example.com")
                .replace("\"}}", "\",\"localUser\":\"webapi\",\"localPassword\":\"" + LOCAL_PASSWORD + "\"}}")));
        assertEquals(local.body(), 400, local.status());
        assertEquals("settings.localUser", local.json().at("/fields/0/field").asText());
        assertTrue(local.body(), local.json().at("/fields/0/problem").asText()
                .startsWith("set in the engine settings: cardlink:settings-set localUser"));
        assertEquals("settings.localPassword", local.json().at("/fields/1/field").asText());

        Rest.Reply unknownType = remember(rest.post("/connectors", "{\"name\":\"X\",\"type\":\"sap\"}"));
        assertEquals(400, unknownType.status());
        assertTrue(unknownType.body().contains("not installed"));

        Rest.Reply notJson = remember(rest.post("/connectors", "{\"name\": "));
        assertEquals(400, notJson.status());
        assertEquals("body", notJson.json().at("/fields/0/field").asText());

        Rest.Reply unknownField = remember(rest.post("/connectors", "{\"name\":\"X\",\"colour\":\"red\"}"));
        assertEquals(400, unknownField.status());
        assertEquals("colour", unknownField.json().at("/fields/0/field").asText());

        Rest.Reply wrongShape = remember(rest.post("/connectors", "{\"name\":\"X\",\"settings\":[1,2]}"));
        assertEquals(400, wrongShape.status());
        assertEquals("settings", wrongShape.json().at("/fields/0/field").asText());

        assertEquals(201, remember(rest.post("/connectors", connectorJson("Twice", "https://a.example.com"))).status());
        Rest.Reply duplicate = remember(rest.post("/connectors", connectorJson("Twice", "https://b.example.com")));
        assertEquals(409, duplicate.status());
        assertTrue(duplicate.json().get("message").asText().contains("Twice"));

        Rest.Reply noSuchPath = remember(rest.get("/no-such-thing"));
        assertEquals(404, noSuchPath.status());
        assertEquals(404, noSuchPath.json().get("status").asInt());
    }

    @Test
    public void theManagementApiNeedsAnAdmin() throws Exception {
        Rest.Reply anonymous = rest.as(null).get("/connectors");
        assertEquals(401, anonymous.status());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        assertEquals(401, anonymous.json().get("status").asInt());
        assertEquals(401, rest.as(Rest.basic("karaf", "wrong")).get("/status").status());
        Rest.Reply status = rest.get("/status");
        assertEquals(200, status.status());
        assertTrue(status.json().get("databaseReachable").asBoolean());
        // this installation has no local instance to reach: everything else is up, and the status says which part
        // is missing (not configured, or unreachable once the shell test set the engine's local user)
        List<String> down = new ArrayList<>();
        status.json().get("components").forEach(c -> {
            if (!"up".equals(c.get("state").asText())) {
                down.add(c.get("name").asText() + ": " + c.get("detail").asText());
            }
        });
        assertEquals(down.toString(), 1, down.size());
        assertTrue(down.get(0), down.get(0).startsWith("local instance: "));
        assertEquals("degraded", status.json().get("state").asText());
    }

    @Test
    public void shellCommandsManageTheSameConnectors() throws Exception {
        assertEquals(201, remember(rest.post("/connectors", connectorJson("From REST", "https://rest.example.com"))).status());
        String list = executeCommand("cardlink:connector-list");
        seen.add(list);
        assertTrue(list, list.contains("From REST"));

        String added = executeCommand("cardlink:connector-add -t coreproiga -s remoteUrl=https://shell.example.com"
                + " -s remoteUser=webapi \"From Shell\"", REMOTE_PASSWORD);
        seen.add(added);
        assertTrue(added, added.contains("Connector 'From Shell' added"));
        assertEquals(1, remember(rest.get("/connectors?search=from shell".replace(" ", "%20"))).json().size());

        String shown = executeCommand("cardlink:connector-show \"From Shell\"");
        seen.add(shown);
        assertTrue(shown, shown.contains("remotePassword = (set)"));

        String refused = executeCommand("cardlink:connector-add -t coreproiga -s remoteUrl=nonsense \"Bad one\"",
                REMOTE_PASSWORD);
        seen.add(refused);
        assertTrue(refused, refused.contains("settings.remoteUrl: must be an http or https URL"));
        assertTrue(refused, refused.contains("settings.remoteUser: required"));

        String localOnConnector = executeCommand("cardlink:connector-add -t coreproiga -s remoteUrl=https://x.example.com"
                + " -s remoteUser=webapi -s localUser=webapi \"Bad local\"", REMOTE_PASSWORD);
        seen.add(localOnConnector);
        assertTrue(localOnConnector, localOnConnector.contains("settings.localUser: set in the engine settings:"
                + " cardlink:settings-set localUser"));

        // the local instance's user and password are the engine's
        String user = executeCommand("cardlink:settings-set localUser webapi");
        assertTrue(user, user.contains("Setting 'localUser' changed"));
        String password = executeCommand("cardlink:settings-set localPassword", LOCAL_PASSWORD);
        seen.add(password);
        assertTrue(password, password.contains("Setting 'localPassword' changed"));
        String settings = executeCommand("cardlink:settings");
        seen.add(settings);
        assertTrue(settings, settings.matches("(?s).*localUser\\s*\\|\\s*webapi.*"));
        assertTrue(settings, settings.matches("(?s).*localPassword\\s*\\|\\s*\\(set\\).*"));
        JsonNode shownSettings = remember(rest.get("/settings")).json();
        assertEquals("webapi", shownSettings.get("localUser").asText());
        assertTrue(shownSettings.get("localPasswordSet").asBoolean());

        String badSetting = executeCommand("cardlink:connector-add -t coreproiga -s justakey \"Bad two\"");
        assertTrue(badSetting, badSetting.contains("has no '='"));

        String missing = executeCommand("cardlink:connector-remove \"No such connector\"");
        assertTrue(missing, missing.contains("does not exist"));

        String removed = executeCommand("cardlink:connector-remove \"From Shell\"");
        assertTrue(removed, removed.contains("Connector 'From Shell' removed"));
        assertEquals(0, rest.get("/connectors?search=From%20Shell").json().size());

        String status = executeCommand("cardlink:status");
        seen.add(status);
        assertTrue(status, status.contains("Database: reachable"));
        assertTrue(status, status.contains("connector type coreproiga"));
    }

    @Test
    public void zzPasswordsAppearNowhere() throws Exception {
        assertTrue("the other tests ran first", seen.size() > 10);
        for (String text : seen) {
            assertFalse("a reply shows a password: " + text, text.contains(REMOTE_PASSWORD) || text.contains(LOCAL_PASSWORD));
        }
        Path karafData = Path.of(System.getProperty("karaf.data"));
        Path karafEtc = Path.of(System.getProperty("karaf.etc"));
        for (Path root : List.of(karafData.resolve("log"), karafEtc)) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String content = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
                    assertFalse("password in " + file, content.contains(REMOTE_PASSWORD) || content.contains(LOCAL_PASSWORD));
                }
            }
        }
    }
}
