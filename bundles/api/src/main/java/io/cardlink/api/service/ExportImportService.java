package io.cardlink.api.service;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Moves connectors with their tasks between installations as one JSON document. Secrets in it are encrypted with a
 * key derived from a password the operator gives (PBKDF2-HMAC-SHA256, at least {@link #MIN_ITERATIONS} iterations,
 * random salt, AES-256-GCM); everything else is readable, and the whole document is authenticated with the same
 * password, so a changed document or a wrong password is refused before anything is written. The password is
 * never stored or logged.
 */
@ProviderType
public interface ExportImportService {

    /** The fewest characters an export password may have. */
    int MIN_PASSWORD_LENGTH = 12;

    /** The fewest PBKDF2 iterations an export is made or accepted with. */
    int MIN_ITERATIONS = 600_000;

    /**
     * The export document (JSON text) of the given connectors (ids or names) with all their scheduled and event
     * tasks. A {@link io.cardlink.api.ValidationException} names {@code password} when it is too short and
     * {@code connectors[i]} for a connector that does not exist.
     */
    String export(List<String> connectors, char[] password);

    /**
     * Imports an export document. A connector of the same type whose {@code remoteUrl} host and port and
     * {@code remoteUser} match an existing connector's is merged into it (its tasks added or updated by name; the
     * existing connector's own settings and secrets are kept); any other connector is created, and refused when its
     * name is taken. Every task is validated against the target connector's instances before anything is written;
     * when anything is refused nothing is written. With {@code dryRun} nothing is written either way and the report
     * tells what would happen.
     *
     * @throws io.cardlink.api.ValidationException on {@code password} when the password does not open the document,
     *         on {@code document} when it is not an export or was changed after export
     */
    ImportReport importDocument(String document, char[] password, boolean dryRun);
}
