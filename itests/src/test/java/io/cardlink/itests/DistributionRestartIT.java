package io.cardlink.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.cardlink.testkit.KarafDistribution;
import io.cardlink.testkit.Rest;
import org.junit.After;
import org.junit.Test;

/**
 * The distribution as an operator runs it: unpacked, started with bin/karaf, stopped with bin/stop, started again.
 * A connector created over REST is still there after the restart, and the shell (bin/client) lists it.
 */
public class DistributionRestartIT {
    private KarafDistribution karaf;

    @After
    public void stopKaraf() throws Exception {
        if (karaf != null) {
            karaf.close();
        }
    }

    @Test
    public void aConnectorSurvivesARestartAndTheShellSeesIt() throws Exception {
        karaf = KarafDistribution.unpack("restart-it", 0);
        karaf.start();
        Rest rest = karaf.rest();
        Rest.Reply created = rest.post("/connectors", ConnectorManagementIT.connectorJson("Survivor", "https://s.example.com"));
        assertEquals(created.body(), 201, created.status());

        karaf.stop();
        karaf.start();

        Rest.Reply after = rest.get("/connectors/Survivor");
        assertEquals(after.body(), 200, after.status());
        assertTrue(after.json().at("/settings/remotePasswordSet").asBoolean());

        String shell = karaf.client("cardlink:connector-list\n");
        assertTrue(shell, shell.contains("Survivor"));
    }
}
