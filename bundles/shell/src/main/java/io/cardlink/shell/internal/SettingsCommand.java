package io.cardlink.shell.internal;

import io.cardlink.api.service.EngineSettings;
import io.cardlink.api.service.SettingsService;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "cardlink", name = "settings",
        description = "Shows the engine settings of this node (etc/io.cardlink.engine.cfg)")
public class SettingsCommand implements Action {
    static final String UNAVAILABLE = "The engine settings are not available right now: the engine bundle is not active.";

    @Reference(optional = true)
    SettingsService settings;

    @Override
    public Object execute() {
        if (settings == null) {
            throw new CommandRefused(UNAVAILABLE);
        }
        EngineSettings current = settings.current();
        ShellTable table = new ShellTable();
        table.column("Setting");
        table.column("Value");
        table.addRow().addContent("localUrl", current.localUrl());
        table.addRow().addContent("localApiPath", current.localApiPath());
        table.addRow().addContent(SettingsService.LOCAL_USER, current.localUser() == null ? "(not set)"
                : current.localUser());
        table.addRow().addContent(SettingsService.LOCAL_PASSWORD, current.localPasswordSet() ? "(set)" : "(not set)");
        table.addRow().addContent("environment", current.environment());
        table.addRow().addContent("cacheClearHours", hours(current.cacheClearHours()));
        table.addRow().addContent("maxConcurrentRuns", current.maxConcurrentRuns());
        table.addRow().addContent("demo", current.demo());
        table.print(System.out);
        return null;
    }

    static String hours(List<Integer> hours) {
        return hours.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
