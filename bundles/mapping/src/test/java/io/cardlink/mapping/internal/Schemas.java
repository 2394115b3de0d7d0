package io.cardlink.mapping.internal;

import io.cardlink.api.card.AttributeSchema;
import io.cardlink.api.card.AttributeType;
import io.cardlink.api.card.FolderInfo;
import io.cardlink.api.card.StaticChoice;
import io.cardlink.api.card.TemplateSchema;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Template schemas for tests, built the way the REST API describes templates. */
final class Schemas {
    private Schemas() {
    }

    static TemplateSchema template(String code, List<String> folders, AttributeSchema... attributes) {
        Map<String, AttributeSchema> byCode = new LinkedHashMap<>();
        Arrays.stream(attributes).forEach(a -> byCode.put(a.code(), a));
        return new TemplateSchema(code, code, folders.stream().map(f -> new FolderInfo(f, f)).toList(), byCode);
    }

    static AttributeSchema single(String code, AttributeType type) {
        return new AttributeSchema(code, code, type, false, false, List.of(), List.of());
    }

    static AttributeSchema multi(String code, AttributeType type) {
        return new AttributeSchema(code, code, type, true, false, List.of(), List.of());
    }

    static AttributeSchema file(String code) {
        return new AttributeSchema(code, code, AttributeType.EXTERNAL_REFERENCE, true, true, List.of(), List.of());
    }

    static AttributeSchema choices(String code, StaticChoice... choices) {
        return new AttributeSchema(code, code, AttributeType.STATIC_VALUE, false, false, List.of(choices), List.of());
    }

    static AttributeSchema reference(String code, boolean multiValue, String... targets) {
        return new AttributeSchema(code, code, AttributeType.REFERENCE, multiValue, false, List.of(), List.of(targets));
    }
}
