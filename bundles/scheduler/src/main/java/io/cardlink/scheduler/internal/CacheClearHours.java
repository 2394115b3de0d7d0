package io.cardlink.scheduler.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The hours of the day (UTC) at which every task cache is cleared, from a list such as {@code "6,12"}. */
record CacheClearHours(List<Integer> hours) {

    CacheClearHours {
        hours = List.copyOf(new TreeSet<>(hours));
        if (hours.isEmpty()) {
            throw new IllegalArgumentException("give at least one hour");
        }
        for (int hour : hours) {
            if (hour < 0 || hour > 23) {
                throw new IllegalArgumentException("'" + hour + "' is not an hour of the day (0-23)");
            }
        }
    }

    /** Parses a comma-separated list of hours 0-23; the message of the exception says what is wrong. */
    static CacheClearHours parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("give at least one hour (0-23), such as \"0\" or \"6,12\"");
        }
        TreeSet<Integer> hours = new TreeSet<>();
        for (String item : text.split(",", -1)) {
            String trimmed = item.trim();
            try {
                hours.add(Integer.parseInt(trimmed));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + trimmed + "' is not an hour of the day (0-23)");
            }
        }
        return new CacheClearHours(List.copyOf(hours));
    }

    /** The Quartz cron expression that fires at the start of each of these hours; evaluate it in UTC. */
    String cronExpression() {
        return "0 0 " + this + " * * ?";
    }

    /** The first clearing strictly after {@code time}. */
    Instant nextAfter(Instant time) {
        LocalDate day = LocalDate.ofInstant(time, ZoneOffset.UTC);
        for (int hour : hours) {
            Instant candidate = day.atTime(hour, 0).toInstant(ZoneOffset.UTC);
            if (candidate.isAfter(time)) {
                return candidate;
            }
        }
        return day.plusDays(1).atTime(hours.get(0), 0).toInstant(ZoneOffset.UTC);
    }

    @Override
    public String toString() {
        return hours.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
