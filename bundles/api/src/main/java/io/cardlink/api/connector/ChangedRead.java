package io.cardlink.api.connector;

import io.cardlink.api.card.DataCard;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;

/**
 * Reads only the cards that changed since a mark: what an incremental run of a scheduled task reads. A mark is text
 * the far side makes from a card ({@link #changeMark}) and alone interprets (a time, a sequence number, a directory's
 * change number); the engine keeps the lowest mark a task must read from next, ordering marks with
 * {@link #markOrder()}, and never looks inside one.
 */
public interface ChangedRead {

    /** Marks are kept as text of at most this many characters. */
    int MAX_MARK_LENGTH = 200;

    /**
     * Streams the cards the request selects that changed at or after the mark {@code since} (one this far side made;
     * null: every card), one at a time, as {@link FullRead#read} does. A card changed before it may be read again;
     * one changed at or after it is never left out.
     */
    CardCursor readChanged(ReadRequest request, String since);

    /**
     * The card's change mark, at most {@link #MAX_MARK_LENGTH} characters, or null when the card does not say. A
     * later change of a card gives it a mark that does not order before its earlier one.
     */
    String changeMark(DataCard card);

    /** How marks are ordered: a mark that orders before another was made by an earlier change. */
    Comparator<String> markOrder();

    /**
     * The latest mark a run that started at {@code runStart} may keep as its next lower bound, or null when marks
     * need no such limit. Marks that are times of the instance's clock need one: a card changed while the run read
     * others may carry an older time than a card read after it, and the clocks of Cardlink and the instance may
     * disagree by up to {@code clockSkew} (the engine's setting); such a far side answers the run's start less the
     * skew. The default: no limit.
     */
    default String markCeiling(Instant runStart, Duration clockSkew) {
        return null;
    }
}
