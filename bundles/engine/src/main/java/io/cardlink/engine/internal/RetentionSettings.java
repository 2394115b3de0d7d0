package io.cardlink.engine.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/**
 * How long this node keeps what runs and operations leave behind.
 *
 * @param runsKept       runs kept per task whatever their age (at least 1: the task list shows the last one)
 * @param runAge         a run beyond the newest {@code runsKept} goes once it is older than this
 * @param operationAge   a finished event operation goes once it finished longer ago than this (at least a day: the
 *                       loop guard counts the recent writes)
 * @param extractAge     an extract file goes once it was written longer ago than this
 * @param alertAge       an ended alert goes once it ended longer ago than this
 * @param dailyAt        the time of day (UTC) of the daily clean-up
 */
record RetentionSettings(int runsKept, Duration runAge, Duration operationAge, Duration extractAge, Duration alertAge,
        LocalTime dailyAt) {

    static final LocalTime DEFAULT_DAILY_AT = LocalTime.of(2, 30);

    /**
     * The settings of a configuration, with out-of-range numbers brought into range; {@code problem} gets a text
     * when the time of day is not one (the default is used then).
     */
    static RetentionSettings of(RetentionManager.Config config, StringBuilder problem) {
        LocalTime at = DEFAULT_DAILY_AT;
        try {
            at = LocalTime.parse(config.dailyAt().trim());
        } catch (DateTimeParseException | NullPointerException e) {
            problem.append("dailyAt '").append(config.dailyAt()).append("' is not a time of day such as 02:30; ")
                    .append(DEFAULT_DAILY_AT).append(" is used");
        }
        return new RetentionSettings(Math.max(1, config.runsKept()), days(config.runDays(), 0),
                days(config.operationDays(), 1), days(config.extractDays(), 0), days(config.alertDays(), 0), at);
    }

    private static Duration days(int days, int least) {
        return Duration.ofDays(Math.max(least, days));
    }

    /** The next time of the daily clean-up after {@code now}. */
    Instant nextDailyRun(Instant now) {
        ZonedDateTime today = now.atZone(ZoneOffset.UTC).with(dailyAt);
        ZonedDateTime next = today.toInstant().isAfter(now) ? today : today.plusDays(1);
        return next.toInstant();
    }
}
