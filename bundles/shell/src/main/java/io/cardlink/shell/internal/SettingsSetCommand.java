package io.cardlink.shell.internal;

import io.cardlink.api.FieldProblem;
import io.cardlink.api.ValidationException;
import io.cardlink.api.service.SettingsService;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

@Service
@Command(scope = "cardlink", name = "settings-set",
        description = "Changes one engine setting; it applies at once, without a restart",
        detailedDescription = "Examples: cardlink:settings-set environment PROD\n"
                + "  cardlink:settings-set cacheClearHours 6,12\n"
                + "  cardlink:settings-set localUser webapi   (the WebAPI user Cardlink logs in as at the local"
                + " instance)\n"
                + "  cardlink:settings-set localPassword   (asks for it, echo off; held sealed for the engine)\n"
                + "  cardlink:settings-set localUrl https://acme.efectecloud.com   (asks for the local WebAPI password"
                + " again when the host changes)")
public class SettingsSetCommand implements Action {

    @Reference(optional = true)
    SettingsService settings;

    @Reference
    Session session;

    @Argument(index = 0, name = "key", description = "The setting", required = true)
    @Completion(SettingKeyCompleter.class)
    String key;

    @Argument(index = 1, name = "value", description = "Its new value (none for localPassword, which is asked for)")
    String value;

    @Override
    public Object execute() {
        if (settings == null) {
            throw new CommandRefused(SettingsCommand.UNAVAILABLE);
        }
        Map<String, String> changes = new HashMap<>();
        if (key.equals(SettingsService.LOCAL_PASSWORD)) {
            if (value != null) {
                throw new CommandRefused("The local password is not taken from the command line, where it would stay in the"
                        + " shell history; leave the value out and type it when asked.");
            }
            String password = CommandSupport.askSecret(session, "local WebAPI password");
            changes.put(key, password);
        } else if (value == null) {
            throw new CommandRefused("Give the new value of '" + key + "'.");
        } else {
            changes.put(key, value);
        }
        return CommandSupport.run(() -> {
            try {
                settings.update(changes);
            } catch (ValidationException e) {
                // a local instance on another host needs the local password again: ask, then try once more
                Optional<FieldProblem> password = e.problems().stream()
                        .filter(p -> p.field().equals(SettingsService.LOCAL_PASSWORD)).findFirst();
                if (password.isEmpty() || e.problems().size() > 1 || changes.containsKey(SettingsService.LOCAL_PASSWORD)
                        || session == null || session.getTerminal() == null) {
                    throw e;
                }
                System.out.println(password.get().problem());
                String typed = CommandSupport.askSecret(session, "local WebAPI password");
                changes.put(SettingsService.LOCAL_PASSWORD, typed);
                settings.update(changes);
            }
            System.out.println("Setting '" + key + "' changed; it applies now.");
            return null;
        });
    }
}
