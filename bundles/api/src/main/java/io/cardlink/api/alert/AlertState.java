package io.cardlink.api.alert;

/** Whether an alert's condition still holds. */
public enum AlertState {
    OPEN,
    RESOLVED
}
