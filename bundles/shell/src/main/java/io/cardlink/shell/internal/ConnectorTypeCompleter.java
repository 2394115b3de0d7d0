package io.cardlink.shell.internal;

import io.cardlink.api.connector.ConnectorType;
import io.cardlink.api.connector.ConnectorTypeRegistry;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the ids of installed connector types. */
@Service
public class ConnectorTypeCompleter implements Completer {

    @Reference(optional = true)
    ConnectorTypeRegistry types;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        if (types != null) {
            types.installed().stream().map(ConnectorType::id).forEach(delegate.getStrings()::add);
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
