package io.cardlink.api.service;

/** The state of one part of Cardlink, such as {@code storage: up} or {@code connector type coreproiga: up}. */
public record ComponentStatus(String name, String state, String detail) {
    public static final String UP = "up";
    public static final String DOWN = "down";
}
