package io.cardlink.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.ws.rs.BeanParam;
import javax.ws.rs.Consumes;
import javax.ws.rs.CookieParam;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.FormParam;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.HttpMethod;
import javax.ws.rs.MatrixParam;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.container.Suspended;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/**
 * The OpenAPI 3.0 description of the API, generated from the resource classes as they are: paths and methods from
 * their JAX-RS annotations, parameters with their defaults, bodies as JSON schemas of their Java types
 * ({@link JsonSchemas}), the roles each method admits ({@link AccessRules}), and the one error shape
 * ({@link ErrorBody}). {@link ApiNotes} adds what reflection can't know: the words, and the answers of methods that
 * build their own {@code Response}. A resource added to {@link RestServer#RESOURCES} is described without more work.
 */
final class OpenApiDocument {
    static final String OPENAPI_VERSION = "3.0.3";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String SECURITY_SCHEME = "basic";
    private static final List<String> VERB_ORDER = List.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");

    /**
     * One resource method at its path; {@code template} is the path as declared, with the regular expressions of its
     * variables ({@code {id: [0-9]+}}), {@code path} the same without them, as OpenAPI writes it.
     */
    private record Endpoint(Class<?> resource, Method method, String verb, String path, String template) {
        String operationId() {
            return resource.getSimpleName() + "." + method.getName();
        }
    }

    private final List<Class<?>> resources;
    private final Map<Role, String> roleNames;
    private final String version;
    private final JsonSchemas schemas;

    OpenApiDocument(List<Class<?>> resources, Map<Role, String> roleNames, String version, ObjectMapper mapper) {
        this.resources = List.copyOf(resources);
        this.roleNames = Map.copyOf(roleNames);
        this.version = version;
        this.schemas = new JsonSchemas(mapper, ApiNotes::properties);
    }

    /** The document; {@code servers} is left to the caller, who knows where the API is reached. */
    ObjectNode build() {
        ObjectNode root = JSON.objectNode().put("openapi", OPENAPI_VERSION);
        root.set("info", info());
        ObjectNode paths = JSON.objectNode();
        Set<String> tags = new TreeSet<>();
        Map<String, Map<String, Endpoint>> byPath = new TreeMap<>();
        for (Endpoint endpoint : endpoints(resources)) {
            Endpoint clash = byPath.computeIfAbsent(endpoint.path(), path -> new TreeMap<>(
                    Comparator.comparingInt(VERB_ORDER::indexOf))).put(endpoint.verb(), endpoint);
            if (clash != null) {
                throw new IllegalStateException(endpoint.operationId() + " and " + clash.operationId() + " both answer "
                        + endpoint.verb().toUpperCase(Locale.ROOT) + " " + endpoint.path());
            }
        }
        byPath.forEach((path, verbs) -> {
            ObjectNode item = paths.putObject(path);
            verbs.forEach((verb, endpoint) -> {
                String tag = tag(endpoint);
                tags.add(tag);
                item.set(verb, operation(endpoint, tag));
            });
        });
        ArrayNode tagList = root.putArray("tags");
        tags.forEach(tag -> tagList.addObject().put("name", tag));
        root.set("paths", paths);
        ObjectNode components = root.putObject("components");
        components.set("schemas", schemas.components());
        components.putObject("securitySchemes").putObject(SECURITY_SCHEME)
                .put("type", "http").put("scheme", "basic")
                .put("description", "HTTP Basic against Karaf's JAAS realm (io.cardlink.rest realm).");
        root.putArray("security").addObject().putArray(SECURITY_SCHEME);
        return root;
    }

