package io.cardlink.shell.internal;

import io.cardlink.api.service.EngineSettings;
import io.cardlink.api.service.SettingsService;
import java.lang.reflect.RecordComponent;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the engine setting keys, which are the components of {@link EngineSettings}. */
@Service
public class SettingKeyCompleter implements Completer {

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        for (RecordComponent component : EngineSettings.class.getRecordComponents()) {
            // the settings show whether a local password is set; it is set as localPassword
            delegate.getStrings().add(component.getName().equals("localPasswordSet") ? SettingsService.LOCAL_PASSWORD
                    : component.getName());
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
