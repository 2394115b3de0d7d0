package io.cardlink.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.cardlink.api.card.AttributeSchema;
import io.cardlink.api.card.AttributeType;
import io.cardlink.api.card.FolderInfo;
import io.cardlink.api.card.StaticChoice;
import io.cardlink.api.card.TemplateSchema;
import io.cardlink.emulator.EmulatorOptions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed of the emulated instances, read from fixture JSON (format in the module README): shared folders,
 * templates and users, and per instance its base path, templates, users, cards and generated cards.
 */
record Fixture(List<InstanceFixture> instances) {

    static final String DEMO_RESOURCE = "demo-fixture.json";
    static final String DEFAULT_BASE_PATH = "/rest-api/itsm/v1";

    record User(String login, String password, String displayName, List<String> templates) {
        boolean mayUse(String templateCode) {
            return templates.isEmpty() || templates.contains(templateCode);
        }

        @Override
        public String toString() {
            return "User[" + login + "]";
        }
    }

    record Generate(String templateCode, int count, long seed) {
    }

    record InstanceFixture(String name, String basePath, long firstId, Map<String, FolderInfo> folders,
            Map<String, TemplateDef> templates, Map<String, User> users, ArrayNode cards, List<Generate> generate) {
    }

    static Fixture load(EmulatorOptions options, ObjectMapper json) {
        try {
            JsonNode root;
            if (options.fixtureJson() != null) {
                root = json.readTree(options.fixtureJson());
            } else if (options.fixtureFile() != null) {
                root = json.readTree(Files.readAllBytes(options.fixtureFile()));
            } else {
                try (InputStream in = Fixture.class.getResourceAsStream(DEMO_RESOURCE)) {
                    if (in == null) {
                        throw new IllegalStateException("demo fixture " + DEMO_RESOURCE + " is missing from the bundle");
                    }
                    root = json.readTree(in);
                }
            }
            return parse(root);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the fixture: " + e.getMessage(), e);
        }
    }

