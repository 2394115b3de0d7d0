package io.cardlink.benchmarks;

import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.ReferenceValue;
import io.cardlink.api.card.StringValue;
import io.cardlink.api.card.Value;
import io.cardlink.esm.client.BulkItemResult;
import io.cardlink.esm.client.CardStream;
import io.cardlink.esm.client.EsmClient;
import io.cardlink.esm.client.ReadQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The limit the engine is compared with: the bare client streams the remote template and bulk-writes the local
 * instance in batches of 200, in one thread, with only the copying of the mapped attributes in between.
 */
final class RawCopy {
    static final int BATCH = 200;
    private static final String TASK = "raw-copy";

    private final EsmClient remote;
    private final EsmClient local;

    RawCopy(EsmClient remote, EsmClient local) {
        this.remote = remote;
        this.local = local;
    }

    /** Copies the persons and returns remote id to local id, for the incidents' customer references. */
    Map<String, String> copyPersons() {
        List<DataCard> remoteCards = new ArrayList<>();
        List<DataCard> drafts = new ArrayList<>();
        try (CardStream stream = remote.stream(Workload.PERSON, ReadQuery.all())) {
            while (stream.hasNext()) {
                DataCard card = stream.next();
                remoteCards.add(card);
                drafts.add(draft(card, Workload.PERSON, Workload.PERSON_FOLDER, Workload.PERSON_ATTRIBUTES, Map.of()));
            }
        }
        List<BulkItemResult> results = local.bulkUpsert(Workload.PERSON, drafts);
        Map<String, String> ids = new HashMap<>();
        for (BulkItemResult r : results) {
            requireOk(r);
            ids.put(remoteCards.get(r.index()).id(), r.dataCardId());
        }
        return ids;
    }

    /** Streams every remote incident and writes it to the local instance as it arrives; returns the cards written. */
    long copyIncidents(Map<String, String> persons) {
        long written = 0;
        List<DataCard> batch = new ArrayList<>(BATCH);
        try (CardStream stream = remote.stream(Workload.INCIDENT, ReadQuery.all())) {
            while (stream.hasNext()) {
                batch.add(incident(stream.next(), persons));
                if (batch.size() == BATCH) {
                    written += write(batch);
                    batch.clear();
                }
            }
        }
        if (!batch.isEmpty()) {
            written += write(batch);
        }
        return written;
    }

    /** Reads the remote incidents and throws them away: the emulator's stream rate with the client's parsing. */
    long streamOnly() {
        long n = 0;
        try (CardStream stream = remote.stream(Workload.INCIDENT, ReadQuery.all())) {
            while (stream.hasNext()) {
                stream.next();
                n++;
            }
        }
        return n;
    }

    /** The local drafts of all remote incidents, held in memory so that writing them can be timed alone. */
    List<DataCard> incidentDrafts(Map<String, String> persons) {
        List<DataCard> drafts = new ArrayList<>();
        try (CardStream stream = remote.stream(Workload.INCIDENT, ReadQuery.all())) {
            while (stream.hasNext()) {
                drafts.add(incident(stream.next(), persons));
            }
        }
        return drafts;
    }

    long writeAll(List<DataCard> drafts) {
        long written = 0;
        for (int from = 0; from < drafts.size(); from += BATCH) {
            written += write(drafts.subList(from, Math.min(drafts.size(), from + BATCH)));
        }
        return written;
    }

    private long write(List<DataCard> batch) {
        for (BulkItemResult r : local.bulkUpsert(Workload.INCIDENT, batch)) {
            requireOk(r);
        }
        return batch.size();
    }

    private static void requireOk(BulkItemResult r) {
        if (!r.ok()) {
            throw new IllegalStateException("raw copy: card " + r.index() + " refused: " + r.errors());
        }
    }

    private static DataCard incident(DataCard card, Map<String, String> persons) {
        return draft(card, Workload.INCIDENT, Workload.INCIDENT_FOLDER, Workload.INCIDENT_ATTRIBUTES, persons);
    }

    private static DataCard draft(DataCard card, String template, String folder, List<String> attributes,
            Map<String, String> persons) {
        Map<String, List<Value>> values = new LinkedHashMap<>();
        for (String code : attributes) {
            List<Value> source = card.values(code);
            if (source.isEmpty()) {
                continue;
            }
            List<Value> target = new ArrayList<>(source.size());
            for (Value v : source) {
                if (v instanceof ReferenceValue ref) {
                    String localId = persons.get(ref.dataCardId());
                    if (localId != null) {
                        target.add(ReferenceValue.to(localId));
                    }
                } else {
                    target.add(v);
                }
            }
            values.put(code, target);
        }
        values.put(Workload.TARGET_KEY, List.of(new StringValue(card.text(Workload.SOURCE_KEY))));
        values.put(Workload.TASK_ID, List.of(new StringValue(TASK)));
        return DataCard.draft(template, folder, values);
    }
}
