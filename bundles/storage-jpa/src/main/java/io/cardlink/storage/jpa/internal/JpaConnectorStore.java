package io.cardlink.storage.jpa.internal;

import io.cardlink.api.ConflictException;
import io.cardlink.api.NotFoundException;
import io.cardlink.api.Validation;
import io.cardlink.api.connector.Connector;
import io.cardlink.api.store.ConnectorStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.persistence.EntityManager;
import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Connectors and their sealed secrets in the {@code cardlink} persistence unit. */
@Component(service = ConnectorStore.class,
        reference = @Reference(name = "schema", service = SchemaReady.class))
public final class JpaConnectorStore implements ConnectorStore {

    private final Transactions transactions;

    @Activate
    public JpaConnectorStore(@Reference(target = "(osgi.unit.name=cardlink)") JpaTemplate jpa) {
        this.transactions = new Transactions(jpa);
    }

    @Override
    public Connector create(Connector connector) {
        validate(connector);
        String id = Ids.orNew(connector.id());
        return transactions.run(() -> nameTaken(connector.name()), em -> {
            if (em.find(ConnectorEntity.class, id) != null) {
                throw new ConflictException("a connector with id '" + id + "' already exists");
            }
            if (idByName(em, connector.name()).isPresent()) {
                throw new ConflictException(nameTaken(connector.name()));
            }
            Instant now = Transactions.now();
            ConnectorEntity entity = new ConnectorEntity(id, now);
            entity.apply(connector, now);
            em.persist(entity);
            em.flush();
            return entity.toConnector();
        });
    }

    @Override
    public Connector update(Connector connector) {
        new Validation().require("id", connector.id()).throwIfInvalid();
        validate(connector);
        return transactions.run(() -> nameTaken(connector.name()), em -> {
            ConnectorEntity entity = em.find(ConnectorEntity.class, connector.id());
            if (entity == null) {
                throw notFound(connector.id());
            }
            Optional<String> holder = idByName(em, connector.name());
            if (holder.isPresent() && !holder.get().equals(connector.id())) {
                throw new ConflictException(nameTaken(connector.name()));
            }
            entity.apply(connector, Transactions.now());
            em.flush();
            return entity.toConnector();
        });
    }

    @Override
    public Optional<Connector> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        return transactions.run(em -> Optional.ofNullable(em.find(ConnectorEntity.class, id))
                .map(ConnectorEntity::toConnector));
    }

    @Override
    public Optional<Connector> findByName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return transactions.run(em -> em
                .createQuery("select c from ConnectorEntity c where c.name = :name", ConnectorEntity.class)
                .setParameter("name", name)
                .getResultStream()
                .findFirst()
                .map(ConnectorEntity::toConnector));
    }

    @Override
    public List<Connector> search(String text) {
        String pattern = text == null || text.isBlank() ? "%" : "%" + escapeLike(text.trim()) + "%";
        return transactions.run(em -> em
                .createQuery("select c from ConnectorEntity c where lower(c.id) like :p escape '!'"
                        + " or lower(c.name) like :p escape '!' or lower(c.typeId) like :p escape '!'"
                        + " order by lower(c.name), c.id", ConnectorEntity.class)
                .setParameter("p", pattern)
                .getResultStream()
                .map(ConnectorEntity::toConnector)
                .collect(Collectors.toList()));
    }

    @Override
    public void replaceSealedSecrets(Map<String, Map<String, String>> sealedByConnectorId) {
        for (Map.Entry<String, Map<String, String>> connector : sealedByConnectorId.entrySet()) {
            validate(new Connector(connector.getKey(), "-", "-", null, Map.of(), connector.getValue(), null, null));
        }
        transactions.run(em -> {
            for (Map.Entry<String, Map<String, String>> connector : sealedByConnectorId.entrySet()) {
                ConnectorEntity entity = em.find(ConnectorEntity.class, connector.getKey());
                if (entity == null) {
                    throw notFound(connector.getKey());
                }
                entity.replaceSecrets(connector.getValue());
            }
            em.flush();
            return null;
        });
    }

    @Override
    public List<String> removeSettings(Set<String> keys) {
        return transactions.run(em -> {
            List<String> changed = new ArrayList<>();
            for (ConnectorEntity entity : em.createQuery("select c from ConnectorEntity c order by c.id",
                    ConnectorEntity.class).getResultList()) {
                if (entity.removeKeys(keys)) {
                    changed.add(entity.id());
                }
            }
            em.flush();
            return changed;
        });
    }

    @Override
    public boolean delete(String id) {
        if (id == null) {
            return false;
        }
        return transactions.run(em -> {
            ConnectorEntity entity = em.find(ConnectorEntity.class, id);
            if (entity == null) {
                return false;
            }
            JpaTaskCacheStore.forgetTasks(em, "select t.id from TaskEntity t where t.connectorId = :v", id);
            JpaOutboxStore.removeFinishedOfTasks(em, "select t.id from TaskEntity t where t.connectorId = :v", id);
            em.createQuery("delete from RunEntity r where r.connectorId = :id").setParameter("id", id)
                    .executeUpdate();
            em.createQuery("delete from WorkflowReferenceEntity r where r.connectorId = :id").setParameter("id", id)
                    .executeUpdate();
            em.createQuery("delete from OutboxCardEntity c where c.connectorId = :id").setParameter("id", id)
                    .executeUpdate();
            em.createQuery("delete from TaskEntity t where t.connectorId = :id").setParameter("id", id)
                    .executeUpdate();
            em.remove(entity);
            return true;
        });
    }

    static NotFoundException notFound(String id) {
        return new NotFoundException("no connector with id '" + id + "'");
    }

    static String nameTaken(String name) {
        return "a connector named '" + name + "' already exists";
    }

    static Optional<String> idByName(EntityManager em, String name) {
        return em.createQuery("select c.id from ConnectorEntity c where c.name = :name", String.class)
                .setParameter("name", name)
                .getResultStream()
                .findFirst();
    }

    /** Lower-cased, with LIKE's wildcards and the escape character taken literally. */
    private static String escapeLike(String text) {
        return text.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    static void validate(Connector connector) {
        Validation validation = new Validation()
                .require("name", connector.name())
                .require("typeId", connector.typeId())
                .check(Columns.fits(connector.id(), Columns.ID), "id", Columns.tooLong(Columns.ID))
                .check(Columns.fits(connector.name(), Columns.NAME), "name", Columns.tooLong(Columns.NAME))
                .check(Columns.fits(connector.typeId(), Columns.TYPE_ID), "typeId", Columns.tooLong(Columns.TYPE_ID))
                .check(Columns.fits(connector.description(), Columns.DESCRIPTION), "description",
                        Columns.tooLong(Columns.DESCRIPTION));
        for (Map.Entry<String, String> secret : connector.sealedSecrets().entrySet()) {
            String field = "sealedSecrets." + secret.getKey();
            validation.check(Columns.fits(secret.getKey(), Columns.NAME), field, Columns.tooLong(Columns.NAME))
                    .require(field, secret.getValue())
                    .check(Columns.fits(secret.getValue(), Columns.SEALED_VALUE), field,
                            Columns.tooLong(Columns.SEALED_VALUE));
        }
        validation.throwIfInvalid();
    }
}
