package io.cardlink.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cardlink.api.connector.Connection;
import io.cardlink.api.connector.ConnectionConfig;
import io.cardlink.api.connector.ConnectorType;
import io.cardlink.api.connector.FarSide;
import io.cardlink.api.connector.SettingDescriptor;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConnectorBodyTest {

    private static final ConnectorType TYPE = new ConnectorType() {
        @Override
        public String id() {
            return "t";
        }

        @Override
        public String displayName() {
            return "T";
        }

        @Override
        public List<SettingDescriptor> settings() {
            return List.of(new SettingDescriptor("remoteUrl", "URL", SettingDescriptor.Kind.URL, true, null, "", null),
                    new SettingDescriptor("remotePassword", "Password", SettingDescriptor.Kind.SECRET, true, null, "",
                            "remoteUrl"));
        }

        @Override
        public Class<FarSide> farSide() {
            return FarSide.class;
        }

        @Override
        public Connection connect(ConnectionConfig config) {
            throw new UnsupportedOperationException();
        }
    };

    @Test
    void aConnectorReadAndSentBackLosesTheFlagsOfItsSecretsAndKeepsTheRest() {
        ConnectorBody body = new ConnectorBody("c", "t", null, Map.of("remoteUrl", "https://x.example",
                "remotePasswordSet", "true", "remoteUrlSet", "true"));

        assertEquals(Map.of("remoteUrl", "https://x.example", "remoteUrlSet", "true"),
                body.toRequest(Optional.of(TYPE)).settings());
    }

    @Test
    void aFlagThatIsNotABooleanStaysForTheValidationToRefuse() {
        ConnectorBody body = new ConnectorBody("c", "t", null, Map.of("remotePasswordSet", "secret?"));

        assertEquals(Map.of("remotePasswordSet", "secret?"), body.toRequest(Optional.of(TYPE)).settings());
    }
}
