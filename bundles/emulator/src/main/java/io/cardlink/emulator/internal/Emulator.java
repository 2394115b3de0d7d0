package io.cardlink.emulator.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cardlink.emulator.EmulatorOptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The transport-independent core: the emulated instances and the dispatch of a request to an instance's API or
 * its admin endpoints. Paths look like {@code /NAME/<basePath>/...} and {@code /NAME/_admin/...}.
 */
public final class Emulator {
    private static final System.Logger LOG = System.getLogger(Emulator.class.getName());

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private final Api api = new Api(json);

    public Emulator(EmulatorOptions options) {
        Fixture fixture = Fixture.load(options, json);
        for (Fixture.InstanceFixture f : fixture.instances()) {
            if (options.instances().isEmpty() || options.instances().contains(f.name())) {
                instances.put(f.name(), new Instance(f, options, json));
            }
        }
        for (EmulatorOptions.Generation g : options.generations()) {
            if (!instances.containsKey(g.instance())) {
                throw new IllegalArgumentException("cannot generate cards for unknown instance " + g.instance());
            }
        }
        for (String wanted : options.instances()) {
            if (!instances.containsKey(wanted)) {
                throw new IllegalArgumentException("the fixture has no instance " + wanted);
            }
        }
    }

    public Optional<io.cardlink.emulator.EmulatorInstance> instance(String name) {
        return Optional.ofNullable(instances.get(name));
    }

    public Collection<? extends io.cardlink.emulator.EmulatorInstance> instances() {
        return instances.values();
    }

