package io.cardlink.shell.internal;

import io.cardlink.api.connector.ConnectorType;
import io.cardlink.api.connector.ConnectorTypeRegistry;
import io.cardlink.api.connector.TaskSettingDescriptor;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the scheduled-task setting keys of the installed connector types ({@code eqlFilter=} and so on). */
@Service
public class TaskSettingCompleter implements Completer {

    @Reference(optional = true)
    ConnectorTypeRegistry types;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        if (types != null) {
            for (ConnectorType type : types.installed()) {
                for (TaskSettingDescriptor setting : type.taskSettings()) {
                    delegate.getStrings().add(setting.key() + "=");
                }
            }
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
