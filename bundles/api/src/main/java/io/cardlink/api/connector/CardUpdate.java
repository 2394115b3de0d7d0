package io.cardlink.api.connector;

import io.cardlink.api.card.DataCard;

/** Changes cards. */
public interface CardUpdate {

    /** Changes the attributes a card carries in {@code changes}; the others stay as they are. */
    void update(String templateCode, String id, DataCard changes);
}
