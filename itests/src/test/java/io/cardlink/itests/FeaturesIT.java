package io.cardlink.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.cardlink.testkit.Rest;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/** Every Cardlink feature installs and uninstalls cleanly, from the distribution's own system repository. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FeaturesIT extends CardlinkTestSupport {
    private static final String[] FEATURES = {"cardlink", "cardlink-console", "cardlink-shell", "cardlink-metrics",
        "cardlink-rest", "cardlink-coreproiga", "cardlink-core"};
    private static final String[] BOOT_FEATURES = {"cardlink-console", "cardlink-shell", "cardlink-metrics",
        "cardlink-rest", "cardlink-coreproiga", "cardlink-core"};

    /** The test probe is wired to bundles these features remove (Jackson); refreshing it would end the test. */
    private static final EnumSet<FeaturesService.Option> KEEP_PROBE =
            EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles);

    private boolean bundleActive(String symbolicName) {
        for (Bundle bundle : bundleContext.getBundles()) {
            if (bundle.getSymbolicName().equals(symbolicName)) {
                return bundle.getState() == Bundle.ACTIVE;
            }
        }
        return false;
    }

    private boolean bundlePresent(String symbolicName) {
        for (Bundle bundle : bundleContext.getBundles()) {
            if (bundle.getSymbolicName().equals(symbolicName)) {
                return true;
            }
        }
        return false;
    }

    @Test
    public void everyFeatureUninstallsAndInstallsAlone() throws Exception {
        for (String feature : BOOT_FEATURES) {
            assertTrue(feature + " is installed at boot", features().isInstalled(features().getFeature(feature)));
        }
        // each part is asked for at boot on its own, so each can be uninstalled on its own
        for (String feature : BOOT_FEATURES) {
            uninstallFeature(feature, KEEP_PROBE);
        }
        for (String feature : FEATURES) {
            assertFalse(feature + " is uninstalled", features().isInstalled(features().getFeature(feature)));
        }
        for (String bsn : new String[] {"io.cardlink.api", "io.cardlink.engine", "io.cardlink.rest", "io.cardlink.shell",
            "io.cardlink.storage-jpa", "io.cardlink.connector-coreproiga", "io.cardlink.console",
            "io.cardlink.metrics"}) {
            assertFalse(bsn + " is gone", bundlePresent(bsn));
        }

        installFeature("cardlink-core", KEEP_PROBE);
        assertTrue(bundleActive("io.cardlink.engine"));
        assertTrue(bundleActive("io.cardlink.storage-jpa"));
        assertFalse(bundlePresent("io.cardlink.rest"));

        installFeature("cardlink-coreproiga", KEEP_PROBE);
        assertTrue(bundleActive("io.cardlink.connector-coreproiga"));

        installFeature("cardlink-shell", KEEP_PROBE);
        assertTrue(bundleActive("io.cardlink.shell"));
        AtomicReference<String> status = new AtomicReference<>();
        waitUntil("cardlink:status answers", 60_000, () -> {
            status.set(executeCommand("cardlink:status"));
            return status.get().contains("Database: reachable");
        }, status::get);

        installFeature("cardlink-rest", KEEP_PROBE);
        waitForApi();
        Rest.Reply created = rest.post("/connectors", ConnectorManagementIT.connectorJson("After reinstall", "https://r.example.com"));
        assertEquals(created.body(), 201, created.status());

        Rest console = new Rest("http://localhost:" + HTTP_PORT + "/cardlink/console");
        installFeature("cardlink-console", KEEP_PROBE);
        waitUntil("the console answers", 60_000, () -> console.get("/").body().contains("cardlink-api"));
        uninstallFeature("cardlink-console", KEEP_PROBE);
        assertFalse(bundlePresent("io.cardlink.console"));
        assertEquals("the API stays when the console goes", 200, rest.get("/connectors/After%20reinstall").status());

        uninstallFeature("cardlink-rest", KEEP_PROBE);
        assertFalse(bundlePresent("io.cardlink.rest"));
        installFeature("cardlink", KEEP_PROBE);
        waitForApi();
        assertEquals(200, rest.get("/connectors/After%20reinstall").status());
        waitUntil("the console is back with cardlink", 60_000, () -> console.get("/").status() == 200);
    }
}
