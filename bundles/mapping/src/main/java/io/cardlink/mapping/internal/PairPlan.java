package io.cardlink.mapping.internal;

/**
 * One attribute of the target card, decided at compile time: where its values come from, how they convert,
 * whether the target holds one value only, and, when the schemas already rule the pair out, why.
 */
record PairPlan(String source, String target, ValueConversion conversion, boolean singleValue, String refusal) {
}
