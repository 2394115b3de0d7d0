package io.cardlink.api.alert;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The alerts operators see and acknowledge. */
@ProviderType
public interface AlertService {

    /** The alerts in {@code state} (null for all), the most recently seen first. */
    List<Alert> list(AlertState state);

    /** Acknowledges an alert; a {@link io.cardlink.api.NotFoundException} when it does not exist. */
    Alert acknowledge(String id, String by);
}
