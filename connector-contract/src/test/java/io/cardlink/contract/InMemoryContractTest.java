package io.cardlink.contract;

import io.cardlink.api.connector.ConnectionConfig;
import io.cardlink.api.connector.ConnectorType;
import java.util.Map;

/** The in-memory type, which knows nothing of Matrix42, keeps every promise of the suite. */
class InMemoryContractTest extends ConnectorContract {

    private static final String STORE = InMemoryConnectorType.newStore("thing", "name", "note");

    @Override
    protected ConnectorType type() {
        return new InMemoryConnectorType();
    }

    @Override
    protected ConnectionConfig reachableConfig() {
        return config(STORE);
    }

    @Override
    protected ConnectionConfig unreachableConfig() {
        return config("nobody-registered-this-store");
    }

    @Override
    protected ContractTemplate template() {
        return new ContractTemplate("thing", null, "name", "note");
    }

    static ConnectionConfig config(String store) {
        return new ConnectionConfig("contract", Map.of(InMemoryConnectorType.STORE, store), Map.of());
    }
}
