package io.cardlink.contract;

import java.util.Objects;

/**
 * Where on the test instance the contract suite writes and reads: a template with two text attributes the suite's
 * user may write, one of them unique enough to pick cards by (the suite writes values nobody else does).
 *
 * @param code          the template's code
 * @param folderCode    the folder new cards go to, or null when the instance has no folders
 * @param keyAttribute  a text attribute the suite picks cards by
 * @param textAttribute another text attribute, which the suite changes
 */
public record ContractTemplate(String code, String folderCode, String keyAttribute, String textAttribute) {

    public ContractTemplate {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(keyAttribute, "keyAttribute");
        Objects.requireNonNull(textAttribute, "textAttribute");
        if (keyAttribute.equals(textAttribute)) {
            throw new IllegalArgumentException("the key and the text attribute must differ");
        }
    }
}
