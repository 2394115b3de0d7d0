package io.cardlink.api.task;

/** A scheduled task reads everything (full) or only what changed since its watermark (incremental). */
public enum TaskMode {
    FULL,
    INCREMENTAL
}
