package io.cardlink.emulator.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cardlink.api.card.AttributeSchema;
import io.cardlink.api.card.AttributeType;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.ExternalReferenceValue;
import io.cardlink.api.card.FolderInfo;
import io.cardlink.api.card.StaticChoice;
import io.cardlink.api.card.Value;
import io.cardlink.emulator.internal.eql.EqlContext;
import io.cardlink.emulator.internal.eql.EqlException;
import io.cardlink.emulator.internal.eql.EqlFilter;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;

/** The REST API v1 of one instance, independent of the HTTP transport: routing, authentication, handlers. */
final class Api {
    private static final int STREAM_FLUSH_EVERY = 200;
    /** The OpenAPI document's default for {@code limit} on list calls. */
    private static final int DEFAULT_LIMIT = 50;
    /** The endpoints that change cards, for {@link FaultState#nextFailAfterWrite()}. */
    private static final Set<String> WRITES = Set.of("create", "bulk", "patch", "delete", "attribute-put",
            "attribute-post", "attribute-delete", "file-upload");

    /** The endpoint a request was routed to: its counter name and whether it needs a token. */
    private record Route(String endpoint, boolean authenticated) {
    }

    /** What a handler gets: the instance, the request, the path after the base path and the caller. */
    private record Call(Instance instance, Request request, List<String> path, Query query, Fixture.User user,
            String url) {
        String segment(int i) {
            return path.get(i);
        }
    }

    private final ObjectMapper json;

    Api(ObjectMapper json) {
        this.json = json;
    }

