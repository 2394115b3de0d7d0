package io.cardlink.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import io.cardlink.testkit.Rest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The API's OpenAPI document as its readers get it from the distribution: every Cardlink role reads it, and every
 * operation it lists is served at its path with its method.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OpenApiIT extends CardlinkTestSupport {
    private static final Map<String, String> CARDLINK_USERS = Map.of(
            Rest.ADMIN_USER, Rest.ADMIN_PASSWORD,
            "reader", "Reader-Pa55word",
            "workflow", "Workflow-Pa55word");

    @Override
    @Configuration
    public Option[] config() throws Exception {
        List<Option> options = new ArrayList<>(Arrays.asList(super.config()));
        options.add(editConfigurationFilePut("etc/users.properties", "reader", "Reader-Pa55word,cardlink-viewer"));
        options.add(editConfigurationFilePut("etc/users.properties", "workflow", "Workflow-Pa55word,cardlink-workflow"));
        // a Karaf user without any Cardlink role
        options.add(editConfigurationFilePut("etc/users.properties", "operator", "Operator-Pa55word,viewer"));
        return options.toArray(new Option[0]);
    }

    @Before
    public void apiIsUp() throws Exception {
        waitForApi();
    }

    @Test
    public void everyCardlinkRoleReadsTheDescription() throws Exception {
        for (Map.Entry<String, String> user : CARDLINK_USERS.entrySet()) {
            Rest.Reply reply = rest.as(Rest.basic(user.getKey(), user.getValue())).get("/openapi.json");
            assertEquals(user.getKey() + ": " + reply.body(), 200, reply.status());
            JsonNode document = reply.json();
            assertEquals("3.0.3", document.path("openapi").asText());
            assertEquals("/cardlink/api/v1", document.at("/servers/0/url").asText());
            assertEquals(bundle("io.cardlink.rest").getVersion().toString(), document.at("/info/version").asText());
            assertTrue(document.at("/paths/~1orchestration~1event-tasks~1{taskId}~1datacards/post/responses").has("202"));
        }
        Rest.Reply noRole = rest.as(Rest.basic("operator", "Operator-Pa55word")).get("/openapi.json");
        assertEquals(noRole.body(), 403, noRole.status());
        assertEquals("Forbidden", noRole.json().path("error").asText());
        Rest.Reply anonymous = rest.as(null).get("/openapi.json");
        assertEquals(anonymous.body(), 401, anonymous.status());
    }

    @Test
    public void everyOperationItListsIsServed() throws Exception {
        JsonNode paths = rest.get("/openapi.json").json().path("paths");
        List<String> unserved = new ArrayList<>();
        int operations = 0;
        for (var path = paths.fields(); path.hasNext();) {
            var item = path.next();
            // unknown ids and empty bodies: each call is refused by the resource, which changes nothing
            String concrete = item.getKey().replaceAll("\\{([^}]+)}", "no-such-$1");
            for (var verb = item.getValue().fields(); verb.hasNext();) {
                var operation = verb.next();
                operations++;
                String body = operation.getValue().has("requestBody") ? "{}" : null;
                Rest.Reply reply = rest.send(operation.getKey().toUpperCase(Locale.ROOT), concrete, body,
                        mediaType(operation.getValue()));
                boolean noRoute = reply.status() == 404 && reply.body().contains("\"no such resource\"");
                if (noRoute || reply.status() == 405 || reply.status() == 415 || reply.status() == 406) {
                    unserved.add(operation.getKey() + " " + concrete + " -> " + reply.status() + " " + reply.body());
                }
            }
        }
        assertTrue("only " + operations + " operations", operations >= 38);
        assertEquals(List.of(), unserved);
    }

    /** What a client accepts for an operation: the media type of its first success answer (a log file is text). */
    private static String mediaType(JsonNode operation) {
        for (var response = operation.path("responses").fields(); response.hasNext();) {
            var answer = response.next();
            if (answer.getKey().startsWith("2") && answer.getValue().has("content")) {
                return answer.getValue().path("content").fieldNames().next();
            }
        }
        return "application/json";
    }
}
