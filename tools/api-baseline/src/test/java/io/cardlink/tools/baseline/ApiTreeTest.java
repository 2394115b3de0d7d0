package io.cardlink.tools.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aQute.bnd.version.Version;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTreeTest {

    @TempDir
    Path dir;

    @Test
    void theTextFormReadsBackToTheSameApi() throws Exception {
        ApiTree api = TestBundles.api(new TestBundles(dir).exporting("1.4.2", Map.of(
                // a constant's value with a line break, a tab and a backslash must survive the text form
                "Box", "public class Box { public static final String NAME = \"1\\n\\t2 \\\\ 3\";"
                        + " public int size() { return 0; } }")));
        List<String> lines = api.lines();
        ApiTree read = ApiTree.parse(lines);

        assertEquals(lines, read.lines());
        assertEquals(Map.of("p", new Version(1, 4, 2)), read.packages());
        assertTrue(lines.contains("  PACKAGE MINOR MAJOR p"), lines.toString());
        assertTrue(lines.stream().anyMatch(line -> line.trim().equals("METHOD MINOR MAJOR size()")), lines.toString());
        assertTrue(lines.stream().anyMatch(line -> line.trim().equals("CONSTANT CHANGED CHANGED 1\\n\\t2 \\\\ 3")),
                lines.toString());
        BaselineCheck.Outcome outcome = BaselineCheck.compare(api, read);
        assertTrue(outcome.passed(), outcome.problems().toString());
        assertEquals(List.of(), outcome.notes());
    }

    @Test
    void aDamagedFileIsRefusedNamingTheLine() {
        IllegalArgumentException unknownType = assertThrows(IllegalArgumentException.class, () -> ApiTree.parse(List.of(
                "# comment", "API CHANGED CHANGED <api>", "  PACKAGE MINOR MAJOR p", "    KLASS MINOR MAJOR p.Box")));
        assertTrue(unknownType.getMessage().startsWith("line 4: "), unknownType.getMessage());

        IllegalArgumentException tooDeep = assertThrows(IllegalArgumentException.class, () -> ApiTree.parse(List.of(
                "API CHANGED CHANGED <api>", "      PACKAGE MINOR MAJOR p")));
        assertEquals("line 2: indented deeper than its parent", tooDeep.getMessage());

        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> ApiTree.parse(List.of("# nothing")));
        assertEquals("no <api> element", empty.getMessage());
    }
}
