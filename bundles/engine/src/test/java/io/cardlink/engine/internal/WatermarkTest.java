package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Comparator;
import org.junit.jupiter.api.Test;

/** The engine moves a watermark by the far side's order of its marks, never by what a mark says. */
class WatermarkTest {

    /** Marks as a far side of change numbers makes them: their order is not that of their text ("10" after "9"). */
    private static final Comparator<String> NUMBERS = Comparator.comparingLong(Long::parseLong);

    @Test
    void isTheLatestMarkSeenInTheFarSidesOrder() {
        Watermark mark = new Watermark(null, null, NUMBERS);
        mark.seen("9");
        mark.seen("10");
        mark.seen("2");
        mark.seen(null);

        assertEquals("10", mark.next());
    }

    @Test
    void neverPassesTheFarSidesCeilingForTheRun() {
        Watermark mark = new Watermark(null, "100", NUMBERS);
        // changed while the run read other cards: a card read earlier may have changed after it was read
        mark.seen("130");

        assertEquals("100", mark.next());
    }

    @Test
    void staysAtTheOldestCardThatFailedSoThatItIsReadAgain() {
        Watermark mark = new Watermark(null, null, NUMBERS);
        mark.seen("110");
        mark.failed("105");
        mark.failed("99");

        assertEquals("99", mark.next());
    }

    @Test
    void keepsThePreviousValueWhenNothingNewerWasRead() {
        assertEquals("90", new Watermark("90", "120", NUMBERS).next());
        assertNull(new Watermark(null, "120", NUMBERS).next());
        Watermark ceiled = new Watermark("110", "100", NUMBERS);
        ceiled.seen("115");
        assertEquals("110", ceiled.next());
    }

    @Test
    void aFarSideWithoutMarksLeavesItWhereItWas() {
        Watermark unmarked = Watermark.unmarked("7");
        unmarked.seen(null);
        unmarked.failed(null);

        assertEquals("7", unmarked.next());
    }
}
