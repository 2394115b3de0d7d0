package io.cardlink.rest.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Shows whether an event task is in use ({@code inUse}, derived from its workflow references) and accepts the field
 * back unread, so that a task fetched with GET can be sent back with PUT as it is.
 */
@JsonIgnoreProperties(value = "inUse", allowGetters = true)
abstract class EventTaskMixin {

    @JsonProperty("inUse")
    abstract boolean inUse();
}