    /** Every resource method of these root resources, with its HTTP method and full path. */
    private static List<Endpoint> endpoints(List<Class<?>> resources) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Class<?> resource : resources) {
            Path base = resource.getAnnotation(Path.class);
            List<Method> methods = new ArrayList<>(List.of(resource.getMethods()));
            methods.sort(Comparator.comparing(Method::getName));
            for (Method method : methods) {
                String verb = verb(method);
                Path sub = method.getAnnotation(Path.class);
                if (verb == null) {
                    if (sub != null) {
                        throw new IllegalStateException(resource.getSimpleName() + "." + method.getName()
                                + " is a sub-resource locator, which the OpenAPI document does not describe");
                    }
                    continue;
                }
                String template = join(base == null ? "" : base.value(), sub == null ? "" : sub.value());
                endpoints.add(new Endpoint(resource, method, verb, withoutPatterns(template), template));
            }
        }
        return endpoints;
    }

    private ObjectNode info() {
        ObjectNode info = JSON.objectNode().put("title", "Cardlink REST API").put("version", version);
        info.put("description", "Manages Cardlink's connectors, tasks, runs, settings, export and import, and runs"
                + " event tasks for the local workflow engine (orchestration). JSON in and out, HTTP Basic against"
                + " Karaf's JAAS realm. Four roles grant access: " + roleNames.get(Role.ADMIN) + " may do everything, "
                + roleNames.get(Role.VIEWER) + " may call every GET but the metrics and change nothing, "
                + roleNames.get(Role.WORKFLOW) + " may call the orchestration endpoints and read operations, "
                + roleNames.get(Role.MONITOR) + " may read the metrics; each operation lists its roles"
                + " (x-cardlink-roles). Every error answers the same shape (ErrorBody): status, error, message, and"
                + " for bad input every bad field. {cid} and {tid} are ids or names.");
        return info;
    }

    private String tag(Endpoint endpoint) {
        return ApiNotes.tag(endpoint.resource()).orElseGet(() -> {
            String path = endpoint.path().substring(1);
            int slash = path.indexOf('/');
            return slash < 0 ? path : path.substring(0, slash);
        });
    }

    private ObjectNode operation(Endpoint endpoint, String tag) {
        ApiNotes.Note note = ApiNotes.of(endpoint.resource(), endpoint.method().getName()).orElse(null);
        List<String> roles = roles(endpoint);
        ObjectNode operation = JSON.objectNode();
        operation.putArray("tags").add(tag);
        operation.put("operationId", endpoint.operationId());
        operation.put("summary", note == null ? endpoint.verb().toUpperCase(Locale.ROOT) + " " + endpoint.path()
                : note.summary());
        String description = note == null || note.description().isEmpty() ? "" : note.description() + " ";
        operation.put("description", description + "Roles: " + String.join(", ", roles) + ".");
        ArrayNode parameters = JSON.arrayNode();
        ObjectNode body = null;
        Map<String, String> pathVariables = pathVariables(endpoint.template());
        Set<String> boundVariables = new LinkedHashSet<>();
        for (Parameter parameter : endpoint.method().getParameters()) {
            if (parameter.isAnnotationPresent(Context.class) || parameter.isAnnotationPresent(Suspended.class)) {
                continue;
            }
            refuseUndescribed(endpoint, parameter);
            ObjectNode described = parameter(parameter, pathVariables);
            if (described == null) {
                body = requestBody(endpoint, parameter);
            } else {
                if ("path".equals(described.get("in").asText())) {
                    boundVariables.add(described.get("name").asText());
                }
                parameters.add(described);
            }
        }
        pathVariables.forEach((name, pattern) -> {
            if (!boundVariables.contains(name)) {
                parameters.add(pathParameter(name, JSON.objectNode().put("type", "string"), pattern));
            }
        });
        if (!parameters.isEmpty()) {
            operation.set("parameters", parameters);
        }
        if (body != null) {
            operation.set("requestBody", body);
        }
        operation.set("responses", responses(endpoint, note, roles));
        ArrayNode roleList = operation.putArray("x-cardlink-roles");
        roles.forEach(roleList::add);
        return operation;
    }

    private List<String> roles(Endpoint endpoint) {
        return AccessRules.allowed(endpoint.resource(), endpoint.method()).stream().sorted()
                .map(roleNames::get).toList();
    }

    /** A path, query, header or cookie parameter; null for the body. */
    private ObjectNode parameter(Parameter parameter, Map<String, String> pathVariables) {
        ObjectNode schema = schemas.schema(parameter.getParameterizedType());
        PathParam path = parameter.getAnnotation(PathParam.class);
        if (path != null) {
            return pathParameter(path.value(), schema, pathVariables.get(path.value()));
        }
        String in;
        String name;
        if (parameter.isAnnotationPresent(QueryParam.class)) {
            in = "query";
            name = parameter.getAnnotation(QueryParam.class).value();
        } else if (parameter.isAnnotationPresent(HeaderParam.class)) {
            in = "header";
            name = parameter.getAnnotation(HeaderParam.class).value();
        } else if (parameter.isAnnotationPresent(CookieParam.class)) {
            in = "cookie";
            name = parameter.getAnnotation(CookieParam.class).value();
        } else {
            return null;
        }
        JsonNode defaultValue = defaultValue(parameter, schema);
        if (defaultValue != null) {
            schema.set("default", defaultValue);
        }
        ObjectNode described = JSON.objectNode().put("name", name).put("in", in).put("required", false);
        described.set("schema", schema);
        return described;
    }

    private static ObjectNode pathParameter(String name, ObjectNode schema, String pattern) {
        if (pattern != null) {
            schema.put("pattern", "^(" + pattern + ")$");
        }
        ObjectNode described = JSON.objectNode().put("name", name).put("in", "path").put("required", true);
        described.set("schema", schema);
        return described;
    }

    /** The value JAX-RS gives a parameter the request leaves out: its {@code @DefaultValue}, or a primitive's zero. */
    private static JsonNode defaultValue(Parameter parameter, ObjectNode schema) {
        DefaultValue declared = parameter.getAnnotation(DefaultValue.class);
        Class<?> type = parameter.getType();
        if (declared == null) {
            if (type == boolean.class) {
                return JSON.booleanNode(false);
            }
            return type.isPrimitive() ? JSON.numberNode(0) : null;
        }
        String text = declared.value();
        return switch (schema.path("type").asText()) {
            case "integer" -> JSON.numberNode(Long.parseLong(text.trim()));
            case "number" -> JSON.numberNode(new BigDecimal(text.trim()));
            case "boolean" -> JSON.booleanNode(Boolean.parseBoolean(text.trim()));
            default -> JSON.textNode(text);
        };
    }

    private ObjectNode requestBody(Endpoint endpoint, Parameter parameter) {
        ObjectNode body = JSON.objectNode().put("required", true);
        ObjectNode content = body.putObject("content");
        Consumes onMethod = endpoint.method().getAnnotation(Consumes.class);
        Consumes onClass = endpoint.resource().getAnnotation(Consumes.class);
        for (String mediaType : mediaTypes(onMethod == null ? null : onMethod.value(),
                onClass == null ? null : onClass.value())) {
            content.putObject(mediaType).set("schema", schemas.schema(parameter.getParameterizedType()));
        }
        return body;
    }

    private ObjectNode responses(Endpoint endpoint, ApiNotes.Note note, List<String> roles) {
        // by status: 2xx, then the errors; "4XX" and "5XX" sort after the codes they stand for
        Map<String, ObjectNode> responses = new TreeMap<>();
        Produces onMethod = endpoint.method().getAnnotation(Produces.class);
        Produces onClass = endpoint.resource().getAnnotation(Produces.class);
        List<String> produces = mediaTypes(onMethod == null ? null : onMethod.value(),
                onClass == null ? null : onClass.value());
        List<ApiNotes.Answer> answers = note == null ? List.of() : note.answers();
        for (ApiNotes.Answer answer : answers) {
            responses.put(String.valueOf(answer.status()), response(answer.description(), answer.body(),
                    answer.headers(), produces));
        }
        boolean success = answers.stream().anyMatch(answer -> answer.status() < 300);
        Class<?> returned = endpoint.method().getReturnType();
        if (!success) {
            if (returned == void.class) {
                responses.put("204", response("Done.", null, Map.of(), produces));
            } else if (returned == Response.class) {
                // OpenApiDocumentTest keeps this from being served: such a method needs its answers in ApiNotes
                responses.put("2XX", response("Success; this answer is not described.", null, Map.of(), produces));
            } else {
                responses.put("200", response("OK.", endpoint.method().getGenericReturnType(), Map.of(), produces));
            }
        }
        responses.putIfAbsent("401", response("No credentials, or wrong ones.", ErrorBody.class,
                Map.of("WWW-Authenticate", "Basic realm=\"cardlink\""), produces));
        responses.putIfAbsent("403", response("The caller has none of the roles this needs: " + String.join(", ", roles)
                + ".", ErrorBody.class, Map.of(), produces));
        responses.putIfAbsent("4XX", response("Refused: 400 with every invalid field in fields, 404 when an id or"
                + " name in the path is unknown, 409 when the request conflicts with what is stored; nothing was"
                + " changed.", ErrorBody.class, Map.of(), produces));
        responses.putIfAbsent("5XX", response("503 while a part Cardlink needs is not running (storage, engine,"
                + " scheduler; try again after Retry-After); 500 for an unexpected failure, with an incident id that"
                + " the server log has.", ErrorBody.class, Map.of("Retry-After", "seconds to wait, with 503"),
                produces));
        ObjectNode node = JSON.objectNode();
        responses.forEach(node::set);
        return node;
    }

    private ObjectNode response(String description, Type body, Map<String, String> headers,
            List<String> produces) {
        ObjectNode response = JSON.objectNode().put("description", description);
        if (!headers.isEmpty()) {
            ObjectNode described = response.putObject("headers");
            headers.forEach((name, text) -> {
                ObjectNode header = described.putObject(name).put("description", text);
                header.putObject("schema").put("type", "string");
            });
        }
        if (body != null) {
            ObjectNode content = response.putObject("content");
            // errors are JSON whatever the operation produces when it succeeds (the exception mappers answer them)
            for (String mediaType : body == ErrorBody.class ? List.of(MediaType.APPLICATION_JSON) : produces) {
                content.putObject(mediaType).set("schema", schemas.schema(body));
            }
        }
        return response;
    }

    private static void refuseUndescribed(Endpoint endpoint, Parameter parameter) {
        for (Class<? extends Annotation> unsupported : List.of(FormParam.class, MatrixParam.class, BeanParam.class)) {
            if (parameter.isAnnotationPresent(unsupported)) {
                throw new IllegalStateException(endpoint.operationId() + " takes a @" + unsupported.getSimpleName()
                        + ", which the OpenAPI document does not describe");
            }
        }
    }

    /** The media types a method declares, else its class; JSON where neither does. */
    private static List<String> mediaTypes(String[] onMethod, String[] onClass) {
        String[] declared = onMethod != null ? onMethod : onClass != null ? onClass
                : new String[] {MediaType.APPLICATION_JSON};
        return Stream.of(declared).flatMap(value -> Stream.of(value.split(","))).map(String::trim)
                .filter(value -> !value.isEmpty()).distinct().toList();
    }

    private static String verb(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    /** Joins a class and a method path as JAX-RS does: one slash between segments, none at the end. */
    private static String join(String base, String sub) {
        String joined = ("/" + base + "/" + sub).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    /** The path with each template variable's regular expression dropped: {@code /runs/{id}}. */
    private static String withoutPatterns(String template) {
        StringBuilder path = new StringBuilder();
        forEachVariable(template, (name, pattern) -> path.append('{').append(name).append('}'), path::append);
        return path.toString();
    }

    /** The template variables of a path with their regular expressions (null where there is none). */
    static Map<String, String> pathVariables(String path) {
        Map<String, String> variables = new LinkedHashMap<>();
        forEachVariable(path, variables::put, text -> { });
        return variables;
    }

    private static void forEachVariable(String path, BiConsumer<String, String> variable, Consumer<String> literal) {
        int i = 0;
        while (i < path.length()) {
            int open = path.indexOf('{', i);
            if (open < 0) {
                literal.accept(path.substring(i));
                return;
            }
            literal.accept(path.substring(i, open));
            int depth = 0;
            int close = open;
            for (; close < path.length(); close++) {
                char c = path.charAt(close);
                if (c == '{') {
                    depth++;
                } else if (c == '}' && --depth == 0) {
                    break;
                }
            }
            String inside = path.substring(open + 1, Math.min(close, path.length()));
            int colon = inside.indexOf(':');
            variable.accept((colon < 0 ? inside : inside.substring(0, colon)).trim(),
                    colon < 0 ? null : inside.substring(colon + 1).trim());
            i = close + 1;
        }
    }
}
