package io.cardlink.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KarafDistributionTest {
    @TempDir
    Path dir;

    /** A tar.gz shaped like the distribution: a home with an executable bin/karaf and some of etc/. */
    private Path distribution() throws Exception {
        Path home = dir.resolve("source/cardlink-1.0");
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("bin/karaf"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(home.resolve("bin/karaf"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(home.resolve("etc/org.ops4j.pax.web.cfg"),
                "# the HTTP service\norg.osgi.service.http.port = 8181\norg.osgi.service.http.port.secure = 8443\n");
        Files.writeString(home.resolve("etc/users.properties"), "# users\n");
        Path tar = dir.resolve("cardlink.tar.gz");
        KarafDistribution.run(dir, List.of("tar", "czf", tar.toString(), "-C", dir.resolve("source").toString(),
                "cardlink-1.0"), 30, null);
        return tar;
    }

    @Test
    void unpacksOnThePortsOfItsBaseWithTheWorkflowAccount() throws Exception {
        KarafDistribution karaf = KarafDistribution.unpack(distribution(), dir.resolve("run"), 30_000);

        assertEquals(dir.resolve("run/cardlink-1.0"), karaf.home());
        assertEquals(30_181, karaf.httpPort());
        assertEquals(30_443, karaf.httpsPort());
        assertEquals(30_101, karaf.sshPort());
        String web = Files.readString(karaf.home().resolve("etc/org.ops4j.pax.web.cfg"));
        assertEquals("# the HTTP service\norg.osgi.service.http.port = 30181\norg.osgi.service.http.port.secure = 30443\n",
                web);
        assertEquals("sshPort = 30101\n", Files.readString(karaf.home().resolve("etc/org.apache.karaf.shell.cfg")));
        String management = Files.readString(karaf.home().resolve("etc/org.apache.karaf.management.cfg"));
        assertTrue(management.contains("rmiRegistryPort = 30199\n") && management.contains("rmiServerPort = 30198\n"),
                management);
        assertEquals("# users\n" + Rest.WORKFLOW_USER + " = " + Rest.WORKFLOW_ACCOUNT + "\n",
                Files.readString(karaf.home().resolve("etc/users.properties")));
    }

    @Test
    void unpackingAgainReplacesWhatWasThere() throws Exception {
        Path tar = distribution();
        KarafDistribution first = KarafDistribution.unpack(tar, dir.resolve("run"), 30_000);
        Files.writeString(first.home().resolve("etc/left-over.cfg"), "x = 1\n");

        KarafDistribution second = KarafDistribution.unpack(tar, dir.resolve("run"), 30_000);

        assertFalse(Files.exists(second.home().resolve("etc/left-over.cfg")));
    }

    @Test
    void anArchiveWithoutBinKarafIsRefused() throws Exception {
        Path tar = dir.resolve("empty.tar.gz");
        Files.createDirectories(dir.resolve("nothing/home"));
        KarafDistribution.run(dir, List.of("tar", "czf", tar.toString(), "-C", dir.resolve("nothing").toString(),
                "home"), 30, null);

        AssertionError refused = assertThrows(AssertionError.class,
                () -> KarafDistribution.unpack(tar, dir.resolve("run"), 30_000));
        assertTrue(refused.getMessage().contains("gave no bin/karaf"), refused.getMessage());
    }

    @Test
    void theAdminPasswordIsTheTestsTheCallersOrTheOneTheDistributionWrote() throws Exception {
        KarafDistribution karaf = KarafDistribution.unpack(distribution(), dir.resolve("run"), 30_000);
        assertEquals(Rest.ADMIN_PASSWORD, karaf.adminPassword());

        assertEquals("bench-1", karaf.withAdminPassword("bench-1").adminPassword());

        karaf.generatedAdminPassword();
        assertEquals(null, karaf.adminPassword());
        Files.writeString(karaf.home().resolve("etc/cardlink-admin.password"), "Generated-Pw-1\n");
        assertEquals("Generated-Pw-1", karaf.adminPassword());
    }
}
