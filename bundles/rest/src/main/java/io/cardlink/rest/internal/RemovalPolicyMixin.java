package io.cardlink.rest.internal;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

/**
 * Lets a client leave {@code removal.thresholdPercent} out: it reads as 0, which the task service replaces with the
 * default ({@link io.cardlink.api.task.RemovalPolicy#DEFAULT_THRESHOLD_PERCENT}); and
 * {@code removal.reactivateReturning}, which reads as false.
 */
abstract class RemovalPolicyMixin {

    @JsonSetter(nulls = Nulls.AS_EMPTY)
    abstract int thresholdPercent();

    @JsonSetter(nulls = Nulls.AS_EMPTY)
    abstract boolean reactivateReturning();
}
