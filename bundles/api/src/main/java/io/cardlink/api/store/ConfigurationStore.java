package io.cardlink.api.store;

import org.osgi.annotation.versioning.ProviderType;

/** Writes of connectors and tasks that belong together, such as an import. */
@ProviderType
public interface ConfigurationStore {

    /**
     * Writes the whole plan in one transaction: on any failure (a name taken meanwhile, an unknown task, a database
     * error) nothing of it is written. Returns the plan as stored, with times set.
     */
    ImportPlan apply(ImportPlan plan);
}
