package io.cardlink.api.card;

/**
 * One value of an attribute. Every attribute holds a list of values, single-valued ones at most one.
 */
public sealed interface Value
        permits StringValue, NumberValue, DateValue, DateTimeValue, ReferenceValue, StaticValue,
        ExternalReferenceValue, WorklogValue {

    /** The attribute type this value belongs to. */
    AttributeType type();

    /** A text form for display, comparison in filters and conversion to a string attribute. */
    String displayText();
}
