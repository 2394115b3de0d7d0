package io.cardlink.api.card;

/** A folder that a template allows its cards in. */
public record FolderInfo(String code, String name) {
}
