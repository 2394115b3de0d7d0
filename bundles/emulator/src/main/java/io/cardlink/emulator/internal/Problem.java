package io.cardlink.emulator.internal;

/**
 * What is wrong with one attribute (or, with a null code, with the card as a whole) of a write; a bulk write returns
 * it as a {@code RESTError}, a single-card write as the message of a 400.
 */
record Problem(String attributeCode, String attributeType, String message, int status) {

    static Problem of(AttrDef attribute, String message) {
        return new Problem(attribute.code(), attribute.wireType(), message, 400);
    }

    static Problem ofCard(int status, String message) {
        return new Problem(null, null, message, status);
    }

    String describe() {
        return attributeCode == null ? message : "Attribute '" + attributeCode + "' (" + attributeType + "): " + message;
    }
}
