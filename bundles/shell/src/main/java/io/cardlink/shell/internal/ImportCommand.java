package io.cardlink.shell.internal;

import io.cardlink.api.service.ExportImportService;
import io.cardlink.api.service.ImportReport;
import io.cardlink.api.service.ImportReport.ConnectorImport;
import io.cardlink.api.service.ImportReport.Refusal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

@Service
@Command(scope = "cardlink", name = "import", description = "Imports connectors and tasks from an export file: all of it or, when anything is refused, nothing",
        detailedDescription = "The export's password is asked for without echo. --dry-run tells what would be "
                + "created, updated and refused without writing anything.")
public class ImportCommand implements Action {

    @Reference(optional = true)
    ExportImportService service;

    @Reference
    Session session;

    @Option(name = "--dry-run", description = "Only tell what would be created, updated and refused")
    boolean dryRun;

    @Argument(index = 0, name = "file", description = "The export file", required = true)
    String file;

    @Override
    public Object execute() throws IOException {
        if (service == null) {
            throw new CommandRefused(CommandSupport.UNAVAILABLE);
        }
        Path path = Path.of(file);
        if (!Files.isReadable(path)) {
            throw new CommandRefused("Can't read " + file + ".");
        }
        String document = Files.readString(path, StandardCharsets.UTF_8);
        String typed = CommandSupport.askSecret(session, "export password");
        char[] secret = typed.toCharArray();
        try {
            return CommandSupport.run(() -> {
                print(service.importDocument(document, secret, dryRun));
                return null;
            });
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    static void print(ImportReport report) {
        for (ConnectorImport connector : report.connectors()) {
            String what = connector.action() == null ? "refused"
                    : connector.action() == ImportReport.Action.CREATE ? "new connector"
                    : "merged into '" + connector.target() + "'";
            System.out.println("Connector '" + connector.name() + "': " + what);
            line("tasks created", connector.tasksCreated());
            line("tasks updated", connector.tasksUpdated());
            line("tasks unchanged", connector.tasksUnchanged());
        }
        if (!report.refused().isEmpty()) {
            System.out.println("Refused:");
            for (Refusal refusal : report.refused()) {
                String where = refusal.connector() + (refusal.task() == null ? "" : " / " + refusal.task())
                        + (refusal.field() == null || refusal.field().isEmpty() ? "" : " / " + refusal.field());
                System.out.println("  " + where + ": " + refusal.reason());
            }
        }
        report.warnings().forEach(w -> System.out.println("Warning: " + w));
        if (report.applied()) {
            System.out.println("Imported.");
        } else if (report.dryRun()) {
            System.out.println(report.refused().isEmpty() ? "Dry run: nothing was written; the import would succeed."
                    : "Dry run: nothing was written; the import would be refused.");
        } else {
            System.out.println("Nothing was imported: fix what was refused and try again.");
        }
    }

    private static void line(String label, List<String> names) {
        if (!names.isEmpty()) {
            System.out.println("  " + label + ": " + String.join(", ", names));
        }
    }
}
