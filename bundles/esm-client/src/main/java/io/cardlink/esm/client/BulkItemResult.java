package io.cardlink.esm.client;

import java.util.List;

/**
 * The outcome of one card of a bulk upsert, at the card's position in the input list: the card's id when it
 * was saved, or the errors the server reported for it.
 */
public record BulkItemResult(int index, String dataCardId, List<EsmFieldError> errors) {

    public BulkItemResult {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** True when the card was saved without any error. */
    public boolean ok() {
        return errors.isEmpty() && dataCardId != null;
    }
}
