package io.cardlink.tools.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check and the record command as the build runs them on a module. */
class ApiBaselineMainTest {
    private static final String BOX = "public class Box { public int size() { return 0; } }";

    @TempDir
    Path dir;
    private TestBundles bundles;
    private Path baseline;

    @BeforeEach
    void setUp() {
        bundles = new TestBundles(dir);
        baseline = dir.resolve("api-baseline.txt");
    }

    @Test
    void aRecordedBaselinePassesUntilThePackageChangesWithoutABump() throws Exception {
        Path jar = bundles.exporting("1.0.0", Map.of("Box", BOX));
        String recorded = ApiBaselineMain.record("cardlink-box", jar, baseline);
        assertEquals("API baseline of cardlink-box: recorded p 1.0.0 in " + baseline, recorded);
        assertTrue(Files.readAllLines(baseline).get(0).startsWith("# The exported API of cardlink-box"));
        assertEquals(List.of(), ApiBaselineMain.check("cardlink-box", jar, baseline));

        Path shrunk = bundles.exporting("1.0.0", Map.of("Box", "public class Box { }"));
        ApiBaselineMain.BaselineFailure failure = assertThrows(ApiBaselineMain.BaselineFailure.class,
                () -> ApiBaselineMain.check("cardlink-box", shrunk, baseline));
        List<String> lines = failure.getMessage().lines().toList();
        assertEquals("API baseline check of cardlink-box failed against " + baseline + ":", lines.get(0));
        assertTrue(lines.get(1).startsWith("  - package p changed (removed method size() in class p.Box) but its"
                + " version 1.0.0 did not change"), lines.get(1));
        assertTrue(lines.get(2).endsWith(ApiBaselineMain.RECORD_COMMAND), lines.get(2));

        Path bumped = bundles.exporting("2.0.0", Map.of("Box", "public class Box { }"));
        assertEquals(List.of("API baseline of cardlink-box: package p 1.0.0 -> 2.0.0 (removed method size() in class"
                + " p.Box)"), ApiBaselineMain.check("cardlink-box", bumped, baseline));
        ApiBaselineMain.record("cardlink-box", bumped, baseline);
        assertEquals(List.of(), ApiBaselineMain.check("cardlink-box", bumped, baseline));
    }

    @Test
    void aBundleThatExportsPackagesMustHaveABaseline() throws Exception {
        Path jar = bundles.exporting("1.2.0", Map.of("Box", BOX));
        ApiBaselineMain.BaselineFailure failure = assertThrows(ApiBaselineMain.BaselineFailure.class,
                () -> ApiBaselineMain.check("cardlink-box", jar, baseline));
        assertEquals("API baseline check of cardlink-box: it exports p 1.2.0 but has no API baseline (" + baseline
                + "); record one with: " + ApiBaselineMain.RECORD_COMMAND, failure.getMessage());
    }

    @Test
    void aModuleWithoutJarOrExportsNeedsNoBaseline() throws Exception {
        Path internal = bundles.bundle(Map.of("q/internal/Impl.java", "package q.internal; public class Impl { }"));
        assertEquals(List.of(), ApiBaselineMain.check("cardlink-impl", internal, baseline));
        assertEquals(List.of(), ApiBaselineMain.check("cardlink-features", dir.resolve("none.jar"), baseline));
        assertEquals("API baseline of cardlink-impl: exports nothing, nothing to record",
                ApiBaselineMain.record("cardlink-impl", internal, baseline));
        assertFalse(Files.exists(baseline));
    }

    @Test
    void aBaselineOfABundleThatNoLongerExportsFailsUntilRecordedAway() throws Exception {
        ApiBaselineMain.record("cardlink-box", bundles.exporting("1.0.0", Map.of("Box", BOX)), baseline);
        Path internal = bundles.bundle(Map.of("q/internal/Impl.java", "package q.internal; public class Impl { }"));

        ApiBaselineMain.BaselineFailure failure = assertThrows(ApiBaselineMain.BaselineFailure.class,
                () -> ApiBaselineMain.check("cardlink-box", internal, baseline));
        assertTrue(failure.getMessage().contains("package p 1.0.0 is in the baseline but no longer exported"),
                failure.getMessage());
        assertThrows(ApiBaselineMain.BaselineFailure.class,
                () -> ApiBaselineMain.check("cardlink-box", dir.resolve("none.jar"), baseline));

        assertEquals("API baseline of cardlink-box: exports nothing any more, removed " + baseline,
                ApiBaselineMain.record("cardlink-box", internal, baseline));
        assertFalse(Files.exists(baseline));
    }

    @Test
    void aDamagedBaselineSaysHowToRecordItAnew() throws Exception {
        Path jar = bundles.exporting("1.0.0", Map.of("Box", BOX));
        Files.writeString(baseline, "API CHANGED CHANGED <api>\n  PACKAGE MINOR\n");
        ApiBaselineMain.BaselineFailure failure = assertThrows(ApiBaselineMain.BaselineFailure.class,
                () -> ApiBaselineMain.check("cardlink-box", jar, baseline));
        assertTrue(failure.getMessage().startsWith("the API baseline " + baseline + " can't be read: line 2: "),
                failure.getMessage());
        assertTrue(failure.getMessage().endsWith(ApiBaselineMain.RECORD_COMMAND), failure.getMessage());
    }
}
