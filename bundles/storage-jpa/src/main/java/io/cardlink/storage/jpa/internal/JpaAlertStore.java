package io.cardlink.storage.jpa.internal;

import io.cardlink.api.ConflictException;
import io.cardlink.api.NotFoundException;
import io.cardlink.api.Validation;
import io.cardlink.api.alert.Alert;
import io.cardlink.api.alert.AlertSeverity;
import io.cardlink.api.alert.AlertState;
import io.cardlink.api.alert.AlertStore;
import io.cardlink.api.alert.AlertSubject;
import io.cardlink.api.retention.AlertCleanup;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.persistence.EntityManager;
import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Alerts; at most one open per subject, enforced by the database's unique open key. The retention clean-up removes
 * the ended ones through {@link AlertCleanup}.
 */
@Component(service = {AlertStore.class, AlertCleanup.class},
        reference = @Reference(name = "schema", service = SchemaReady.class))
public final class JpaAlertStore implements AlertStore, AlertCleanup {

    private final Transactions transactions;

    @Activate
    public JpaAlertStore(@Reference(target = "(osgi.unit.name=cardlink)") JpaTemplate jpa) {
        this.transactions = new Transactions(jpa);
    }

    @Override
    public Raised raise(AlertSubject subject, AlertSeverity severity, String message, Instant at) {
        new Validation().require("subject", subject).require("severity", severity).require("at", at)
                .throwIfInvalid();
        try {
            return raiseOnce(subject, severity, message, at);
        } catch (ConflictException e) {
            // another thread raised the same subject between our look-up and insert: it is open now, update it
            return raiseOnce(subject, severity, message, at);
        }
    }

    private Raised raiseOnce(AlertSubject subject, AlertSeverity severity, String message, Instant at) {
        return transactions.run(() -> "the alert of " + subject.key() + " was raised at the same time", em -> {
            Optional<AlertEntity> open = findOpen(em, subject);
            if (open.isPresent()) {
                open.get().seen(severity, message, at);
                return new Raised(open.get().toAlert(), false);
            }
            AlertEntity created = new AlertEntity(UUID.randomUUID().toString(), subject, severity, message, at);
            em.persist(created);
            em.flush();
            return new Raised(created.toAlert(), true);
        });
    }

    @Override
    public Optional<Alert> resolve(AlertSubject subject, Instant at) {
        return transactions.run(em -> findOpen(em, subject).map(entity -> {
            entity.resolve(at);
            return entity.toAlert();
        }));
    }

    @Override
    public Optional<Alert> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        return transactions.run(em -> Optional.ofNullable(em.find(AlertEntity.class, id)).map(AlertEntity::toAlert));
    }

    @Override
    public List<Alert> open() {
        return transactions.run(em -> em
                .createQuery("select a from AlertEntity a where a.state = :s order by a.lastSeenAt desc, a.id",
                        AlertEntity.class)
                .setParameter("s", AlertState.OPEN)
                .getResultStream()
                .map(AlertEntity::toAlert)
                .collect(Collectors.toList()));
    }

    @Override
    public List<Alert> list(AlertState state, int limit) {
        new Validation().check(limit > 0, "limit", "must be at least 1").throwIfInvalid();
        return transactions.run(em -> (state == null
                ? em.createQuery("select a from AlertEntity a order by a.lastSeenAt desc, a.id", AlertEntity.class)
                : em.createQuery("select a from AlertEntity a where a.state = :s order by a.lastSeenAt desc, a.id",
                        AlertEntity.class).setParameter("s", state))
                .setMaxResults(limit)
                .getResultStream()
                .map(AlertEntity::toAlert)
                .collect(Collectors.toList()));
    }

    @Override
    public Alert acknowledge(String id, String by, Instant at) {
        return transactions.run(em -> {
            AlertEntity entity = id == null ? null : em.find(AlertEntity.class, id);
            if (entity == null) {
                throw new NotFoundException("alert '" + id + "' does not exist");
            }
            entity.acknowledge(by, at);
            return entity.toAlert();
        });
    }

    @Override
    public int removeEndedBefore(Instant cutoff) {
        return transactions.run(em -> em.createQuery("delete from AlertEntity a where a.openKey is null"
                        + " and a.resolvedAt < :cutoff")
                .setParameter("cutoff", cutoff)
                .executeUpdate());
    }

    private static Optional<AlertEntity> findOpen(EntityManager em, AlertSubject subject) {
        return em.createQuery("select a from AlertEntity a where a.openKey = :k", AlertEntity.class)
                .setParameter("k", subject.key())
                .getResultStream()
                .findFirst();
    }
}
