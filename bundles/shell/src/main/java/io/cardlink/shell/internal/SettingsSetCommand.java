package io.cardlink.shell.internal;

import io.cardlink.api.service.SettingsService;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "cardlink", name = "settings-set",
        description = "Changes one engine setting; it applies at once, without a restart",
        detailedDescription = "Examples: cardlink:settings-set environment PROD\n"
                + "  cardlink:settings-set cacheClearHours 6,12\n"
                + "  cardlink:settings-set localUrl https://acme.efectecloud.com")
public class SettingsSetCommand implements Action {

    @Reference(optional = true)
    SettingsService settings;

    @Argument(index = 0, name = "key", description = "The setting", required = true)
    @Completion(SettingKeyCompleter.class)
    String key;

    @Argument(index = 1, name = "value", description = "Its new value", required = true)
    String value;

    @Override
    public Object execute() {
        if (settings == null) {
            System.err.println(SettingsCommand.UNAVAILABLE);
            return null;
        }
        return CommandSupport.run(System.err, () -> {
            settings.update(Map.of(key, value));
            System.out.println("Setting '" + key + "' changed; it applies now.");
            return null;
        });
    }
}
