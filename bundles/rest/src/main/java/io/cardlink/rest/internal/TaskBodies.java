package io.cardlink.rest.internal;

import io.cardlink.api.ValidationException;

/** Checks shared by the task resources. */
final class TaskBodies {
    private TaskBodies() {
    }

    static void require(Object body) {
        if (body == null) {
            throw new ValidationException("body", "required: a JSON object with the task's fields");
        }
    }
}
