package io.cardlink.shell.internal;

import io.cardlink.api.service.ExportImportService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

@Service
@Command(scope = "cardlink", name = "export", description = "Exports connectors with all their tasks to a JSON file; secrets in it are encrypted with a password",
        detailedDescription = "The password (at least " + ExportImportService.MIN_PASSWORD_LENGTH + " characters) is"
                + " asked for twice without echo. Example: cardlink:export -o /tmp/hr.json \"HR sync\"")
public class ExportCommand implements Action {

    @Reference(optional = true)
    ExportImportService service;

    @Reference
    Session session;

    @Option(name = "-o", aliases = "--output", description = "The file to write", required = true)
    String output;

    @Argument(index = 0, name = "connectors", description = "Connector names or ids", required = true, multiValued = true)
    @Completion(ConnectorCompleter.class)
    List<String> connectors;

    @Override
    public Object execute() throws IOException {
        if (service == null) {
            throw new CommandRefused(CommandSupport.UNAVAILABLE);
        }
        char[] secret = askTwice();
        try {
            return CommandSupport.run(() -> {
                write(Path.of(output), service.export(connectors, secret));
                System.out.println("Exported " + connectors.size() + " connector(s) with their tasks to " + output
                        + ".");
                return null;
            });
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    private char[] askTwice() {
        String first = CommandSupport.askSecret(session, "export password");
        String second = CommandSupport.askSecret(session, "export password again");
        if (!first.equals(second)) {
            throw new CommandRefused("The passwords differ; nothing was exported.");
        }
        return first.toCharArray();
    }

    /** Readable by its owner only where the file system allows: the file holds encrypted secrets. */
    private static void write(Path file, String document) {
        try {
            Path absolute = file.toAbsolutePath();
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
            Files.writeString(absolute, document, StandardCharsets.UTF_8);
            if (absolute.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(absolute, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("can't write " + file + ": " + e.getMessage(), e);
        }
    }
}
