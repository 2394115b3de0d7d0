package io.cardlink.engine.internal;

import io.cardlink.esm.client.EsmClient;
import io.cardlink.esm.client.EsmClientConfig;
import io.cardlink.esm.client.RetryPolicy;
import io.cardlink.esm.gateway.EsmInstanceGateway;
import java.util.List;
import java.util.Map;

/**
 * Emulator instances as the pipeline tests reach them: through the gateway the engine and the CoreProIGA connector
 * use (esm-client's {@link EsmInstanceGateway}), and through a client beside it with which a test changes cards
 * behind the engine's back.
 */
final class EmulatorGateways {
    static final String USER = "webapi";

    private EmulatorGateways() {
    }

    /** The gateway to an instance, calls not tried again. */
    static EsmInstanceGateway of(String baseUrl, String apiPath) {
        return of(baseUrl, apiPath, RetryPolicy.none());
    }

    static EsmInstanceGateway of(String baseUrl, String apiPath, RetryPolicy retries) {
        return of(baseUrl, apiPath, retries, USER);
    }

    static EsmInstanceGateway of(String baseUrl, String apiPath, RetryPolicy retries, String password) {
        return EsmInstanceGateway.of("emulator", baseUrl, apiPath, USER, password, null, retries, Long.MAX_VALUE,
                List.of(), Map.of(), (instance, method, outcome, took) -> {
                });
    }

    /** A client of the instance for the test's own changes. */
    static EsmClient client(String baseUrl, String apiPath) {
        return EsmClient.create(EsmClientConfig.builder().baseUrl(baseUrl).apiPath(apiPath).login(USER)
                .password(USER.toCharArray()).retryPolicy(RetryPolicy.none()).build());
    }
}
