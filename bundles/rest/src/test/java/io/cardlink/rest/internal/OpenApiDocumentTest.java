package io.cardlink.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cardlink.api.orchestration.OperationStatus;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.ws.rs.CookieParam;
import javax.ws.rs.FormParam;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.HttpMethod;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {
    private static final Map<Role, String> ROLE_NAMES = Map.of(Role.ADMIN, "admin", Role.VIEWER, "cardlink-viewer",
            Role.WORKFLOW, "cardlink-workflow", Role.MONITOR, "cardlink-monitor");
    private static final ObjectNode DOCUMENT = document(RestServer.RESOURCES);

    private static ObjectNode document(List<Class<?>> resources) {
        return new OpenApiDocument(resources, ROLE_NAMES, "1.2.3", RestServer.objectMapper()).build();
    }

    /** A resource method as JAX-RS sees it, found here without the generator's help. */
    private record ResourceMethod(Class<?> resource, Method method, String verb, String path) {
        @Override
        public String toString() {
            return verb.toUpperCase(Locale.ROOT) + " " + path + " (" + resource.getSimpleName() + "." + method.getName()
                    + ")";
        }
    }

    private static List<ResourceMethod> resourceMethods() {
        List<ResourceMethod> found = new ArrayList<>();
        for (Class<?> resource : RestServer.RESOURCES) {
            for (Method method : resource.getMethods()) {
                for (Annotation annotation : method.getAnnotations()) {
                    HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
                    if (http != null) {
                        Path sub = method.getAnnotation(Path.class);
                        String path = resource.getAnnotation(Path.class).value() + (sub == null ? "" : sub.value());
                        found.add(new ResourceMethod(resource, method, http.value().toLowerCase(Locale.ROOT),
                                path.replaceAll("/+", "/")));
                    }
                }
            }
        }
        return found;
    }

    private static JsonNode operation(String verb, String path) {
        JsonNode operation = DOCUMENT.path("paths").path(path).path(verb);
        assertFalse(operation.isMissingNode(), verb + " " + path + " is not in the document");
        return operation;
    }

    private static JsonNode schema(String name) {
        JsonNode schema = DOCUMENT.path("components").path("schemas").path(name);
        assertFalse(schema.isMissingNode(), "no schema " + name);
        return schema;
    }

    private static String ref(String name) {
        return "#/components/schemas/" + name;
    }

    @Test
    void everyResourceMethodIsInTheDocumentAndNothingElse() {
        List<ResourceMethod> methods = resourceMethods();
        assertTrue(methods.size() >= 38, "found only " + methods);
        Set<String> operationIds = new TreeSet<>();
        for (ResourceMethod method : methods) {
            JsonNode operation = operation(method.verb(), method.path());
            assertEquals(method.resource().getSimpleName() + "." + method.method().getName(),
                    operation.path("operationId").asText(), method.toString());
            assertTrue(operationIds.add(operation.path("operationId").asText()), "two operations " + method);
        }
        int described = 0;
        for (JsonNode item : DOCUMENT.path("paths")) {
            described += item.size();
        }
        assertEquals(methods.size(), described);
    }

    @Test
    void itIsValidOpenApi30() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(DOCUMENT.toString(), null, options);
        assertEquals(List.of(), parsed.getMessages());
        assertNotNull(parsed.getOpenAPI());
        assertEquals("3.0.3", parsed.getOpenAPI().getOpenapi());
        assertEquals("1.2.3", parsed.getOpenAPI().getInfo().getVersion());
        assertEquals("basic", parsed.getOpenAPI().getComponents().getSecuritySchemes().get("basic").getScheme());

        // the parser does not insist on these: schema types of the dialect, every $ref resolves, and every path
        // variable is a parameter
        Set<String> types = new TreeSet<>();
        DOCUMENT.findValues("type").stream().filter(JsonNode::isTextual).forEach(type -> types.add(type.asText()));
        assertTrue(Set.of("string", "number", "integer", "boolean", "array", "object", "http").containsAll(types),
                types.toString());
        List<String> refs = new ArrayList<>();
        DOCUMENT.findValues("$ref").forEach(value -> refs.add(value.asText()));
        assertFalse(refs.isEmpty());
        for (String ref : refs) {
            assertTrue(ref.startsWith("#/components/schemas/"), ref);
            schema(ref.substring("#/components/schemas/".length()));
        }
        DOCUMENT.path("paths").fields().forEachRemaining(path -> path.getValue().forEach(operation -> {
            Set<String> declared = new TreeSet<>();
            operation.path("parameters").forEach(parameter -> {
                if (parameter.path("in").asText().equals("path")) {
                    assertTrue(parameter.path("required").asBoolean(), path.getKey());
                    declared.add(parameter.path("name").asText());
                }
            });
            assertEquals(OpenApiDocument.pathVariables(path.getKey()).keySet(), declared, path.getKey());
        }));
    }

    @Test
    void eachOperationNamesTheRolesThatMayCallIt() {
        for (ResourceMethod method : resourceMethods()) {
            List<String> expected = AccessRules.allowed(method.resource(), method.method()).stream().sorted()
                    .map(ROLE_NAMES::get).toList();
            JsonNode operation = operation(method.verb(), method.path());
            List<String> listed = new ArrayList<>();
            operation.path("x-cardlink-roles").forEach(role -> listed.add(role.asText()));
            assertEquals(expected, listed, method.toString());
            assertTrue(operation.path("description").asText().endsWith("Roles: " + String.join(", ", expected) + "."),
                    method.toString());
        }
        assertEquals("[\"admin\",\"cardlink-workflow\"]",
                operation("post", "/orchestration/event-tasks/{taskId}/datacards").path("x-cardlink-roles").toString());
        assertEquals("[\"admin\",\"cardlink-viewer\",\"cardlink-workflow\"]",
                operation("get", "/openapi.json").path("x-cardlink-roles").toString());
        assertEquals("[\"admin\"]", operation("post", "/export").path("x-cardlink-roles").toString());
        assertEquals("The caller has none of the roles this needs: admin, cardlink-viewer.",
                operation("get", "/connectors").path("responses").path("403").path("description").asText());
    }

    @Test
    void parametersAreTypedWithTheirDefaults() {
        JsonNode list = operation("get", "/connectors/{cid}/event-tasks/{tid}/operations");
        Map<String, JsonNode> parameters = new java.util.LinkedHashMap<>();
        list.path("parameters").forEach(parameter -> parameters.put(parameter.path("name").asText(), parameter));
        assertEquals(List.of("cid", "tid", "status", "limit"), List.copyOf(parameters.keySet()));
        assertEquals("path", parameters.get("cid").path("in").asText());
        assertEquals("{\"type\":\"integer\",\"format\":\"int32\",\"default\":50}",
                parameters.get("limit").path("schema").toString());
        assertFalse(parameters.get("status").path("required").asBoolean());
        assertFalse(parameters.get("status").path("schema").has("default"));

        JsonNode confirm = operation("delete", "/connectors/{id}").path("parameters").get(1);
        assertEquals("confirm", confirm.path("name").asText());
        assertEquals("{\"type\":\"boolean\",\"default\":false}", confirm.path("schema").toString());
    }

    @Test
    void bodiesAreTheSchemasOfTheirJavaTypes() {
        JsonNode create = operation("post", "/connectors");
        assertTrue(create.path("requestBody").path("required").asBoolean());
        assertEquals(ref("ConnectorBody"),
                create.at("/requestBody/content/application~1json/schema/$ref").asText());
        JsonNode body = schema("ConnectorBody").path("properties");
        assertEquals(List.of("name", "type", "description", "settings"), names(body));
        assertEquals("{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"}}",
                body.path("settings").toString());

        JsonNode operation = schema("Operation").path("properties");
        assertEquals(ref("OperationStatus"), operation.path("status").path("$ref").asText());
        assertEquals(Arrays.stream(OperationStatus.values()).map(status -> "\"" + status + "\"")
                .collect(Collectors.joining(",", "[", "]")), schema("OperationStatus").path("enum").toString());
        assertEquals("date-time", operation.path("createdAt").path("format").asText());
        assertEquals("integer", operation.path("attempts").path("type").asText());
        assertTrue(operation.path("provisioningException").path("description").asText().startsWith("why it failed"));

        // read from the API's own mapper: a mixin's read-only property, the is-getters it leaves out
        assertTrue(schema("EventTask").at("/properties/inUse/readOnly").asBoolean());
        assertEquals(List.of("cron", "intervalSeconds"), names(schema("Schedule").path("properties")));

        // lists, generic records and maps as JAX-RS returns them
        JsonNode list = operation("get", "/connectors/{cid}/event-tasks/{tid}/operations")
                .at("/responses/200/content/application~1json/schema");
        assertEquals("array", list.path("type").asText());
        assertEquals(ref("Operation"), list.path("items").path("$ref").asText());
        assertEquals(ref("ScheduledTask"), schema("SavedTask_ScheduledTask").at("/properties/task/allOf/0/$ref")
                .asText());
        assertEquals("{\"type\":\"object\",\"additionalProperties\":{\"type\":\"boolean\"}}",
                operation("post", "/connectors/{cid}/scheduled-tasks/{tid}/stop")
                        .at("/responses/200/content/application~1json/schema").toString());
        assertEquals("{}", operation("put", "/settings").at("/requestBody/content/application~1json/schema")
                .toString());
    }

    private static List<String> names(JsonNode properties) {
        List<String> names = new ArrayList<>();
        properties.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void everyErrorIsTheErrorBody() {
        DOCUMENT.path("paths").forEach(item -> item.forEach(operation -> {
            JsonNode responses = operation.path("responses");
            for (String status : List.of("401", "403", "4XX", "5XX")) {
                assertEquals(ref("ErrorBody"), responses.path(status).at("/content/application~1json/schema/$ref")
                        .asText(), operation.path("operationId").asText() + " " + status);
            }
        }));
        assertEquals(List.of("status", "error", "message", "fields"), names(schema("ErrorBody").path("properties")));
        assertEquals(ref("FieldProblem"), schema("ErrorBody").at("/properties/fields/items/$ref").asText());
    }

    @Test
    void theOrchestrationAnswersSayWhatTheyMean() {
        for (String path : List.of("/orchestration/event-tasks/{taskId}/datacards",
                "/connectors/{cid}/event-tasks/{tid}/datacards")) {
            JsonNode responses = operation("post", path).path("responses");
            assertEquals(List.of("200", "202", "400", "401", "403", "409", "422", "4XX", "5XX"), names(responses));
            assertTrue(responses.at("/200/description").asText().startsWith("Done: the operation SUCCEEDED"));
            assertTrue(responses.at("/202/description").asText().contains("poll the Location"));
            assertTrue(responses.at("/202/headers/Location/description").asText()
                    .contains("/orchestration/operations/{id}"));
            assertTrue(responses.at("/409/description").asText().contains("nothing was queued"));
            assertTrue(responses.at("/422/description").asText().contains("provisioningException says why"));
            for (String status : List.of("200", "202", "422")) {
                assertEquals(ref("Operation"), responses.path(status).at("/content/application~1json/schema/$ref")
                        .asText(), path + " " + status);
            }
            assertEquals(ref("ErrorBody"), responses.at("/409/content/application~1json/schema/$ref").asText());
            assertTrue(operation("post", path).path("description").asText().contains("idempotencyKey"));
        }
        assertEquals(List.of("200", "401", "403", "4XX", "5XX"),
                names(operation("get", "/orchestration/operations/{id}").path("responses")));
    }

    @Test
    void everyMethodThatBuildsItsResponseHasItsAnswersNoted() {
        List<String> undescribed = new ArrayList<>();
        for (ResourceMethod method : resourceMethods()) {
            if (method.method().getReturnType() == Response.class && ApiNotes.of(method.resource(),
                    method.method().getName()).map(note -> note.answers().stream().noneMatch(a -> a.status() < 300))
                    .orElse(true)) {
                undescribed.add(method.toString());
            }
        }
        assertEquals(List.of(), undescribed, "these answer a Response: add their answers (status, body type) to"
                + " ApiNotes");
        DOCUMENT.path("paths").forEach(item -> item.forEach(operation ->
                assertFalse(operation.path("responses").has("2XX"), operation.path("operationId").asText())));
    }

    @Test
    void everyNoteDescribesAResourceMethod() {
        Set<String> methods = new TreeSet<>();
        resourceMethods().forEach(method -> methods.add(ApiNotes.key(method.resource(), method.method().getName())));
        Set<String> stale = new TreeSet<>(ApiNotes.described());
        stale.removeAll(methods);
        assertEquals(Set.of(), stale, "notes of methods that are gone or renamed");
    }

    /** Constructs no resource uses today, described as JAX-RS means them. */
    @Path("/things/{id: [0-9]+}")
    public static class Things {
        @GET
        public String get(@PathParam("id") long id, @HeaderParam("X-Trace") String trace,
                @CookieParam("session") String session) {
            return "thing";
        }

        @POST
        @Path("parts/{part}/")
        public void addPart(Map<String, Integer> counts) {
        }
    }

    @Test
    void templatesHeadersAndVoidAreDescribedAsJaxRsMeansThem() {
        ObjectNode things = document(List.of(Things.class));
        JsonNode get = things.at("/paths/~1things~1{id}/get");
        assertEquals("{\"name\":\"id\",\"in\":\"path\",\"required\":true,\"schema\":{\"type\":\"integer\","
                + "\"format\":\"int64\",\"pattern\":\"^([0-9]+)$\"}}", get.path("parameters").get(0).toString());
        assertEquals("header", get.path("parameters").get(1).path("in").asText());
        assertEquals("X-Trace", get.path("parameters").get(1).path("name").asText());
        assertEquals("{\"name\":\"session\",\"in\":\"cookie\",\"required\":false,\"schema\":{\"type\":\"string\"}}",
                get.path("parameters").get(2).toString());
        assertEquals("Things.get", get.path("operationId").asText());
        assertEquals("things", get.path("tags").get(0).asText());

        // a variable that no parameter binds is still declared; no answer body is a 204
        JsonNode add = things.at("/paths/~1things~1{id}~1parts~1{part}/post");
        assertEquals(List.of("id", "part"), add.path("parameters").findValuesAsText("name"));
        assertEquals(List.of("204", "401", "403", "4XX", "5XX"), names(add.path("responses")));
        assertEquals("{\"type\":\"object\",\"additionalProperties\":{\"type\":\"integer\",\"format\":\"int32\"}}",
                add.at("/requestBody/content/application~1json/schema").toString());
    }

    @Path("/forms")
    public static class Forms {
        @POST
        public String post(@FormParam("name") String name) {
            return name;
        }
    }

    @Path("/locators")
    public static class Locators {
        @Path("{id}")
        public Things thing() {
            return new Things();
        }
    }

    @Path("/things/{id: [0-9]+}")
    public static class SameThings {
        @GET
        public String get(@PathParam("id") long id) {
            return "same";
        }
    }

    @Test
    void whatItCantDescribeFailsTheBuildNotTheCaller() {
        assertEquals("Forms.post takes a @FormParam, which the OpenAPI document does not describe",
                assertThrows(IllegalStateException.class, () -> document(List.of(Forms.class))).getMessage());
        assertEquals("Locators.thing is a sub-resource locator, which the OpenAPI document does not describe",
                assertThrows(IllegalStateException.class, () -> document(List.of(Locators.class))).getMessage());
        assertEquals("SameThings.get and Things.get both answer GET /things/{id}",
                assertThrows(IllegalStateException.class, () -> document(List.of(Things.class, SameThings.class)))
                        .getMessage());
    }

    @Test
    void theServedDocumentSaysWhereTheApiIs() {
        UriInfo uri = (UriInfo) Proxy.newProxyInstance(UriInfo.class.getClassLoader(), new Class<?>[] {UriInfo.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getBaseUri")) {
                        return URI.create("http://localhost:8181/cardlink/api/v1/");
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        OpenApiResource resource = new OpenApiResource(ROLE_NAMES, "1.2.3");
        ObjectNode served = resource.document(uri);
        assertEquals(List.of("openapi", "info", "servers", "tags", "paths", "components", "security"), names(served));
        assertEquals("[{\"url\":\"/cardlink/api/v1\"}]", served.path("servers").toString());
        assertEquals(DOCUMENT.path("paths"), served.path("paths"));
        assertEquals(DOCUMENT.path("components"), served.path("components"));
    }
}
