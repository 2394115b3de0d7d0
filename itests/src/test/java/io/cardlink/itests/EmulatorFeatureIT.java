package io.cardlink.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cardlink.testkit.Rest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The emulator as a Karaf feature: installed offline from the distribution, answering like an instance. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EmulatorFeatureIT extends CardlinkTestSupport {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    public void theRemoteDemoInstanceAnswersOverTheKarafHttpPort() throws Exception {
        installFeature("cardlink-emulator");
        String base = "http://localhost:" + HTTP_PORT + "/emulator/remote/rest-api/itsm/v1";
        waitUntil("the emulator answers", 60_000,
                () -> send(HttpRequest.newBuilder(URI.create(base + "/echo?message=hi")).build()).statusCode() == 200);

        HttpResponse<String> wrongLogin = send(HttpRequest.newBuilder(URI.create(base + "/users/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("login=webapi&password=wrong")).build());
        assertEquals(401, wrongLogin.statusCode());

        HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(base + "/users/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("login=webapi&password=webapi")).build());
        assertEquals(200, login.statusCode());
        String token = login.headers().firstValue("Authorization").orElseThrow();
        assertTrue(token.startsWith("Bearer "));

        String filter = URLEncoder.encode("$status$ = '02 - Solving'", StandardCharsets.UTF_8);
        HttpResponse<String> page = send(HttpRequest.newBuilder(
                URI.create(base + "/dc/incident/data?limit=5&dataCards=true&filter=" + filter))
                .header("Authorization", token).build());
        assertEquals(page.body(), 200, page.statusCode());
        JsonNode body = Rest.JSON.readTree(page.body());
        assertTrue(body.get("data").size() > 0);
        for (JsonNode card : body.get("data")) {
            assertEquals("02 - Solving", card.at("/data/status/values/0/value").asText());
        }

        HttpResponse<String> badFilter = send(HttpRequest.newBuilder(
                URI.create(base + "/dc/incident/data?limit=5&filter=" + URLEncoder.encode("$status$ = ", StandardCharsets.UTF_8)))
                .header("Authorization", token).build());
        assertEquals(400, badFilter.statusCode());
        assertTrue(badFilter.body(), badFilter.body().contains("position"));

        HttpResponse<String> stream = send(HttpRequest.newBuilder(URI.create(base + "/dc/person/data/stream?dataCards=true"))
                .header("Authorization", token).build());
        assertEquals(200, stream.statusCode());
        assertTrue(Rest.JSON.readTree(stream.body()).get("data").size() > 100);

        // the engine's settings are the emulator's business only where they say Prod: changing the others keeps the
        // emulator as it is, with the token it gave; Prod stops it answering, and Test again brings it back
        HttpRequest echo = HttpRequest.newBuilder(URI.create(base + "/dc/incident/data?limit=1"))
                .header("Authorization", token).build();
        Rest.Reply test = rest.put("/settings", "{\"environment\":\"TEST\"}");
        assertEquals(test.body(), 200, test.status());
        assertEquals("the same emulator after a change of the engine's settings", 200, send(echo).statusCode());
        assertEquals(200, rest.put("/settings", "{\"environment\":\"PROD\"}").status());
        waitUntil("the emulator refuses in Prod", 30_000, () -> send(echo).statusCode() == 503);
        assertTrue(send(echo).body().contains("where the environment is Prod"));
        assertEquals(200, rest.put("/settings", "{\"environment\":\"TEST\"}").status());
        waitUntil("the emulator answers again", 30_000, () -> send(echo).statusCode() == 200);
    }
}
