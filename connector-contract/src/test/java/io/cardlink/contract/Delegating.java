package io.cardlink.contract;

import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.TemplateInfo;
import io.cardlink.api.card.TemplateSchema;
import io.cardlink.api.connector.CardCursor;
import io.cardlink.api.connector.EndpointCheck;
import io.cardlink.api.connector.InstanceGateway;
import io.cardlink.api.connector.ReadRequest;
import io.cardlink.api.connector.WriteOutcome;
import java.time.Instant;
import java.util.List;

/** A gateway that passes every call on; the suite's own tests override one call to break one promise. */
class Delegating implements InstanceGateway {
    private final InstanceGateway target;

    Delegating(InstanceGateway target) {
        this.target = target;
    }

    @Override
    public EndpointCheck check() {
        return target.check();
    }

    @Override
    public List<TemplateInfo> templates() {
        return target.templates();
    }

    @Override
    public TemplateSchema template(String templateCode) {
        return target.template(templateCode);
    }

    @Override
    public CardCursor read(ReadRequest request) {
        return target.read(request);
    }

    @Override
    public List<WriteOutcome> upsert(String templateCode, List<DataCard> cards) {
        return target.upsert(templateCode, cards);
    }

    @Override
    public String create(String templateCode, DataCard card) {
        return target.create(templateCode, card);
    }

    @Override
    public void update(String templateCode, String id, DataCard changes) {
        target.update(templateCode, id, changes);
    }

    @Override
    public void delete(String templateCode, String id) {
        target.delete(templateCode, id);
    }

    @Override
    public Instant changedAt(DataCard card) {
        return target.changedAt(card);
    }
}
