package io.cardlink.api.connector;

/** Removes cards. */
public interface CardDelete {

    /** Moves a card to the trash; deleting a card already there is no error. */
    void delete(String templateCode, String id);
}
