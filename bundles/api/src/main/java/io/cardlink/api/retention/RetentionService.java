package io.cardlink.api.retention;

import org.osgi.annotation.versioning.ProviderType;

/** The clean-up of old records and files, which also runs every day on its own. */
@ProviderType
public interface RetentionService {

    /** Removes now what the retention settings no longer keep, and reports how much. */
    RetentionReport runNow();
}
