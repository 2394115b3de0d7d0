package io.cardlink.api.card;

/** One choice a static-value attribute allows. */
public record StaticChoice(String code, String value) {
}