    /** Handles one request; never throws for a bad request, only for a broken connection. */
    public Reply handle(Request request) {
        String url = request.externalPrefix() + request.rawPath()
                + (request.rawQuery() == null || request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery());
        try {
            List<String> segments = segments(request.rawPath());
            if (segments.isEmpty()) {
                throw ApiError.notFound("No instance given; the instances are " + instances.keySet() + ".");
            }
            Instance instance = instances.get(segments.get(0));
            if (instance == null) {
                throw ApiError.notFound("No emulated instance named '" + segments.get(0) + "'; the instances are "
                        + instances.keySet() + ".");
            }
            if (segments.size() > 1 && segments.get(1).equals("_admin")) {
                return Admin.handle(json, instance, request, segments.subList(2, segments.size()));
            }
            List<String> base = segments(instance.basePath());
            if (segments.size() < 1 + base.size() || !segments.subList(1, 1 + base.size()).equals(base)) {
                throw ApiError.notFound("Instance " + instance.name() + " serves its API at " + instance.basePath() + ".");
            }
            return api.handle(instance, request, segments.subList(1 + base.size(), segments.size()), url);
        } catch (ApiError e) {
            return Reply.json(e.status(), errorBody(json, e.status(), e.getMessage(), url));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "emulator failed on " + request.method() + " " + request.rawPath(), e);
            return Reply.json(500, errorBody(json, 500, "Internal error: " + e, url));
        }
    }

    private static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                out.add(Query.decode(s.replace("+", "%2B")));
            }
        }
        return out;
    }

    static byte[] errorBody(ObjectMapper json, int status, String message, String url) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", status);
        body.put("message", message);
        body.put("error", reason(status));
        body.put("url", url);
        body.put("timestamp", Api.timestamp());
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Payload Too Large";
            case 429 -> "Too Many Requests";
            case 503 -> "Service Unavailable";
            default -> "Internal Server Error";
        };
    }

    /** The admin endpoints of an instance; see the module README. */
    private static final class Admin {
        /** Cards one generate request may add; more take several requests, each bounded by the instance's maxCards. */
        static final int MAX_GENERATED_PER_REQUEST = 100_000;

        private Admin() {
        }

        static Reply handle(ObjectMapper json, Instance instance, Request request, List<String> path)
                throws ApiError {
            String what = path.size() == 1 ? path.get(0) : "";
            String method = request.method();
            Query query = new Query(request.rawQuery());
            try {
                switch (what + " " + method) {
                    case "faults GET":
                        return ok(json, instance.faultState().describe());
                    case "faults POST":
                    case "faults PUT":
                        applyFaults(instance, readBody(json, request));
                        return ok(json, instance.faultState().describe());
                    case "faults DELETE":
                        instance.faults().clear();
                        return ok(json, instance.faultState().describe());
                    case "reset POST":
                        instance.reset();
                        return ok(json, Map.of("reset", instance.name()));
                    case "generate POST":
                        return generate(json, instance, query);
                    case "counters GET":
                        return ok(json, counters(instance));
                    case "counters DELETE":
                        instance.resetCounters();
                        return ok(json, counters(instance));
                    default:
                        throw ApiError.notFound("No admin endpoint " + method + " /" + String.join("/", path)
                                + "; see the emulator README.");
                }
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest(e.getMessage());
            }
        }

        private static Map<String, Object> counters(Instance instance) {
            var c = instance.counters();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("requests", c.requests());
            out.put("cardsCreated", c.cardsCreated());
            out.put("cardsUpdated", c.cardsUpdated());
            out.put("cardsDeleted", c.cardsDeleted());
            out.put("cardsWritten", c.cardsWritten());
            return out;
        }

        private static Reply generate(ObjectMapper json, Instance instance, Query query) {
            String template = query.get("template");
            if (template == null || instance.findTemplate(template).isEmpty()) {
                throw ApiError.badRequest("Query parameter 'template' must name a template of " + instance.name() + ".");
            }
            int count;
            long seed;
            try {
                count = Integer.parseInt(Optional.ofNullable(query.get("count")).orElse("1"));
                seed = Long.parseLong(Optional.ofNullable(query.get("seed")).orElse(String.valueOf(System.nanoTime())));
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("count and seed must be numbers.");
            }
            if (count < 0 || count > MAX_GENERATED_PER_REQUEST) {
                throw ApiError.badRequest("count must be from 0 to " + MAX_GENERATED_PER_REQUEST + " per request.");
            }
            var cards = instance.generate(template, count, seed);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("generated", cards.size());
            if (!cards.isEmpty()) {
                out.put("firstId", cards.get(0).id());
                out.put("lastId", cards.get(cards.size() - 1).id());
            }
            return ok(json, out);
        }

        private static void applyFaults(Instance instance, JsonNode body) {
            var faults = instance.faults();
            if (body.has("latencyMs")) {
                faults.latency(Duration.ofMillis(body.get("latencyMs").asLong()));
            }
            body.path("failShare").fields().forEachRemaining(e -> {
                try {
                    faults.failShare(Integer.parseInt(e.getKey()), e.getValue().asDouble());
                } catch (NumberFormatException ex) {
                    throw new IllegalArgumentException("failShare keys are HTTP statuses, not " + e.getKey());
                }
            });
            if (body.has("tokenLifetimeSeconds")) {
                faults.tokenLifetime(Duration.ofSeconds(body.get("tokenLifetimeSeconds").asLong()));
            }
            if (body.has("latencySpikes")) {
                JsonNode spikes = body.get("latencySpikes");
                if (!spikes.isObject() || !spikes.path("share").isNumber() || !spikes.path("ms").isNumber()) {
                    throw new IllegalArgumentException("latencySpikes is {\"share\": 0 to 1, \"ms\": milliseconds}");
                }
                faults.latencySpikes(spikes.get("share").asDouble(), Duration.ofMillis(spikes.get("ms").asLong()));
            }
            if (body.has("dropStreamAfter")) {
                faults.dropStreamAfter(body.get("dropStreamAfter").asInt());
            }
            if (body.has("dropStreamEvery")) {
                faults.dropStreamEvery(body.get("dropStreamEvery").asInt());
            }
            if (body.has("failAfterWrite")) {
                faults.failAfterWrite(body.get("failAfterWrite").asDouble());
            }
            if (body.has("emptyListAs404")) {
                faults.emptyListAs404(body.get("emptyListAs404").asBoolean());
            }
            if (body.has("refuseCards") && !body.get("refuseCards").isArray()) {
                throw new IllegalArgumentException("refuseCards is an array of {attributeCode, value, message}");
            }
            for (JsonNode rule : body.path("refuseCards")) {
                faults.refuseCards(rule.path("attributeCode").asText(null), rule.path("value").asText(null),
                        rule.path("message").asText(null));
            }
        }

        private static JsonNode readBody(ObjectMapper json, Request request) {
            try (InputStream in = request.body()) {
                byte[] bytes = in.readAllBytes();
                JsonNode node = bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
                if (!node.isObject()) {
                    throw ApiError.badRequest("The faults body must be a JSON object.");
                }
                return node;
            } catch (JsonProcessingException e) {
                throw ApiError.badRequest("Invalid JSON: " + e.getOriginalMessage());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static Reply ok(ObjectMapper json, Object body) {
            try {
                return Reply.json(200, json.writeValueAsBytes(body));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
