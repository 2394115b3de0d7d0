package io.cardlink.api.connector;

/** Reads all the cards of a template that a request selects: what a full run of a scheduled task reads. */
public interface FullRead {

    /** Streams the cards the request selects, one at a time; memory stays bounded. Close the cursor when done. */
    CardCursor read(ReadRequest request);
}
