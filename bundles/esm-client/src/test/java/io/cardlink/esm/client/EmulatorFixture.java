package io.cardlink.esm.client;

import io.cardlink.emulator.EmulatorInstance;
import io.cardlink.emulator.EmulatorOptions;
import io.cardlink.emulator.EmulatorServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;

/** One in-process emulator per test class, reset before every test; clients retry fast. */
abstract class EmulatorFixture {
    static final String INSTANCE = "remote";
    static final String API_PATH = "/rest-api/itsm/v1";

    static EmulatorServer server;
    static EmulatorInstance remote;

    @BeforeAll
    static void startEmulator() {
        server = EmulatorServer.start(EmulatorOptions.defaults());
        remote = server.instance(INSTANCE);
    }

    @AfterAll
    static void stopEmulator() {
        server.close();
    }

    @BeforeEach
    void resetInstance() {
        remote.reset();
        remote.faults().clear();
    }

    static String base() {
        return "http://127.0.0.1:" + server.port() + "/emulator/" + INSTANCE;
    }

    /** Small backoffs, but a maximum that allows the emulator's {@code Retry-After: 1}. */
    static RetryPolicy fastRetries(int attempts) {
        return new RetryPolicy(attempts, Duration.ofMillis(10), Duration.ofMillis(1500), Duration.ofSeconds(20));
    }

    static EsmClientConfig.Builder config() {
        return EsmClientConfig.builder().baseUrl(base()).apiPath(API_PATH).login("webapi").password("webapi")
                .connectTimeout(Duration.ofSeconds(2)).requestTimeout(Duration.ofSeconds(10))
                .streamReadTimeout(Duration.ofSeconds(10)).retryPolicy(fastRetries(4));
    }

    static EsmClient client() {
        return EsmClient.create(config().build());
    }
}
