package io.cardlink.api.mapping;

/** Which way a mapping carries cards; the rules differ (event tasks may not write attachments or worklogs). */
public enum Direction {
    /** Remote instance to local instance: scheduled tasks. The task-id attribute is required. */
    READ,
    /** Local instance to remote instance: event tasks. Attachments and worklogs are refused. */
    WRITE
}
