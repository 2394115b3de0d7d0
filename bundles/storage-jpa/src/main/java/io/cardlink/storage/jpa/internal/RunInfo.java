package io.cardlink.storage.jpa.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a run's info messages within what one row holds: the first {@link #MAX_ENTRIES} messages, each cut to
 * {@link #MAX_MESSAGE} characters, as long as their JSON fits {@link Json#MAX_TEXT}; a last entry says how many
 * were left out. The first messages are kept because the first errors of a run usually explain the rest.
 */
final class RunInfo {

    static final int MAX_ENTRIES = 200;
    static final int MAX_MESSAGE = 1_000;

    // Room left for the closing entry that counts the dropped messages.
    private static final int SUMMARY_RESERVE = 100;

    private RunInfo() {
    }

    static String toJson(List<String> messages) {
        return Json.text(bounded(messages));
    }

    static List<String> bounded(List<String> messages) {
        List<String> kept = new ArrayList<>();
        int size = 2;
        for (String message : messages) {
            String entry = message == null ? "" : cut(message);
            int entrySize = Json.text(entry).length() + 1;
            if (kept.size() == MAX_ENTRIES || size + entrySize > Json.MAX_TEXT - SUMMARY_RESERVE) {
                break;
            }
            kept.add(entry);
            size += entrySize;
        }
        int dropped = messages.size() - kept.size();
        if (dropped > 0) {
            kept.add(dropped + " more message" + (dropped == 1 ? " was" : "s were") + " not kept");
        }
        return kept;
    }

    private static String cut(String message) {
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 1) + "…";
    }
}
