package io.cardlink.emulator.internal;

import io.cardlink.emulator.EmulatorInstance;
import io.cardlink.emulator.EmulatorOptions;
import io.cardlink.emulator.EmulatorServer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar cardlink-emulator-VERSION-standalone.jar [--port 9090] [--host 127.0.0.1] [--fixture FILE]
 * [--generate instance:template:count[:seed]]... [--token-lifetime SECONDS] [--upload-limit BYTES] [--threads N]
 * [--max-cards N]}. It listens on 127.0.0.1 unless {@code --host} says otherwise: it has no users of its own.
 */
public final class StandaloneMain {
    private StandaloneMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmulatorOptions options = EmulatorOptions.defaults().withPort(9090);
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--help") || arg.equals("-h")) {
                    usage();
                    return;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + arg + " needs a value");
                }
                String value = args[++i];
                options = switch (arg) {
                    case "--port" -> options.withPort(Integer.parseInt(value));
                    case "--host" -> options.withHost(value);
                    case "--fixture" -> options.withFixture(Path.of(value));
                    case "--generate" -> GenerateSpec.apply(options, value);
                    case "--token-lifetime" -> options.withTokenLifetime(Duration.ofSeconds(Long.parseLong(value)));
                    case "--upload-limit" -> options.withUploadLimit(Long.parseLong(value));
                    case "--threads" -> options.withThreads(Integer.parseInt(value));
                    case "--max-cards" -> options.withMaxCards(Integer.parseInt(value));
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                };
            }
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            usage();
            System.exit(2);
            return;
        }
        EmulatorServer server = EmulatorServer.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "cardlink-emulator-shutdown"));
        for (EmulatorInstance instance : server.instances()) {
            System.out.println(instance.name() + ": " + server.baseUrl(instance.name()) + "  (admin: "
                    + server.rootUrl(instance.name()) + "/_admin/)  "
                    + instance.templates().stream().map(t -> t.code() + "=" + instance.count(t.code())).toList());
        }
        System.out.println("Cardlink emulator listening on port " + server.port() + "; Ctrl-C stops it.");
        stopped.await();
    }

    private static void usage() {
        System.err.println("usage: java -jar cardlink-emulator-standalone.jar [--port 9090] [--host 127.0.0.1] "
                + "[--fixture FILE] [--generate instance:template:count[:seed]]... [--token-lifetime SECONDS] "
                + "[--upload-limit BYTES] [--threads N] [--max-cards N]");
    }
}
