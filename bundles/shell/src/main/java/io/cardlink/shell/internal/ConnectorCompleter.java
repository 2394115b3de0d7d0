package io.cardlink.shell.internal;

import io.cardlink.api.service.ConnectorService;
import io.cardlink.api.service.ConnectorView;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes connector names and ids. */
@Service
public class ConnectorCompleter implements Completer {

    @Reference(optional = true)
    ConnectorService connectors;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        if (connectors != null) {
            for (ConnectorView view : connectors.list(null)) {
                delegate.getStrings().add(view.name());
                delegate.getStrings().add(view.id());
            }
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
