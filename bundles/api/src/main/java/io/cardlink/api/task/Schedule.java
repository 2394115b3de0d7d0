package io.cardlink.api.task;

/**
 * When a scheduled task runs: a Quartz cron expression or a fixed interval in seconds, exactly one of them.
 */
public record Schedule(String cron, Long intervalSeconds) {

    public static Schedule cron(String expression) {
        return new Schedule(expression, null);
    }

    public static Schedule every(long seconds) {
        return new Schedule(null, seconds);
    }

    public boolean isCron() {
        return cron != null;
    }
}
