package io.cardlink.emulator.internal.eql;

import io.cardlink.api.card.AttributeSchema;
import io.cardlink.api.card.DataCard;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What a filter needs from the instance it runs on: the template's attributes and the cards it can refer to. */
public interface EqlContext {

    /** An attribute of the template the filter runs on. */
    Optional<AttributeSchema> attribute(String code);

    /** Any card by id (references are compared by the target card's name). */
    Optional<DataCard> card(String dataCardId);

    /** Whether a card that is not deleted has this name in one of these templates. */
    boolean anyCardNamed(List<String> templateCodes, String name);

    String folderName(String folderCode);

    String templateName(String templateCode);

    /** The time relative dates such as {@code now - 2w} start from. */
    Instant now();
}
