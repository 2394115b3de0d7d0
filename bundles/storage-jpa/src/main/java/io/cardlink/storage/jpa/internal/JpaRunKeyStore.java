package io.cardlink.storage.jpa.internal;

import io.cardlink.api.run.RunStatus;
import io.cardlink.api.store.RunKeyStore;
import io.cardlink.api.store.TaskCacheStore;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.persistence.EntityManager;
import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The keys each run has read. */
@Component(service = RunKeyStore.class,
        reference = @Reference(name = "schema", service = SchemaReady.class))
public final class JpaRunKeyStore implements RunKeyStore {

    private static final List<RunStatus> FINISHED = Arrays.stream(RunStatus.values())
            .filter(RunStatus::finished)
            .collect(Collectors.toUnmodifiableList());

    private final Transactions transactions;

    @Activate
    public JpaRunKeyStore(@Reference(target = "(osgi.unit.name=cardlink)") JpaTemplate jpa) {
        this.transactions = new Transactions(jpa);
    }

    @Override
    public Set<String> markSeen(String runId, Collection<String> uniqueKeys) {
        for (String key : uniqueKeys) {
            if (!Columns.fits(key, TaskCacheStore.MAX_KEY_LENGTH)) {
                throw new io.cardlink.api.ValidationException("uniqueKey",
                        Columns.tooLong(TaskCacheStore.MAX_KEY_LENGTH));
            }
        }
        if (uniqueKeys.isEmpty()) {
            return Set.of();
        }
        return transactions.run(em -> {
            Set<String> before = seen(em, runId, uniqueKeys);
            for (String key : new LinkedHashSet<>(uniqueKeys)) {
                if (!before.contains(key)) {
                    em.persist(new RunKeyEntity(runId, key));
                }
            }
            return before;
        });
    }

    @Override
    public Set<String> seen(String runId, Collection<String> uniqueKeys) {
        if (uniqueKeys.isEmpty()) {
            return Set.of();
        }
        return transactions.run(em -> seen(em, runId, uniqueKeys));
    }

    @Override
    public long forget(String runId) {
        return transactions.run(em -> (long) em.createQuery("delete from RunKeyEntity k where k.runId = :r")
                .setParameter("r", runId).executeUpdate());
    }

    @Override
    public long forgetFinished() {
        return transactions.run(em -> (long) em.createQuery("delete from RunKeyEntity k where k.runId not in"
                + " (select r.id from RunEntity r where r.status not in :finished)")
                .setParameter("finished", FINISHED).executeUpdate());
    }

    private static Set<String> seen(EntityManager em, String runId, Collection<String> keys) {
        Set<String> seen = new HashSet<>();
        for (List<String> chunk : JpaTaskCacheStore.chunks(keys)) {
            seen.addAll(em.createQuery("select k.uniqueKey from RunKeyEntity k where k.runId = :r"
                    + " and k.uniqueKey in :k", String.class)
                    .setParameter("r", runId).setParameter("k", chunk).getResultList());
        }
        return seen;
    }
}
