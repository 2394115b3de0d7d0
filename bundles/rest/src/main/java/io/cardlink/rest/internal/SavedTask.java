package io.cardlink.rest.internal;

import io.cardlink.api.service.Saved;
import java.util.List;

/**
 * The answer to a task save (create, update, copy): the task as saved and what did not stop the save, such as a
 * mapping that could not be checked because an instance was down. GET answers the plain task.
 */
public record SavedTask<T>(T task, List<String> warnings) {

    static <T> SavedTask<T> of(Saved<T> saved) {
        return new SavedTask<>(saved.value(), saved.warnings());
    }
}
