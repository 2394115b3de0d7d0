package io.cardlink.api.connector;

import io.cardlink.api.card.DataCard;

/** Creates cards. */
public interface CardCreate {

    /** Creates one card and returns its id. */
    String create(String templateCode, DataCard card);
}
