package io.cardlink.api.service;

import java.util.List;

/** A saved thing and the warnings that did not stop the save (such as a mapping that could not be checked). */
public record Saved<T>(T value, List<String> warnings) {
    public Saved {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
