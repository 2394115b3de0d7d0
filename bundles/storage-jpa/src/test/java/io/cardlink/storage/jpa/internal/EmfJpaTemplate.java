package io.cardlink.storage.jpa.internal;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import org.apache.aries.jpa.template.EmConsumer;
import org.apache.aries.jpa.template.EmFunction;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;

/**
 * A JpaTemplate outside OSGi that behaves like Aries' resource-local one for what the stores call: Required only,
 * one entity manager and transaction per call, rollback and the original runtime exception on failure, including
 * a failure at commit.
 */
final class EmfJpaTemplate implements JpaTemplate {

    private final EntityManagerFactory emf;

    EmfJpaTemplate(EntityManagerFactory emf) {
        this.emf = emf;
    }

    @Override
    public <R> R txExpr(TransactionType type, EmFunction<R> code) {
        if (type != TransactionType.Required) {
            throw new IllegalStateException("only the Required propagation is supported");
        }
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            R result = code.apply(em);
            em.getTransaction().commit();
            return result;
        } catch (RuntimeException e) {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            throw e;
        } finally {
            em.close();
        }
    }

    @Override
    public void tx(TransactionType type, EmConsumer code) {
        txExpr(type, em -> {
            code.accept(em);
            return null;
        });
    }

    @Override
    public <R> R txExpr(EmFunction<R> code) {
        return txExpr(TransactionType.Required, code);
    }

    @Override
    public void tx(EmConsumer code) {
        tx(TransactionType.Required, code);
    }
}
