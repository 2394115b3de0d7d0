package io.cardlink.emulator;

import io.cardlink.emulator.internal.Emulator;
import io.cardlink.emulator.internal.JdkHttpHost;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * An emulator listening on a port, serving each instance NAME at
 * {@code http://HOST:PORT/emulator/NAME/rest-api/itsm/v1} (or the base path its fixture gives) and its admin
 * endpoints at {@code /emulator/NAME/_admin/...}.
 */
public final class EmulatorServer implements AutoCloseable {
    private final Emulator emulator;
    private final JdkHttpHost host;
    private final String address;

    private EmulatorServer(Emulator emulator, JdkHttpHost host, String address) {
        this.emulator = emulator;
        this.host = host;
        this.address = address;
    }

    /** Loads the fixture, seeds the instances and starts listening. */
    public static EmulatorServer start(EmulatorOptions options) {
        Emulator emulator = new Emulator(options);
        try {
            JdkHttpHost host = new JdkHttpHost(emulator, options.host(), options.port(), options.threads());
            String address = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
            return new EmulatorServer(emulator, host, address);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + options.host() + ":" + options.port(), e);
        }
    }

    public int port() {
        return host.port();
    }

    /** {@code http://127.0.0.1:PORT/emulator/NAME/rest-api/itsm/v1}: the API base URL of an instance. */
    public String baseUrl(String instance) {
        return rootUrl(instance) + instance(instance).basePath();
    }

    /** {@code http://127.0.0.1:PORT/emulator/NAME}: the root of an instance, above its API and {@code _admin}. */
    public String rootUrl(String instance) {
        instance(instance);
        return "http://" + address + ":" + port() + JdkHttpHost.CONTEXT + "/" + instance;
    }

    /** An instance by name; throws {@link NoSuchElementException} for a name the fixture does not define. */
    public EmulatorInstance instance(String name) {
        return emulator.instance(name).orElseThrow(() -> new NoSuchElementException("no emulated instance " + name));
    }

    public List<EmulatorInstance> instances() {
        return List.copyOf(emulator.instances());
    }

    @Override
    public void close() {
        host.close();
    }
}
