package io.cardlink.api.card;

import java.util.List;

/**
 * An attribute of a template: its type, whether it holds several values, whether it is a file attribute, the
 * static choices (static-value attributes) and the templates a reference may point at.
 */
public record AttributeSchema(String code, String name, AttributeType type, boolean multiValue, boolean file,
        List<StaticChoice> choices, List<String> targetTemplates) {

    public AttributeSchema {
        choices = choices == null ? List.of() : List.copyOf(choices);
        targetTemplates = targetTemplates == null ? List.of() : List.copyOf(targetTemplates);
    }

    /** Attachments and worklogs can be read but not provisioned to another instance by an event task. */
    public boolean attachmentOrWorklog() {
        return file || type == AttributeType.EXTERNAL_REFERENCE || type == AttributeType.WORKLOG;
    }
}
