package io.cardlink.api.store;

import org.osgi.annotation.versioning.ProviderType;

/** Whether the database behind the stores answers, for the status page. */
@ProviderType
public interface StoreHealth {

    /** Runs a trivial query; true when it succeeded within a few seconds. */
    boolean reachable();

    /** The database product and version, such as {@code Apache Derby 10.14.2.0}. */
    String database();
}
