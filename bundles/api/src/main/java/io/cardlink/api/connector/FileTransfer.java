package io.cardlink.api.connector;

import java.nio.file.Path;

/** Carries the files behind the file attributes of cards (attachments). */
public interface FileTransfer {

    /**
     * Copies the file behind an attachment (an external-reference value of a file attribute, {@code location} being
     * its location) into {@code target}, streamed, and returns its size in bytes. A file larger than the
     * connector allows fails with {@link FileTooLargeException}, leaving {@code target} partly written. A read:
     * safe to repeat.
     */
    long downloadFile(String templateCode, String id, String attributeCode, String location, Path target);

    /**
     * Adds the file at {@code file} to a file attribute of a card under {@code fileName}, streamed. A write: when
     * it fails in a way that leaves open whether the file landed, it is not sent again here.
     */
    void uploadFile(String templateCode, String id, String attributeCode, String fileName, Path file);
}
