package io.cardlink.engine.internal;

import java.nio.file.Path;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The node's secret sealer as a service inside the engine bundle. The key lives in Karaf's etc folder
 * ({@code cardlink-secrets.key}); nodes sharing one database must share that file.
 */
@Component(service = Secrets.class)
public class Secrets {
    static final String KEY_FILE_NAME = "cardlink-secrets.key";

    private final SecretSealer sealer;

    @Activate
    public Secrets() {
        this(Path.of(System.getProperty("karaf.etc", "etc"), KEY_FILE_NAME));
    }

    Secrets(Path keyFile) {
        this.sealer = SecretSealer.fromKeyFile(keyFile);
    }

    public String seal(String plain) {
        return sealer.seal(plain);
    }

    public String unseal(String sealed) {
        return sealer.unseal(sealed);
    }
}
