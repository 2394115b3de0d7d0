package io.cardlink.shell.internal;

import io.cardlink.api.connector.EndpointCheck;
import io.cardlink.api.service.ConnectionTestReport;
import io.cardlink.api.service.ConnectorService;
import java.util.Locale;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "cardlink", name = "connector-test",
        description = "Logs in to the remote and the local instance of a connector and shows each result")
public class ConnectorTestCommand implements Action {

    @Reference(optional = true)
    ConnectorService connectors;

    @Argument(index = 0, name = "connector", description = "Connector name or id", required = true)
    @Completion(ConnectorCompleter.class)
    String connector;

    @Override
    public Object execute() {
        if (connectors == null) {
            throw new CommandRefused(CommandSupport.UNAVAILABLE);
        }
        return CommandSupport.run(() -> {
            ConnectionTestReport report = connectors.test(connector);
            ShellTable table = new ShellTable();
            table.column("Instance");
            table.column("Result");
            table.column("Time");
            table.column("Message").maxSize(100).wrap();
            for (EndpointCheck check : new EndpointCheck[] {report.remote(), report.local()}) {
                table.addRow().addContent(check.endpoint(), check.result(),
                        String.format(Locale.ROOT, "%.2f s", check.millis() / 1000.0), check.message());
            }
            table.print(System.out);
            System.out.println(report.ok() ? "Connector '" + report.connectorName() + "' reaches both instances."
                    : "Connector '" + report.connectorName() + "' does not reach both instances; see above.");
            return null;
        });
    }
}
