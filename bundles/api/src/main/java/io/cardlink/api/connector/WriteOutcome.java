package io.cardlink.api.connector;

/** What happened to one card of a bulk write: its id when it was saved, else the instance's message. */
public record WriteOutcome(int index, String id, boolean created, String error) {

    public boolean ok() {
        return error == null;
    }
}
