package io.cardlink.api.connector;

import io.cardlink.api.card.TemplateInfo;
import io.cardlink.api.card.TemplateSchema;
import java.util.List;

/** The templates of an instance and their schemas. */
public interface SchemaRead {

    List<TemplateInfo> templates();

    /** A template's schema; {@link io.cardlink.api.NotFoundException} when the instance has no such template. */
    TemplateSchema template(String templateCode);
}