    Reply handle(Instance instance, Request request, List<String> path, String url) {
        Route route = route(request.method(), path);
        instance.counterState().request(route.endpoint());
        Duration latency = instance.faultState().latency().plus(instance.faultState().nextSpike());
        if (!latency.isZero()) {
            sleep(latency);
        }
        int failure = instance.faultState().nextFailure();
        if (failure != 0) {
            Map<String, String> headers = failure == 500 ? Map.of() : Map.of("Retry-After", "1");
            String message = switch (failure) {
                case 429 -> "Too many requests (injected fault).";
                case 503 -> "Service temporarily unavailable (injected fault).";
                default -> "Internal server error (injected fault).";
            };
            return new Reply(failure, headers, Reply.JSON, Emulator.errorBody(json, failure, message, url), null);
        }
        boolean failAfterWrite = WRITES.contains(route.endpoint()) && instance.faultState().nextFailAfterWrite();
        Query query = new Query(request.rawQuery());
        Fixture.User user = route.authenticated() ? authenticate(instance, request) : null;
        Call call = new Call(instance, request, path, query, user, url);
        Reply reply = switch (route.endpoint()) {
            case "login" -> login(call);
            case "echo", "echo-jwt" -> ok(apiResponse(200, query.get("message")));
            case "templates" -> templates(call);
            case "template" -> template(call);
            case "list" -> list(call);
            case "stream" -> stream(call);
            case "create" -> create(call);
            case "bulk" -> bulk(call, failAfterWrite);
            case "get" -> get(call);
            case "patch" -> patch(call);
            case "delete" -> delete(call);
            case "attribute-get" -> attributeGet(call);
            case "attribute-put", "attribute-post", "attribute-delete" -> attributeWrite(call, route.endpoint());
            case "file-upload" -> upload(call);
            case "file-download" -> download(call);
            default -> throw new IllegalStateException("unrouted endpoint " + route.endpoint());
        };
        if (failAfterWrite) {
            return new Reply(500, Map.of(), Reply.JSON, Emulator.errorBody(json, 500,
                    "Internal server error after the write (injected fault).", url), null);
        }
        return reply;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- routing ----------------------------------------------------------------------------------------------

    private static Route route(String method, List<String> p) {
        int n = p.size();
        if (n == 2 && p.get(0).equals("users") && p.get(1).equals("login")) {
            return only(method, "POST", new Route("login", false));
        }
        if (n >= 1 && p.get(0).equals("echo")) {
            if (n == 1) {
                return only(method, "GET", new Route("echo", false));
            }
            if (n == 2 && p.get(1).equals("jwt")) {
                return only(method, "GET", new Route("echo-jwt", true));
            }
        }
        if (n >= 1 && p.get(0).equals("dc")) {
            if (n == 1) {
                return only(method, "GET", new Route("templates", true));
            }
            if (n == 2) {
                return only(method, "GET", new Route("template", true));
            }
            if (p.get(2).equals("data")) {
                if (n == 3) {
                    return switch (method) {
                        case "GET" -> new Route("list", true);
                        case "POST" -> new Route("create", true);
                        case "PUT" -> new Route("bulk", true);
                        default -> throw notAllowed(method);
                    };
                }
                if (n == 4 && p.get(3).equals("stream")) {
                    return only(method, "GET", new Route("stream", true));
                }
                if (n == 4) {
                    return switch (method) {
                        case "GET" -> new Route("get", true);
                        case "PATCH" -> new Route("patch", true);
                        case "DELETE" -> new Route("delete", true);
                        default -> throw notAllowed(method);
                    };
                }
                if (n == 5) {
                    return switch (method) {
                        case "GET" -> new Route("attribute-get", true);
                        case "PUT" -> new Route("attribute-put", true);
                        case "POST" -> new Route("attribute-post", true);
                        case "DELETE" -> new Route("attribute-delete", true);
                        default -> throw notAllowed(method);
                    };
                }
                if (n == 6 && p.get(5).equals("file")) {
                    return only(method, "POST", new Route("file-upload", true));
                }
                if (n == 7 && p.get(5).equals("file")) {
                    return only(method, "GET", new Route("file-download", true));
                }
            }
        }
        throw ApiError.notFound("No such resource: /" + String.join("/", p));
    }

    private static Route only(String method, String allowed, Route route) {
        if (!method.equals(allowed)) {
            throw notAllowed(method);
        }
        return route;
    }

    private static ApiError notAllowed(String method) {
        return new ApiError(405, "Method " + method + " is not allowed here.");
    }

    private static Fixture.User authenticate(Instance instance, Request request) {
        String header = request.header().apply("Authorization");
        if (header == null || header.isBlank()) {
            throw new ApiError(401, "Authentication required: send 'Authorization: Bearer <token>' from /users/login.");
        }
        String h = header.trim();
        if (h.length() < 7 || !h.substring(0, 7).equalsIgnoreCase("Bearer ")) {
            throw new ApiError(401, "Authorization header must be 'Bearer <token>'.");
        }
        String login;
        try {
            login = instance.jwt().verify(h.substring(7).trim());
        } catch (Jwt.Refused e) {
            throw new ApiError(401, e.getMessage());
        }
        Fixture.User user = instance.fixture().users().get(login);
        if (user == null) {
            throw new ApiError(401, "Unknown user.");
        }
        return user;
    }

    // ---- replies ----------------------------------------------------------------------------------------------

    private Reply ok(Object body) {
        return json(200, body);
    }

    private Reply json(int status, Object body) {
        try {
            return Reply.json(status, json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface JsonWriter {
        void write(JsonGenerator g) throws IOException;
    }

    private Reply generated(int status, JsonWriter writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = json.getFactory().createGenerator(out)) {
            writer.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Reply.json(status, out.toByteArray());
    }

    static String timestamp() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static Map<String, Object> apiResponse(int code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        body.put("timestamp", timestamp());
        return body;
    }

    private static void writeMeta(JsonGenerator g, String url, List<DataCard> createdReferences) throws IOException {
        g.writeObjectFieldStart("meta");
        g.writeStringField("timestamp", timestamp());
        g.writeStringField("url", url);
        g.writeArrayFieldStart("errors");
        g.writeEndArray();
        if (!createdReferences.isEmpty()) {
            g.writeArrayFieldStart("createdReferences");
            for (DataCard c : createdReferences) {
                g.writeStartObject();
                g.writeFieldName("dataCard");
                CardJson.writeInfo(g, c);
                g.writeArrayFieldStart("errors");
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
        }
    }

    private JsonNode body(Request request) {
        try (InputStream in = request.body()) {
            byte[] bytes = in.readAllBytes();
            if (bytes.length == 0) {
                throw ApiError.badRequest("Invalid JSON: the body is empty.");
            }
            return json.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("Invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- templates and login ----------------------------------------------------------------------------------

    private Reply login(Call call) {
        Query form;
        try (InputStream in = call.request().body()) {
            form = new Query(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String login = form.get("login");
        String password = form.get("password");
        if (login == null || password == null) {
            throw ApiError.badRequest("Form fields 'login' and 'password' are required.");
        }
        Fixture.User user = call.instance().fixture().users().get(login);
        if (user == null || !user.password().equals(password)) {
            throw new ApiError(401, "Invalid login or password.");
        }
        String token = "Bearer " + call.instance().jwt().issue(login, call.instance().tokenLifetime());
        Map<String, Object> body = apiResponse(200, "OK");
        body.put("token", token);
        Reply reply = ok(body);
        return new Reply(200, Map.of("Authorization", token), reply.contentType(), reply.body(), null);
    }

    private Reply templates(Call call) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (TemplateDef t : call.instance().fixture().templates().values()) {
            if (call.user().mayUse(t.code())) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("name", t.name());
                item.put("templateCode", t.code());
                item.put("url", "/dc/" + t.code());
                out.add(item);
            }
        }
        return ok(out);
    }

    private TemplateDef template(Call call, String code) {
        TemplateDef t = call.instance().findTemplate(code)
                .orElseThrow(() -> ApiError.notFound("Template not found: " + code));
        if (!call.user().mayUse(code)) {
            throw new ApiError(403, "No permission to template " + code + ".");
        }
        return t;
    }

    private Reply template(Call call) {
        TemplateDef t = template(call, call.segment(1));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", t.name());
        out.put("code", t.code());
        List<Map<String, Object>> folders = new ArrayList<>();
        for (FolderInfo f : t.schema().allowedFolders()) {
            folders.add(Map.of("folderName", f.name(), "folderCode", f.code()));
        }
        out.put("allowedFolders", folders);
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (AttributeSchema a : t.schema().attributes().values()) {
            Map<String, Object> attr = new LinkedHashMap<>();
            attr.put("name", a.name());
            attr.put("multiValue", a.multiValue());
            attr.put("type", a.type().wireName());
            attr.put("file", a.file());
            if (a.type() == AttributeType.STATIC_VALUE) {
                List<Map<String, Object>> values = new ArrayList<>();
                for (StaticChoice c : a.choices()) {
                    Map<String, Object> v = new LinkedHashMap<>();
                    v.put("code", c.code());
                    v.put("value", c.value());
                    values.add(v);
                }
                attr.put("values", values);
            }
            if (a.type() == AttributeType.REFERENCE) {
                attr.put("target", a.targetTemplates());
            }
            attributes.put(a.code(), attr);
        }
        out.put("attributes", attributes);
        return ok(out);
    }

    // ---- reads ------------------------------------------------------------------------------------------------

    private static EqlFilter filter(Instance instance, TemplateDef t, String text) {
        EqlContext context = new EqlContext() {
            private final Instant now = instance.clock().now();

            @Override
            public Optional<AttributeSchema> attribute(String code) {
                return t.schema().attribute(code);
            }

            @Override
            public Optional<DataCard> card(String id) {
                return instance.findCard(id);
            }

            @Override
            public boolean anyCardNamed(List<String> templates, String name) {
                return instance.anyCardNamed(templates, name);
            }

            @Override
            public String folderName(String code) {
                return instance.folderName(code);
            }

            @Override
            public String templateName(String code) {
                return instance.findTemplate(code).map(TemplateDef::name).orElse(code);
            }

            @Override
            public Instant now() {
                return now;
            }
        };
        try {
            return EqlFilter.compile(text, context);
        } catch (EqlException e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }

    /** The cards a filter can match, newest first: from an index when it looks cards up by key values. */
    private static NavigableMap<Long, DataCard> candidates(Instance instance, TemplateDef t, EqlFilter filter) {
        return filter.keyLookup().map(keys -> instance.descending(t.code(), keys))
                .orElseGet(() -> instance.descending(t.code()));
    }

    private static Set<String> selected(TemplateDef t, Query query) {
        String csv = query.get("selectedAttributes");
        if (csv == null || csv.isBlank()) {
            return null;
        }
        // a name the template lacks is left out, not refused: the reference does not say a real instance refuses it
        Set<String> out = new LinkedHashSet<>();
        boolean named = false;
        for (String s : csv.split(",")) {
            String code = s.trim();
            named |= !code.isEmpty();
            if (t.attribute(code).isPresent()) {
                out.add(code);
            }
        }
        return named ? out : null;
    }

    private Reply list(Call call) {
        TemplateDef t = template(call, call.segment(1));
        Query q = call.query();
        String limitText = q.get("limit");
        int limit = limitText == null || limitText.isBlank() ? DEFAULT_LIMIT : limit(limitText);
        long filterId = 0;
        String filterIdText = q.get("filterId");
        if (filterIdText != null && !filterIdText.isBlank()) {
            try {
                filterId = Long.parseLong(filterIdText.trim());
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("Query parameter 'filterId' must be a number, not '" + filterIdText + "'.");
            }
        }
        boolean full = q.flag("dataCards", false);
        Set<String> selected = selected(t, q);
        EqlFilter filter = filter(call.instance(), t, q.get("filter"));
        NavigableMap<Long, DataCard> cards = candidates(call.instance(), t, filter);
        // "ids lower than filterId, if filterId is not empty or 0": a negative one leaves no card
        if (filterId != 0) {
            cards = cards.tailMap(filterId, false);
        }
        List<DataCard> page = new ArrayList<>(limit);
        boolean more = false;
        for (DataCard c : cards.values()) {
            if ((c.deleted() && !filter.mentionsDeleted()) || !filter.test(c)) {
                continue;
            }
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.add(c);
        }
        if (page.isEmpty() && call.instance().faultState().emptyListAs404()) {
            throw ApiError.notFound("No data cards found.");
        }
        String next = more ? nextLink(call, page.get(page.size() - 1).id()) : null;
        Instance instance = call.instance();
        return generated(200, g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("meta");
            g.writeNumberField("count", page.size());
            g.writeNumberField("limit", limit);
            g.writeObjectFieldStart("links");
            if (next != null) {
                g.writeStringField("next", next);
            }
            g.writeEndObject();
            g.writeEndObject();
            g.writeArrayFieldStart("data");
            for (DataCard c : page) {
                if (full) {
                    CardJson.writeCard(g, instance, t, c, selected);
                } else {
                    CardJson.writeInfo(g, c);
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static String nextLink(Call call, String lastId) {
        String url = call.url();
        int q = url.indexOf('?');
        String base = q < 0 ? url : url.substring(0, q);
        return base + "?" + call.query().with("filterId", lastId);
    }

    /** The page size asked for; the OpenAPI document bounds it to 1-200 (and gives 50 when it is left out). */
    private static int limit(String text) {
        int limit;
        try {
            limit = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("Query parameter 'limit' must be a number from 1 to 200, not '" + text + "'.");
        }
        if (limit < 1 || limit > 200) {
            throw ApiError.badRequest("Query parameter 'limit' must be from 1 to 200, not " + limit + ".");
        }
        return limit;
    }

    private Reply stream(Call call) {
        TemplateDef t = template(call, call.segment(1));
        Query q = call.query();
        boolean full = q.flag("dataCards", false);
        Set<String> selected = selected(t, q);
        EqlFilter filter = filter(call.instance(), t, q.get("filter"));
        // References only, taken at once so that meta.count and data agree; each card is serialised as it is sent.
        List<DataCard> matches = new ArrayList<>();
        for (DataCard c : candidates(call.instance(), t, filter).values()) {
            if ((!c.deleted() || filter.mentionsDeleted()) && filter.test(c)) {
                matches.add(c);
            }
        }
        if (matches.isEmpty() && call.instance().faultState().emptyListAs404()) {
            throw ApiError.notFound("No data cards found.");
        }
        int dropAfter = call.instance().faultState().dropStreamAfter();
        Instance instance = call.instance();
        FaultState faults = instance.faultState();
        Reply.StreamBody body = raw -> {
            OutputStream out = new BufferedOutputStream(raw, 64 * 1024);
            JsonGenerator g = json.getFactory().createGenerator(out);
            g.writeStartObject();
            g.writeObjectFieldStart("meta");
            g.writeNumberField("count", matches.size());
            g.writeEndObject();
            g.writeArrayFieldStart("data");
            int written = 0;
            for (DataCard c : matches) {
                if (dropAfter > 0 && written == dropAfter) {
                    g.flush();
                    throw new Reply.DropConnection("stream dropped after " + written + " cards (injected fault)");
                }
                if (full) {
                    CardJson.writeCard(g, instance, t, c, selected);
                } else {
                    CardJson.writeInfo(g, c);
                }
                if (++written % STREAM_FLUSH_EVERY == 0) {
                    g.flush();
                }
                if (faults.streamedCardBreaks()) {
                    g.flush();
                    throw new Reply.DropConnection("stream dropped after " + written
                            + " cards, a multiple of dropStreamEvery over the instance (injected fault)");
                }
            }
            g.writeEndArray();
            g.writeEndObject();
            g.flush();
        };
        return new Reply(200, Map.of(), Reply.JSON, null, body);
    }

    private DataCard card(Call call, TemplateDef t) {
        String id = call.segment(3);
        return call.instance().findCard(id).filter(c -> c.templateCode().equals(t.code()))
                .orElseThrow(() -> ApiError.notFound("Data card not found: " + id));
    }

    private Reply get(Call call) {
        TemplateDef t = template(call, call.segment(1));
        DataCard card = card(call, t);
        Set<String> selected = selected(t, call.query());
        Instance instance = call.instance();
        return generated(200, g -> CardJson.writeCard(g, instance, t, card, selected));
    }

    // ---- writes -----------------------------------------------------------------------------------------------

    /** {@code createEmptyReferences} is a string without documented values: only {@code true} creates. */
    private Values.Context context(Call call) {
        return new Values.Context(call.instance(), call.user().displayName(), call.instance().clock().now(),
                "true".equalsIgnoreCase(call.query().get("createEmptyReferences")), false, new ArrayList<>());
    }

    private static ApiError invalid(List<Problem> problems) {
        int status = problems.stream().mapToInt(Problem::status).max().orElse(400);
        return new ApiError(status, String.join("; ", problems.stream().map(Problem::describe).toList()));
    }

    private Reply create(Call call) {
        TemplateDef t = template(call, call.segment(1));
        JsonNode body = body(call.request());
        Values.Context ctx = context(call);
        DataCard created = call.instance().write(() -> {
            List<Problem> problems = new ArrayList<>();
            DataCard c = createOne(t, body, ctx, problems);
            if (c == null) {
                throw invalid(problems);
            }
            return c;
        });
        return generated(201, g -> {
            g.writeStartObject();
            writeMeta(g, call.url(), ctx.createdReferences());
            g.writeEndObject();
            g.writeObjectFieldStart("dataCard");
            g.writeStringField("dataCardId", created.id());
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    /** Creates one card from a create request; null with problems when it is invalid. Caller holds the lock. */
    private static DataCard createOne(TemplateDef t, JsonNode body, Values.Context ctx, List<Problem> problems) {
        if (!body.isObject()) {
            problems.add(Problem.ofCard(400, "A data card must be a JSON object."));
            return null;
        }
        String folder = body.path("folderCode").asText("");
        if (folder.isBlank()) {
            problems.add(Problem.ofCard(400, "folderCode is required."));
        } else if (!t.allowsFolder(folder)) {
            problems.add(Problem.ofCard(400, "Folder '" + folder + "' is not allowed for template " + t.code() + "."));
        }
        if (!body.has("data") || !body.get("data").isObject()) {
            problems.add(Problem.ofCard(400, "data is required and must be an object."));
            return null;
        }
        Map<String, List<Value>> values = Values.readData(t, body.get("data"), ctx, problems);
        if (!problems.isEmpty() || refused(t, values, ctx.instance(), problems)) {
            return null;
        }
        DataCard card = ctx.instance().insert(t, folder, values, false);
        ctx.instance().counterState().created();
        return card;
    }

    /** Applies a modify request to a card; null with problems when it is invalid. Caller holds the lock. */
    private static DataCard modifyOne(TemplateDef t, String id, JsonNode body, Values.Context ctx, List<Problem> problems) {
        Optional<DataCard> found = ctx.instance().findCard(id).filter(c -> c.templateCode().equals(t.code()));
        if (found.isEmpty()) {
            problems.add(Problem.ofCard(404, "Data card not found: " + id));
            return null;
        }
        DataCard old = found.get();
        if (old.deleted()) {
            problems.add(Problem.ofCard(409, "Data card " + id + " is in the trashcan."));
            return null;
        }
        String folder = old.folderCode();
        JsonNode folderNode = body.get("folderCode");
        if (folderNode != null && !folderNode.isNull() && !folderNode.asText().isBlank()) {
            folder = folderNode.asText();
            if (!t.allowsFolder(folder)) {
                problems.add(Problem.ofCard(400, "Folder '" + folder + "' is not allowed for template " + t.code() + "."));
            }
        }
        if (!body.has("data") || !body.get("data").isObject()) {
            problems.add(Problem.ofCard(400, "data is required and must be an object."));
            return null;
        }
        Map<String, List<Value>> changes = Values.readData(t, body.get("data"), ctx, problems);
        if (!problems.isEmpty()) {
            return null;
        }
        Map<String, List<Value>> attributes = merge(t, old, changes, false);
        if (refused(t, attributes, ctx.instance(), problems)) {
            return null;
        }
        DataCard card = ctx.instance().replace(old, folder, attributes, false);
        ctx.instance().counterState().updated();
        return card;
    }

    /** Whether a {@code refuseCards} fault refuses a card with these attributes; if so, the refusal is a problem. */
    private static boolean refused(TemplateDef t, Map<String, List<Value>> attributes, Instance instance,
            List<Problem> problems) {
        Optional<FaultState.Refusal> refusal = instance.faultState().refusal(attributes);
        refusal.ifPresent(r -> problems.add(Problem.of(t.attribute(r.attributeCode()).orElseThrow(), r.message())));
        return refusal.isPresent();
    }

    /**
     * The attributes of a card after a write: given attributes replace the old values ({@code []} clears), except
     * worklogs, whose new entries go in front of the old ones; with {@code add}, values are appended instead.
     */
    private static Map<String, List<Value>> merge(TemplateDef t, DataCard old, Map<String, List<Value>> changes, boolean add) {
        Map<String, List<Value>> attrs = new LinkedHashMap<>(old.attributes());
        changes.forEach((code, values) -> {
            AttrDef a = t.attribute(code).orElseThrow();
            if (values.isEmpty()) {
                attrs.remove(code);
            } else if (a.type() == AttributeType.WORKLOG) {
                List<Value> all = new ArrayList<>(values);
                all.addAll(old.values(code));
                attrs.put(code, all);
            } else if (add) {
                List<Value> all = new ArrayList<>(old.values(code));
                all.addAll(values);
                attrs.put(code, all);
            } else {
                attrs.put(code, values);
            }
        });
        return attrs;
    }

    /** A bulk write; {@code firstHalfOnly} carries out only the first half of the cards (a failure part-way). */
    private Reply bulk(Call call, boolean firstHalfOnly) {
        TemplateDef t = template(call, call.segment(1));
        JsonNode body = body(call.request());
        if (!body.isArray()) {
            throw ApiError.badRequest("The body must be a JSON array of data cards.");
        }
        Values.Context ctx = context(call);
        record Outcome(DataCard card, String givenId, List<Problem> problems) {
        }
        int carriedOut = firstHalfOnly ? (body.size() + 1) / 2 : body.size();
        List<Outcome> outcomes = call.instance().write(() -> {
            List<Outcome> out = new ArrayList<>();
            for (JsonNode item : body) {
                if (out.size() == carriedOut) {
                    break;
                }
                List<Problem> problems = new ArrayList<>();
                JsonNode idNode = item.get("dataCardId");
                String id = idNode == null || idNode.isNull() || idNode.asText().isBlank() ? null : idNode.asText().trim();
                DataCard card;
                if (!item.isObject()) {
                    problems.add(Problem.ofCard(400, "A data card must be a JSON object."));
                    card = null;
                } else if (id == null) {
                    card = createOne(t, item, ctx, problems);
                } else {
                    card = modifyOne(t, id, item, ctx, problems);
                }
                out.add(new Outcome(card, id, problems));
            }
            return out;
        });
        long saved = outcomes.stream().filter(o -> o.card() != null).count();
        return generated(200, g -> {
            g.writeStartObject();
            writeMeta(g, call.url(), ctx.createdReferences());
            g.writeObjectFieldStart("importResult");
            g.writeNumberField("handledDataCards", outcomes.size());
            g.writeNumberField("savedDataCards", saved);
            g.writeNumberField("notSavedDataCards", outcomes.size() - saved);
            g.writeEndObject();
            g.writeEndObject();
            g.writeArrayFieldStart("data");
            for (Outcome o : outcomes) {
                g.writeStartObject();
                if (o.card() != null) {
                    g.writeFieldName("dataCard");
                    CardJson.writeInfo(g, o.card());
                } else if (o.givenId() != null) {
                    g.writeObjectFieldStart("dataCard");
                    g.writeStringField("dataCardId", o.givenId());
                    g.writeEndObject();
                }
                g.writeArrayFieldStart("errors");
                for (Problem p : o.problems()) {
                    g.writeStartObject();
                    g.writeStringField("attributeCode", p.attributeCode());
                    g.writeStringField("attributeType", p.attributeType());
                    g.writeStringField("message", p.message());
                    g.writeStringField("error", Emulator.reason(p.status()));
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private Reply patch(Call call) {
        TemplateDef t = template(call, call.segment(1));
        String pathId = call.segment(3);
        JsonNode body = body(call.request());
        if (!body.isObject()) {
            throw ApiError.badRequest("The body must be a JSON object.");
        }
        JsonNode idNode = body.get("dataCardId");
        if (idNode == null || idNode.isNull() || idNode.asText().isBlank()) {
            throw ApiError.badRequest("dataCardId is required in the body.");
        }
        if (!idNode.asText().trim().equals(pathId)) {
            throw ApiError.badRequest("dataCardId in the body (" + idNode.asText() + ") differs from the path (" + pathId + ").");
        }
        card(call, t);
        Values.Context ctx = context(call);
        DataCard updated = call.instance().write(() -> {
            List<Problem> problems = new ArrayList<>();
            DataCard c = modifyOne(t, pathId, body, ctx, problems);
            if (c == null) {
                throw invalid(problems);
            }
            return c;
        });
        return generated(200, g -> {
            g.writeStartObject();
            writeMeta(g, call.url(), ctx.createdReferences());
            g.writeEndObject();
            g.writeObjectFieldStart("dataCard");
            g.writeStringField("dataCardId", updated.id());
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private Reply delete(Call call) {
        TemplateDef t = template(call, call.segment(1));
        card(call, t);
        call.instance().write(() -> {
            DataCard current = card(call, t);
            if (current.deleted()) {
                throw new ApiError(409, "Data card " + current.id() + " is already in the trashcan.");
            }
            call.instance().replace(current, current.folderCode(), current.attributes(), true);
            call.instance().counterState().deleted();
            return null;
        });
        return ok(apiResponse(200, "Data card moved to the trashcan."));
    }

    private static AttrDef attribute(TemplateDef t, String code) {
        return t.attribute(code).orElseThrow(() -> ApiError.notFound("Attribute not found: " + code));
    }

    private Reply attributeGet(Call call) {
        TemplateDef t = template(call, call.segment(1));
        DataCard card = card(call, t);
        AttrDef a = attribute(t, call.segment(4));
        Instance instance = call.instance();
        return generated(200, g -> CardJson.writeElement(g, instance, a.schema(), card.values(a.code())));
    }

    private Reply attributeWrite(Call call, String endpoint) {
        TemplateDef t = template(call, call.segment(1));
        card(call, t);
        AttrDef a = attribute(t, call.segment(4));
        if (a.readOnly()) {
            throw ApiError.badRequest("Attribute '" + a.code() + "' is read-only.");
        }
        JsonNode values = endpoint.equals("attribute-delete") ? null : body(call.request()).get("values");
        Values.Context ctx = context(call);
        call.instance().write(() -> {
            DataCard old = card(call, t);
            if (old.deleted()) {
                throw new ApiError(409, "Data card " + old.id() + " is in the trashcan.");
            }
            List<Value> given = List.of();
            if (!endpoint.equals("attribute-delete")) {
                List<Problem> problems = new ArrayList<>();
                given = Values.read(a, values, ctx, problems);
                if (given == null) {
                    throw invalid(problems);
                }
            }
            boolean add = endpoint.equals("attribute-post");
            if (add && !a.multiValue() && a.type() != AttributeType.WORKLOG && !old.values(a.code()).isEmpty()
                    && !given.isEmpty()) {
                throw ApiError.badRequest("Attribute '" + a.code() + "' takes one value and already has one; "
                        + "replace it with PUT.");
            }
            Map<String, List<Value>> change = new LinkedHashMap<>();
            change.put(a.code(), given);
            Map<String, List<Value>> attrs = endpoint.equals("attribute-delete") ? new LinkedHashMap<>(old.attributes())
                    : merge(t, old, change, add);
            if (endpoint.equals("attribute-delete")) {
                attrs.remove(a.code());
            }
            List<Problem> problems = new ArrayList<>();
            if (refused(t, attrs, call.instance(), problems)) {
                throw invalid(problems);
            }
            call.instance().replace(old, old.folderCode(), attrs, false);
            call.instance().counterState().updated();
            return null;
        });
        return ok(apiResponse(200, "OK"));
    }

    // ---- files ------------------------------------------------------------------------------------------------

    private Reply upload(Call call) {
        TemplateDef t = template(call, call.segment(1));
        card(call, t);
        AttrDef a = attribute(t, call.segment(4));
        if (a.type() != AttributeType.EXTERNAL_REFERENCE) {
            throw ApiError.badRequest("Attribute '" + a.code() + "' is not a file attribute.");
        }
        long limit = call.instance().uploadLimit();
        long slack = 64 * 1024;
        if (call.request().contentLength() > limit + slack) {
            throw new ApiError(413, "File too big: the limit is " + limit + " bytes.");
        }
        byte[] bytes;
        try (InputStream in = call.request().body()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + slack + 1));
            if (bytes.length > limit + slack) {
                throw new ApiError(413, "File too big: the limit is " + limit + " bytes.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Multipart.Part> parts = Multipart.parse(call.request().header().apply("Content-Type"), bytes);
        Multipart.Part file = parts.get("fileUpload");
        if (file == null) {
            throw ApiError.badRequest("Multipart field 'fileUpload' is required.");
        }
        if (file.content().length > limit) {
            throw new ApiError(413, "File too big: " + file.content().length + " bytes, the limit is " + limit + " bytes.");
        }
        Multipart.Part namePart = parts.get("fileName");
        String fileName = namePart != null && !namePart.text().isBlank() ? namePart.text().trim() : file.fileName();
        if (fileName == null || fileName.isBlank()) {
            throw ApiError.badRequest("Multipart field 'fileName' is required.");
        }
        String location = call.instance().write(() -> {
            DataCard old = card(call, t);
            if (old.deleted()) {
                throw new ApiError(409, "Data card " + old.id() + " is in the trashcan.");
            }
            String loc = call.instance().storeFile(file.content());
            List<Value> values = new ArrayList<>(a.multiValue() ? old.values(a.code()) : List.of());
            values.add(new ExternalReferenceValue(fileName, loc));
            Map<String, List<Value>> attrs = new LinkedHashMap<>(old.attributes());
            attrs.put(a.code(), values);
            call.instance().replace(old, old.folderCode(), attrs, false);
            call.instance().counterState().updated();
            return loc;
        });
        return ok(apiResponse(200, "File uploaded: " + location));
    }

    private Reply download(Call call) {
        TemplateDef t = template(call, call.segment(1));
        DataCard card = card(call, t);
        AttrDef a = attribute(t, call.segment(4));
        String location = call.segment(6);
        ExternalReferenceValue value = card.values(a.code()).stream()
                .filter(v -> v instanceof ExternalReferenceValue x && x.location().equals(location))
                .map(ExternalReferenceValue.class::cast).findFirst()
                .orElseThrow(() -> ApiError.notFound("No file at location " + location + " in attribute " + a.code() + "."));
        byte[] bytes = call.instance().file(location);
        if (bytes == null) {
            throw ApiError.notFound("No file stored at location " + location + ".");
        }
        String safeName = value.displayText().replaceAll("[\"\\\\\\r\\n]", "_");
        return new Reply(200, Map.of("Content-Disposition", "attachment; filename=\"" + safeName + "\""),
                "application/octet-stream", bytes, null);
    }
}
