package io.cardlink.tools.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the check lets through and what it stops, each case a change that an engineer makes to an exported package. */
class BaselineCheckTest {
    private static final String BOX = "public class Box { public int size() { return 0; } }";
    private static final String LISTENER = "public interface Listener { void changed(String id); }";

    @TempDir
    Path dir;
    private TestBundles bundles;

    @BeforeEach
    void setUp() {
        bundles = new TestBundles(dir);
    }

    private BaselineCheck.Outcome compare(String oldVersion, Map<String, String> oldTypes, String newVersion,
            Map<String, String> newTypes) throws Exception {
        ApiTree baseline = TestBundles.api(bundles.exporting(oldVersion, oldTypes));
        // the baseline as the build reads it: written to text and parsed again
        ApiTree recorded = ApiTree.parse(baseline.lines());
        return BaselineCheck.compare(TestBundles.api(bundles.exporting(newVersion, newTypes)), recorded);
    }

    private static String onlyProblem(BaselineCheck.Outcome outcome) {
        assertEquals(1, outcome.problems().size(), outcome.problems().toString());
        return outcome.problems().get(0);
    }

    @Test
    void theSameApiPassesWithoutANote() throws Exception {
        BaselineCheck.Outcome outcome = compare("1.0.0", Map.of("Box", BOX), "1.0.0", Map.of("Box", BOX));
        assertTrue(outcome.passed());
        assertEquals(List.of(), outcome.notes());
    }

    @Test
    void aRemovedMethodWithoutABumpFailsNamingItAndTheMajorBump() throws Exception {
        BaselineCheck.Outcome outcome = compare("1.1.0", Map.of("Box", BOX),
                "1.1.0", Map.of("Box", "public class Box { }"));
        String problem = onlyProblem(outcome);
        assertTrue(problem.startsWith("package p changed (removed method size() in class p.Box) but its version"
                + " 1.1.0 did not change"), problem);
        assertTrue(problem.contains("needs a major bump to 2.0.0 at least"), problem);
    }

    @Test
    void aRemovalPassesWithAMajorBumpAndIsNoted() throws Exception {
        BaselineCheck.Outcome outcome = compare("1.1.0", Map.of("Box", BOX),
                "2.0.0", Map.of("Box", "public class Box { }"));
        assertTrue(outcome.passed(), outcome.problems().toString());
        assertEquals(List.of("package p 1.1.0 -> 2.0.0 (removed method size() in class p.Box)"), outcome.notes());
    }

    @Test
    void anAdditionNeedsAMinorBump() throws Exception {
        String grown = "public class Box { public int size() { return 0; } public boolean empty() { return true; } }";
        String problem = onlyProblem(compare("1.0.0", Map.of("Box", BOX), "1.0.0", Map.of("Box", grown)));
        assertTrue(problem.contains("(added method empty() in class p.Box)"), problem);
        assertTrue(problem.contains("an addition needs a minor bump to 1.1.0 at least"), problem);

        assertTrue(compare("1.0.0", Map.of("Box", BOX), "1.1.0", Map.of("Box", grown)).passed());
    }

    @Test
    void aMinorBumpIsNotEnoughForAMajorChange() throws Exception {
        String problem = onlyProblem(compare("1.0.0", Map.of("Box", BOX),
                "1.1.0", Map.of("Box", "public class Box { public long size() { return 0; } }")));
        assertTrue(problem.contains("its version went only from 1.0.0 to 1.1.0"), problem);
        assertTrue(problem.contains("(added return type long in method size() in class p.Box; removed return type int"
                + " in method size() in class p.Box)"), problem);
        assertTrue(problem.contains("major bump to 2.0.0"), problem);
    }

    @Test
    void aNewAbstractMethodBreaksImplementersOfAnInterface() throws Exception {
        String grown = "public interface Listener { void changed(String id); void removed(String id); }";
        String problem = onlyProblem(compare("1.0.0", Map.of("Listener", LISTENER),
                "1.1.0", Map.of("Listener", grown)));
        assertTrue(problem.contains("added method removed(java.lang.String) in interface p.Listener"), problem);
        assertTrue(problem.contains("major bump to 2.0.0"), problem);
        // the way out when only the providing bundle implements it
        assertTrue(problem.contains("if only Cardlink's own bundles implement Listener, annotate them"
                + " @org.osgi.annotation.versioning.ProviderType and 1.1.0 is enough"), problem);
    }

    @Test
    void aProviderTypeTakesNewMethodsWithAMinorBump() throws Exception {
        String provider = "@org.osgi.annotation.versioning.ProviderType\n";
        String grown = provider + "public interface Listener { void changed(String id); void removed(String id); }";
        assertTrue(compare("1.0.0", Map.of("Listener", provider + LISTENER), "1.1.0", Map.of("Listener", grown))
                .passed());
    }

    @Test
    void aDefaultMethodIsAnAddition() throws Exception {
        String grown = "public interface Listener { void changed(String id); default void removed(String id) { } }";
        BaselineCheck.Outcome outcome = compare("1.0.0", Map.of("Listener", LISTENER),
                "1.1.0", Map.of("Listener", grown));
        assertTrue(outcome.passed(), outcome.problems().toString());
    }

    @Test
    void aNewRecordComponentChangesTheConstructorWhichIsMajor() throws Exception {
        String problem = onlyProblem(compare("1.0.0", Map.of("Point", "public record Point(int x) { }"),
                "1.1.0", Map.of("Point", "public record Point(int x, int y) { }")));
        assertTrue(problem.contains("removed method <init>(int) in class p.Point"), problem);
        assertTrue(problem.contains("major bump to 2.0.0"), problem);
    }

    @Test
    void aVersionThatGoesDownFails() throws Exception {
        String problem = onlyProblem(compare("1.2.0", Map.of("Box", BOX), "1.1.0", Map.of("Box", BOX)));
        assertEquals("package p went down from version 1.2.0 to 1.1.0", problem);
    }

    @Test
    void aBumpWithoutAChangeIsNotedOnly() throws Exception {
        BaselineCheck.Outcome outcome = compare("1.0.0", Map.of("Box", BOX), "1.0.1", Map.of("Box", BOX));
        assertTrue(outcome.passed());
        assertEquals(List.of("package p 1.0.0 -> 1.0.1 (no change to its signatures)"), outcome.notes());
    }

    @Test
    void aPackageThatIsGoneOrNewFails() throws Exception {
        ApiTree two = TestBundles.api(bundles.bundle(Map.of(
                "p/package-info.java", "@org.osgi.annotation.bundle.Export @org.osgi.annotation.versioning.Version(\"1.0.0\") package p;",
                "p/Box.java", "package p; " + BOX,
                "q/package-info.java", "@org.osgi.annotation.bundle.Export @org.osgi.annotation.versioning.Version(\"1.3.0\") package q;",
                "q/Bag.java", "package q; public class Bag { }")));
        ApiTree one = TestBundles.api(bundles.exporting("1.0.0", Map.of("Box", BOX)));

        String gone = onlyProblem(BaselineCheck.compare(one, ApiTree.parse(two.lines())));
        assertEquals("package q 1.3.0 is in the baseline but no longer exported: every bundle that imports it breaks",
                gone);
        String added = onlyProblem(BaselineCheck.compare(two, ApiTree.parse(one.lines())));
        assertEquals("package q 1.3.0 is exported but not in the baseline", added);
        assertFalse(BaselineCheck.compare(two, ApiTree.parse(two.lines())).notes().iterator().hasNext());
    }
}
