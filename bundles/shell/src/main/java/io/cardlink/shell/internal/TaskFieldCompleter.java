package io.cardlink.shell.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the field names task-edit takes, of both kinds of task. */
@Service
public class TaskFieldCompleter implements Completer {

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        Set<String> fields = new LinkedHashSet<>(TaskFields.SCHEDULED);
        fields.addAll(TaskFields.EVENT);
        return new StringsCompleter(fields).complete(session, commandLine, candidates);
    }
}
