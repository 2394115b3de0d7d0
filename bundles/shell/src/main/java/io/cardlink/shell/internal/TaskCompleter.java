package io.cardlink.shell.internal;

import io.cardlink.api.CardlinkException;
import io.cardlink.api.service.TaskService;
import io.cardlink.api.task.EventTask;
import io.cardlink.api.task.ScheduledTask;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the names of the tasks of the connector given as the command's first argument. */
@Service
public class TaskCompleter implements Completer {

    @Reference(optional = true)
    TaskService tasks;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        String connector = connectorArgument(commandLine.getArguments(), commandLine.getCursorArgumentIndex());
        if (tasks != null && connector != null) {
            try {
                tasks.listScheduled(connector, null).stream().map(ScheduledTask::name)
                        .forEach(delegate.getStrings()::add);
                tasks.listEvent(connector, null).stream().map(EventTask::name).forEach(delegate.getStrings()::add);
            } catch (CardlinkException unknownConnector) {
                // nothing to offer for a connector that does not exist
            }
        }
        return delegate.complete(session, commandLine, candidates);
    }

    /** The first word after the command that is not an option and not the word being completed. */
    static String connectorArgument(String[] words, int cursor) {
        for (int i = 1; i < words.length && i < cursor; i++) {
            if (!words[i].startsWith("-")) {
                return unquote(words[i]);
            }
        }
        return null;
    }

    private static String unquote(String word) {
        if (word.length() >= 2 && (word.startsWith("\"") && word.endsWith("\"")
                || word.startsWith("'") && word.endsWith("'"))) {
            return word.substring(1, word.length() - 1);
        }
        return word;
    }
}
