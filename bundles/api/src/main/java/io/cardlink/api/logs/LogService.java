package io.cardlink.api.logs;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Cardlink's log folder: the engine's, the extract's and the load's files and their rotated predecessors. Only
 * names of that folder are served: a name with a path in it is refused with a
 * {@link io.cardlink.api.ValidationException}, an unknown one with a {@link io.cardlink.api.NotFoundException}.
 */
@ProviderType
public interface LogService {

    /** The files of the log folder, by name. */
    List<LogFile> list();

    /** The file of that name, for checks before a download; the exceptions above when it is not served. */
    LogFile find(String name);

    /** Copies one file to {@code out}. */
    void copy(String name, OutputStream out) throws IOException;

    /** Writes every file of the folder to {@code out} as one zip. */
    void zip(OutputStream out) throws IOException;

    /**
     * The lines of one run, from every file including rotated ones, oldest first (a line's continuation, such as a
     * stack trace, stays with it); a {@link io.cardlink.api.NotFoundException} when there is no such run. At most
     * {@code limit} lines, the last ones.
     */
    List<String> runLines(String runId, int limit);

    /** The last {@code limit} lines of the current files together, oldest first. */
    List<String> tail(int limit);
}