    static Fixture parse(JsonNode root) {
        Map<String, FolderInfo> sharedFolders = folders(root.path("folders"));
        Map<String, JsonNode> sharedTemplates = new LinkedHashMap<>();
        for (JsonNode t : root.path("templates")) {
            sharedTemplates.put(text(t, "code", "template"), t);
        }
        Map<String, User> sharedUsers = users(root.path("users"));
        List<InstanceFixture> instances = new ArrayList<>();
        for (JsonNode i : root.path("instances")) {
            String name = text(i, "name", "instance");
            Map<String, FolderInfo> folders = new LinkedHashMap<>(sharedFolders);
            folders.putAll(folders(i.path("folders")));
            Map<String, TemplateDef> templates = new LinkedHashMap<>();
            JsonNode templateList = i.has("templates") ? i.get("templates") : root.path("templates");
            int ordinal = 0;
            for (JsonNode t : templateList) {
                JsonNode definition = t.isTextual() ? sharedTemplates.get(t.asText()) : t;
                if (definition == null) {
                    throw new IllegalArgumentException("instance " + name + " lists unknown template " + t.asText());
                }
                TemplateDef def = template(definition, folders, ++ordinal);
                templates.put(def.code(), def);
            }
            Map<String, User> users = i.has("users") ? users(i.get("users")) : sharedUsers;
            List<Generate> generate = new ArrayList<>();
            for (JsonNode g : i.path("generate")) {
                generate.add(new Generate(text(g, "template", "generate"), g.path("count").asInt(), g.path("seed").asLong(1)));
            }
            ArrayNode cards = i.has("cards") ? (ArrayNode) i.get("cards") : new ObjectMapper().createArrayNode();
            String basePath = i.path("basePath").asText(DEFAULT_BASE_PATH);
            if (!basePath.startsWith("/") || basePath.endsWith("/")) {
                throw new IllegalArgumentException("basePath of " + name + " must start and not end with '/'");
            }
            instances.add(new InstanceFixture(name, basePath, i.path("firstId").asLong(10001), folders, templates,
                    users, cards, generate));
        }
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("the fixture defines no instance");
        }
        return new Fixture(instances);
    }

    private static Map<String, FolderInfo> folders(JsonNode list) {
        Map<String, FolderInfo> folders = new LinkedHashMap<>();
        for (JsonNode f : list) {
            String code = text(f, "code", "folder");
            folders.put(code, new FolderInfo(code, f.path("name").asText(code)));
        }
        return folders;
    }

    private static Map<String, User> users(JsonNode list) {
        Map<String, User> users = new LinkedHashMap<>();
        for (JsonNode u : list) {
            String login = text(u, "login", "user");
            List<String> templates = new ArrayList<>();
            u.path("templates").forEach(t -> templates.add(t.asText()));
            users.put(login, new User(login, u.path("password").asText(""), u.path("name").asText(login),
                    List.copyOf(templates)));
        }
        return users;
    }

    private static TemplateDef template(JsonNode t, Map<String, FolderInfo> folders, int ordinal) {
        String code = text(t, "code", "template");
        List<FolderInfo> allowed = new ArrayList<>();
        for (JsonNode f : t.path("folders")) {
            FolderInfo folder = folders.get(f.asText());
            if (folder == null) {
                throw new IllegalArgumentException("template " + code + " allows unknown folder " + f.asText());
            }
            allowed.add(folder);
        }
        if (allowed.isEmpty()) {
            throw new IllegalArgumentException("template " + code + " allows no folder");
        }
        Map<String, AttrDef> defs = new LinkedHashMap<>();
        addSystem(defs, TemplateDef.EFECTE_ID, "Efecte ID", AttributeType.STRING, false);
        for (JsonNode a : t.path("attributes")) {
            AttrDef def = attribute(a, code);
            defs.put(def.code(), def);
        }
        addSystem(defs, TemplateDef.CREATED, "Created", AttributeType.DATE, true);
        addSystem(defs, TemplateDef.UPDATED, "Updated", AttributeType.DATE, true);
        Map<String, AttributeSchema> schemas = new LinkedHashMap<>();
        defs.values().forEach(d -> schemas.put(d.code(), d.schema()));
        TemplateSchema schema = new TemplateSchema(code, t.path("name").asText(code), allowed, schemas);
        String prefix = t.path("efecteIdPrefix").asText(code.toUpperCase().substring(0, Math.min(3, code.length())) + "-");
        return new TemplateDef(schema, t.path("id").asText(String.valueOf(1000 + ordinal)), prefix,
                t.path("namePattern").asText("{efecte_id}"), defs);
    }

    private static void addSystem(Map<String, AttrDef> defs, String code, String name, AttributeType type, boolean dateTime) {
        if (!defs.containsKey(code)) {
            defs.put(code, new AttrDef(new AttributeSchema(code, name, type, false, false, List.of(), List.of()),
                    dateTime, true, List.of()));
        }
    }

    private static AttrDef attribute(JsonNode a, String template) {
        String code = text(a, "code", "attribute of " + template);
        AttributeType type;
        try {
            type = AttributeType.fromWire(a.path("type").asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("attribute " + template + "." + code + ": " + e.getMessage(), e);
        }
        List<StaticChoice> choices = new ArrayList<>();
        List<StaticChoice> generated = new ArrayList<>();
        for (JsonNode c : a.path("values")) {
            StaticChoice choice = new StaticChoice(c.path("code").isNull() ? null : c.path("code").asText(null),
                    text(c, "value", "static value of " + template + "." + code));
            choices.add(choice);
            if (c.path("generate").asBoolean(true)) {
                generated.add(choice);
            }
        }
        if (type == AttributeType.STATIC_VALUE && choices.isEmpty()) {
            throw new IllegalArgumentException("static-value attribute " + template + "." + code + " has no values");
        }
        List<String> targets = new ArrayList<>();
        a.path("target").forEach(x -> targets.add(x.asText()));
        if (type == AttributeType.REFERENCE && targets.isEmpty()) {
            throw new IllegalArgumentException("reference attribute " + template + "." + code + " has no target");
        }
        boolean systemCode = code.equals(TemplateDef.EFECTE_ID) || code.equals(TemplateDef.CREATED)
                || code.equals(TemplateDef.UPDATED);
        return new AttrDef(new AttributeSchema(code, a.path("name").asText(code), type, a.path("multiValue").asBoolean(false),
                a.path("file").asBoolean(false), choices, targets),
                a.path("dateTime").asBoolean(systemCode && !code.equals(TemplateDef.EFECTE_ID)),
                a.path("readOnly").asBoolean(systemCode), generated);
    }

    private static String text(JsonNode node, String field, String what) {
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode() || value.asText().isBlank()) {
            throw new IllegalArgumentException("a " + what + " in the fixture has no '" + field + "'");
        }
        return value.asText();
    }
}
