package io.cardlink.emulator.internal;

import io.cardlink.api.card.FolderInfo;
import io.cardlink.api.card.TemplateSchema;

import java.util.Map;
import java.util.Optional;

/**
 * A template of an emulated instance: its schema, its numeric id, the prefix of the {@code efecte_id} values it
 * generates and the pattern that names its cards ({@code {first_name} {last_name}}).
 */
record TemplateDef(TemplateSchema schema, String id, String efecteIdPrefix, String namePattern,
        Map<String, AttrDef> attributes) {

    static final String EFECTE_ID = "efecte_id";
    static final String CREATED = "created";
    static final String UPDATED = "updated";

    TemplateDef {
        attributes = Map.copyOf(attributes);
    }

    String code() {
        return schema.code();
    }

    String name() {
        return schema.name();
    }

    Optional<AttrDef> attribute(String code) {
        return Optional.ofNullable(attributes.get(code));
    }

    boolean allowsFolder(String folderCode) {
        return schema.allowsFolder(folderCode);
    }

    FolderInfo defaultFolder() {
        return schema.allowedFolders().get(0);
    }
}
