package io.cardlink.shell.internal;

import io.cardlink.api.service.SecretKeyService;
import io.cardlink.api.service.SecretKeyService.Rotation;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "cardlink", name = "key-rotate",
        description = "Makes a new secrets key and seals every connector secret again under it, in one transaction",
        detailedDescription = "The key file (etc/cardlink-secrets.key) is replaced once the secrets are sealed again."
                + " Nodes that share the database need the new file; copy it to them and to your backup.")
public class KeyRotateCommand implements Action {

    @Reference(optional = true)
    SecretKeyService keys;

    @Override
    public Object execute() {
        if (keys == null) {
            throw new CommandRefused(CommandSupport.UNAVAILABLE);
        }
        return CommandSupport.run(() -> {
            Rotation rotation = keys.rotate();
            System.out.println("Sealed " + rotation.secrets() + " secret(s) of " + rotation.connectors()
                    + " connector(s) again under a new key, now in " + rotation.keyFile() + ".");
            System.out.println("Copy that file to the other nodes sharing the database, and to your backup: the old"
                    + " key no longer opens anything.");
            return null;
        });
    }
}
