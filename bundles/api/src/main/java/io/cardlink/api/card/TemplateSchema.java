package io.cardlink.api.card;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A template of an instance: its allowed folders and its attributes by code. */
public record TemplateSchema(String code, String name, List<FolderInfo> allowedFolders,
        Map<String, AttributeSchema> attributes) {

    public TemplateSchema {
        allowedFolders = allowedFolders == null ? List.of() : List.copyOf(allowedFolders);
        attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    public Optional<AttributeSchema> attribute(String attributeCode) {
        return Optional.ofNullable(attributes.get(attributeCode));
    }

    public boolean allowsFolder(String folderCode) {
        return allowedFolders.stream().anyMatch(f -> f.code().equals(folderCode));
    }
}
