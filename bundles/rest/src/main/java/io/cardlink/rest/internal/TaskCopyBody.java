package io.cardlink.rest.internal;

/** The body of POST .../{tid}/copy: the copy's name. */
public record TaskCopyBody(String name) {
}
