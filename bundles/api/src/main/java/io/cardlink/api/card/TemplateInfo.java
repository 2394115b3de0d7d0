package io.cardlink.api.card;

/** An entry of an instance's template list. */
public record TemplateInfo(String code, String name) {
}
