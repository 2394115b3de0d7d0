package io.cardlink.api.store;

import java.util.Collection;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The unique keys a run has read so far, kept in the database rather than in memory: they drop duplicates within a
 * run and tell, after a complete extract, which local cards were not seen. Each method is one transaction.
 */
@ProviderType
public interface RunKeyStore {

    /** Records the keys as seen by the run; returns those it had seen already (duplicates). */
    Set<String> markSeen(String runId, Collection<String> uniqueKeys);

    /** Which of the given keys the run has seen. */
    Set<String> seen(String runId, Collection<String> uniqueKeys);

    /** Forgets the keys of a run; returns how many there were. */
    long forget(String runId);

    /** Forgets the keys of every run that has finished (runs left by a crash included); returns how many. */
    long forgetFinished();
}
