package io.cardlink.engine.internal;

import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.ReferenceValue;
import io.cardlink.api.card.Value;
import io.cardlink.api.connector.ChangedRead;
import io.cardlink.api.connector.FarSide;
import io.cardlink.api.connector.InstanceGateway;
import io.cardlink.api.connector.WriteOutcome;
import io.cardlink.api.mapping.CompiledMapping;
import io.cardlink.api.mapping.MappingEngine;
import io.cardlink.api.mapping.MappingProblem;
import io.cardlink.api.mapping.MappingResult;
import io.cardlink.api.run.RunCounts;
import io.cardlink.api.store.CacheEntry;
import io.cardlink.api.store.TaskCacheStore;
import io.cardlink.api.task.Mapping;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps, diffs and loads one page of remote cards (at most {@link SyncRun#PAGE_SIZE}): references resolved in a
 * batch, duplicates within the run dropped, unchanged cards (same fingerprint as in the task cache) skipped, echoes
 * of an event task's writes skipped ({@link LoopGuard}), local ids taken from the cache or found by unique key in a
 * few batched queries, then one bulk upsert; the cache and the loop guard learn what was written. Where the write
 * depends on the target card as it is (worklogs to append, a card marked removed that came back), every changed card
 * is looked up, with those attributes, in the same batched queries. In a dry run the page stops before the first
 * write: the {@link DryRunRecorder} gets the cards that would be written and the mapping problems.
 */
final class PageLoader {

    private static final Logger LOG = LoggerFactory.getLogger(PageLoader.class);

    private final String taskId;
    private final String taskName;
    private final Mapping mapping;
    private final CompiledMapping compiled;
    private final MappingEngine engine;
    private final ReferenceLookup references;
    private final FarSide remote;
    /** Null when the far side does not mark changes: the watermark then sees no marks. */
    private final ChangedRead changes;
    private final InstanceGateway local;
    private final CacheWrites cache;
    private final SeenKeys seenKeys;
    private final RunProgress progress;
    private final Watermark watermark;
    private final LoopGuard.RunEchoes echoes;
    private final Attachments attachments;
    private final Worklogs worklogs;
    private final ReturningCards returning;
    private final DryRunRecorder dryRun;
    private final CardEvents.RunEvents events;
    private long unmappedKeys;
    private boolean problems;

    PageLoader(String taskId, String taskName, Mapping mapping, CompiledMapping compiled,
            MappingEngine engine, ReferenceLookup references, FarSide remote, InstanceGateway local,
            CacheWrites cache,
            SeenKeys seenKeys, RunProgress progress, Watermark watermark, LoopGuard.RunEchoes echoes,
            Attachments attachments, Worklogs worklogs, ReturningCards returning, DryRunRecorder dryRun,
            CardEvents.RunEvents events) {
        this.taskId = taskId;
        this.taskName = taskName;
        this.mapping = mapping;
        this.compiled = compiled;
        this.engine = engine;
        this.references = references;
        this.remote = remote;
        this.changes = remote instanceof ChangedRead changedRead ? changedRead : null;
        this.local = local;
        this.cache = cache;
        this.seenKeys = seenKeys;
        this.progress = progress;
        this.watermark = watermark;
        this.echoes = echoes;
        this.attachments = attachments;
        this.worklogs = worklogs;
        this.returning = returning;
        this.dryRun = dryRun;
        this.events = events;
    }

    /** A mapped card on its way to the local instance. */
    private static final class Pending {
        final String key;
        final DataCard source;
        final DataCard card;
        final String fingerprint;
        final String changeMark;
        String localId;
        boolean idFromCache;
        /** The mapped card with its file attributes, which {@link #card} is written without. */
        DataCard mapped;
        String previousFingerprint;
        boolean created;
        DataCard toWrite;
        boolean cameBack;

        Pending(String key, DataCard source, DataCard card, String fingerprint, String changeMark) {
            this.key = key;
            this.source = source;
            this.card = card;
            this.fingerprint = fingerprint;
            this.changeMark = changeMark;
            this.toWrite = card;
        }
    }

    /** Cards whose unique key could not be mapped: their local cards can't be told apart from removed ones. */
    long unmappedKeys() {
        return unmappedKeys;
    }

    /** Whether any card was mapped with attributes left out, or loaded without all its files. */
    boolean hadProblems() {
        return problems;
    }

    /** Loads one page of remote cards and logs what it did to the local instance. */
    void load(List<DataCard> page) {
        RunCounts before = progress.toRun().counts();
        loadPage(page);
        RunCounts after = progress.toRun().counts();
        LOG.info("Loaded a page of {} card(s): {} created, {} updated, {} unchanged, {} failed", page.size(),
                after.created() - before.created(), after.updated() - before.updated(),
                after.unchanged() - before.unchanged(), after.failed() - before.failed());
    }

    private void loadPage(List<DataCard> page) {
        progress.read(page.size());
        Set<ReferenceValue> referenced = new HashSet<>();
        page.forEach(card -> referenced.addAll(compiled.references(card)));
        if (!referenced.isEmpty()) {
            references.prepare(referenced);
        }
        Map<String, Pending> byKey = new LinkedHashMap<>();
        for (DataCard source : page) {
            String mark = changes == null ? null : changes.changeMark(source);
            watermark.seen(mark);
            MappingResult result = compiled.apply(source, taskId, taskName, references);
            String key = result.succeeded() ? result.card().text(mapping.uniqueKeyAttribute()) : null;
            if (key == null || key.length() > TaskCacheStore.MAX_KEY_LENGTH) {
                unmappedKeys++;
                progress.failed(1);
                watermark.failed(mark);
                String reason = "not loaded: " + (key == null ? join(result.problems())
                        : "the unique key is longer than " + TaskCacheStore.MAX_KEY_LENGTH + " characters");
                progress.info(describe(source) + ": " + reason);
                dryRun.problem(describe(source), reason);
                continue;
            }
            if (!result.problems().isEmpty()) {
                problems = true;
                progress.info(key + ": loaded without " + join(result.problems()));
                dryRun.problem(key, "loaded without " + join(result.problems()));
            }
            if (byKey.containsKey(key)) {
                progress.unchanged(1);
                progress.info(key + ": read twice in this run; the second copy (" + describe(source) + ") was dropped");
                continue;
            }
            Pending pending = new Pending(key, source, attachments.withoutFiles(result.card()),
                    attachments.fingerprint(result.card()), mark);
            pending.mapped = result.card();
            byKey.put(key, pending);
        }
        if (byKey.isEmpty()) {
            return;
        }
        Set<String> duplicates = seenKeys.markSeen(byKey.keySet());
        progress.unchanged(duplicates.size());
        byKey.keySet().removeAll(duplicates);
        loadNew(byKey);
        events.flush();
    }

    /** Loads the page's cards (each the first copy of its key in this run) that changed since the cache's fingerprint. */
    private void loadNew(Map<String, Pending> byKey) {
        Map<String, CacheEntry> cached = cache.find(taskId, byKey.keySet());
        List<Pending> changed = new ArrayList<>();
        for (Pending pending : byKey.values()) {
            CacheEntry entry = cached.get(pending.key);
            if (entry != null && entry.fingerprint().equals(pending.fingerprint) && entry.localId() != null) {
                progress.unchanged(1);
            } else {
                pending.localId = entry == null ? null : entry.localId();
                pending.previousFingerprint = entry == null ? null : entry.fingerprint();
                pending.idFromCache = pending.localId != null;
                changed.add(pending);
            }
        }
        skipEchoes(changed);
        if (changed.isEmpty()) {
            return;
        }
        prepare(changed);
        if (dryRun.active()) {
            Map<String, DataCard> toWrite = new LinkedHashMap<>();
            changed.forEach(pending -> toWrite.put(pending.key, pending.toWrite));
            long creates = dryRun.page(local, mapping, toWrite);
            progress.created(creates);
            progress.updated(changed.size() - creates);
            return;
        }
        List<CacheEntry> written = new ArrayList<>();
        List<Pending> stale = write(changed, written, true);
        if (!stale.isEmpty()) {
            // The cached id pointed at a card that is gone or trashed: find the card by its key again, or create it.
            stale.forEach(p -> p.localId = null);
            prepare(stale);
            write(stale, written, false);
        }
        copyAttachments(changed, written);
        cache.save(taskId, written, cached.keySet());
        loaded(changed, written);
        references.forgetMissing();
    }

    /**
     * The loop guard's step: a changed card whose remote source holds what an event task of a two-way link has just
     * written there is our own write coming back; it is not loaded (the local card is where it came from). The cache
     * takes its fingerprint when it knows the local card, so that the next run sees it unchanged.
     */
    private void skipEchoes(List<Pending> changed) {
        if (!echoes.active() || changed.isEmpty()) {
            return;
        }
        Map<String, DataCard> sources = new LinkedHashMap<>();
        changed.forEach(pending -> sources.put(pending.key, pending.source));
        Set<String> echoed = echoes.echoes(sources);
        if (echoed.isEmpty()) {
            return;
        }
        List<CacheEntry> known = new ArrayList<>();
        changed.removeIf(pending -> {
            if (!echoed.contains(pending.key)) {
                return false;
            }
            if (pending.localId != null) {
                known.add(new CacheEntry(pending.key, pending.fingerprint, pending.localId));
            }
            events.echo(pending.key, pending.localId, pending.source.id(), "not loaded: an echo of what event task '"
                    + echoes.partnerName() + "' wrote to the remote instance");
            return true;
        });
        if (!dryRun.active()) {
            cache.save(taskId, known);
        }
        progress.unchanged(echoed.size());
        progress.info(echoed.size() + " card(s) not loaded: echoes of what event task '" + echoes.partnerName()
                + "' wrote to the remote instance (" + String.join(", ", echoed.stream().limit(5).toList())
                + (echoed.size() > 5 ? ", ..." : "") + ")");
    }

    /**
     * Copies the files of the written cards whose files changed; a card whose files were not all copied keeps a
     * fingerprint that makes the next run copy them again, and holds back an incremental task's watermark.
     */
    private void copyAttachments(List<Pending> changed, List<CacheEntry> written) {
        Map<String, Pending> byKey = new HashMap<>();
        changed.forEach(pending -> byKey.put(pending.key, pending));
        written.replaceAll(entry -> {
            Pending card = byKey.get(entry.uniqueKey());
            if (!Attachments.filesChanged(card.previousFingerprint, card.fingerprint)) {
                return entry;
            }
            List<String> failures = attachments.copy(card.source, card.mapped, entry.localId(), card.created);
            if (failures.isEmpty()) {
                return entry;
            }
            problems = true;
            watermark.failed(card.changeMark);
            failures.forEach(failure -> progress.info(card.key + ": " + failure));
            return new CacheEntry(entry.uniqueKey(), Attachments.notCopied(entry.fingerprint()), entry.localId());
        });
    }

    /** Tells the loop guard which remote cards were loaded, with what they held. */
    private void loaded(List<Pending> changed, List<CacheEntry> written) {
        if (!echoes.active()) {
            return;
        }
        Set<String> writtenKeys = new HashSet<>();
        written.forEach(entry -> writtenKeys.add(entry.uniqueKey()));
        echoes.loaded(changed.stream().filter(pending -> writtenKeys.contains(pending.key)).map(p -> p.source)
                .toList());
    }

    /**
     * Finds the local ids of the cards that have none yet and decides what to write. Where worklogs are mapped or
     * cards can be marked removed, every card is looked up with those attributes: only the worklog entries the
     * target card lacks are written, and a card marked removed keeps that status unless the task reactivates it.
     */
    private void prepare(List<Pending> pending) {
        if (worklogs.attributes().isEmpty() && !returning.active()) {
            findLocalIds(pending.stream().filter(p -> p.localId == null).collect(Collectors.toList()));
            return;
        }
        if (pending.isEmpty()) {
            return;
        }
        List<String> attributes = new ArrayList<>(worklogs.attributes());
        if (returning.active()) {
            attributes.add(returning.statusAttribute());
        }
        Map<String, DataCard> found = LocalCards.cardsByKey(local, mapping.targetTemplate(),
                mapping.uniqueKeyAttribute(), pending.stream().map(p -> p.key).toList(), attributes);
        for (Pending p : pending) {
            DataCard existing = found.get(p.key);
            if (existing != null) {
                p.localId = existing.id();
            }
            p.toWrite = worklogs.onlyNew(p.card, existing);
            if (returning.markedRemoved(existing)) {
                p.toWrite = returning.toWrite(p.toWrite);
                // Marking a card removed drops its cache entry: a card still cached came back in an earlier run.
                p.cameBack = !p.idFromCache;
            }
        }
    }

    private void findLocalIds(List<Pending> pending) {
        if (pending.isEmpty()) {
            return;
        }
        Map<String, String> ids = LocalCards.idsByKey(local, mapping.targetTemplate(), mapping.uniqueKeyAttribute(),
                pending.stream().map(p -> p.key).collect(Collectors.toList()));
        pending.forEach(p -> p.localId = ids.get(p.key));
    }

    /**
     * Upserts the cards; returns those whose cached id was refused, to try again, when {@code retryStale}. The
     * gateway finds out by the unique key what landed when a write fails after it was sent, so a page is never
     * created twice.
     */
    private List<Pending> write(List<Pending> pending, List<CacheEntry> written, boolean retryStale) {
        List<DataCard> cards = pending.stream().map(p -> p.toWrite.withId(p.localId)).collect(Collectors.toList());
        List<WriteOutcome> outcomes = local.upsert(mapping.targetTemplate(), cards, mapping.uniqueKeyAttribute());
        List<Pending> stale = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            Pending card = pending.get(i);
            WriteOutcome outcome = outcomes.get(i);
            if (outcome.ok()) {
                card.created = outcome.created();
                if (outcome.created()) {
                    progress.created(1);
                    events.created(card.key, outcome.id(), card.source.id(), written(card.toWrite));
                } else {
                    progress.updated(1);
                    events.updated(card.key, outcome.id(), card.source.id(), written(card.toWrite));
                }
                written.add(new CacheEntry(card.key, card.fingerprint, outcome.id()));
                if (card.cameBack) {
                    returning.cameBack(card.key);
                }
            } else if (retryStale && card.idFromCache) {
                stale.add(card);
            } else {
                progress.failed(1);
                watermark.failed(card.changeMark);
                progress.info(card.key + ": refused by the local instance: " + outcome.error());
                events.refused(card.key, card.localId, card.source.id(),
                        "refused by the local instance: " + outcome.error());
            }
        }
        return stale;
    }

    /** The attributes a write sets, without the task's own bookkeeping attributes. */
    private List<String> written(DataCard card) {
        return card.attributes().keySet().stream()
                .filter(code -> !code.equals(mapping.taskIdAttribute()) && !code.equals(mapping.taskNameAttribute()))
                .sorted().toList();
    }

    /** A remote card as run messages name it: by the remote's own card key where it has one, else by id. */
    private String describe(DataCard source) {
        String keyAttribute = remote.cardKeyAttribute();
        String key = keyAttribute == null ? null : source.text(keyAttribute);
        return key != null ? key : "card " + source.id();
    }

    private static String join(List<MappingProblem> problems) {
        return problems.stream().map(MappingProblem::toString).collect(Collectors.joining("; "));
    }
}
