package io.cardlink.tools.baseline;

import aQute.bnd.osgi.Jar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The API baseline check of one module, as the parent pom runs it after {@code package}: checks the bundle jar against
 * the module's {@code api-baseline.txt}, or records that file anew.
 *
 * <p>Arguments: the module's name, its jar, its baseline file, and {@code true} to record instead of checking. A
 * module that builds no jar or exports nothing needs no baseline; a bundle that exports packages must have one.
 */
public final class ApiBaselineMain {
    static final String RECORD_COMMAND = "mvn -o -q install -DskipTests -Dcardlink.baseline.record";

    private ApiBaselineMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            throw new IllegalArgumentException("expected: MODULE JAR BASELINE_FILE RECORD(true|false), got "
                    + List.of(args));
        }
        String module = args[0];
        Path jar = Path.of(args[1]);
        Path baseline = Path.of(args[2]);
        boolean record = Boolean.parseBoolean(args[3]);
        if (record) {
            System.out.println(record(module, jar, baseline));
        } else {
            check(module, jar, baseline).forEach(System.out::println);
        }
    }

    /**
     * Checks the module's jar against its baseline and returns what passed but changed (version bumps).
     *
     * @throws BaselineFailure naming each package that changed without the bump it needs
     */
    static List<String> check(String module, Path jar, Path baseline) throws Exception {
        boolean recorded = Files.exists(baseline);
        if (!Files.exists(jar)) {
            if (recorded) {
                throw new BaselineFailure("API baseline check of " + module + ": there is a baseline (" + baseline
                        + ") but no jar to check at " + jar);
            }
            return List.of();
        }
        ApiTree built;
        try (Jar bundle = new Jar(jar.toFile())) {
            built = ApiTree.of(bundle);
        }
        if (!recorded) {
            if (built.packages().isEmpty()) {
                return List.of();
            }
            throw new BaselineFailure("API baseline check of " + module + ": it exports " + listed(built.packages())
                    + " but has no API baseline (" + baseline + "); record one with: " + RECORD_COMMAND);
        }
        BaselineCheck.Outcome outcome = BaselineCheck.compare(built, read(baseline));
        if (!outcome.passed()) {
            List<String> lines = new ArrayList<>();
            lines.add("API baseline check of " + module + " failed against " + baseline + ":");
            outcome.problems().forEach(problem -> lines.add("  - " + problem));
            lines.add("Bump @Version in the package's package-info.java as the change needs; a package that is new or"
                    + " gone, or a deliberate bump once merged, is recorded with: " + RECORD_COMMAND);
            throw new BaselineFailure(String.join(System.lineSeparator(), lines));
        }
        return outcome.notes().stream().map(note -> "API baseline of " + module + ": " + note).toList();
    }

    /** Writes the baseline of the module's jar, or removes it when the module exports nothing; says what it did. */
    static String record(String module, Path jar, Path baseline) throws Exception {
        if (!Files.exists(jar)) {
            if (Files.exists(baseline)) {
                throw new BaselineFailure("API baseline of " + module + ": no jar at " + jar + " to record from");
            }
            return "API baseline of " + module + ": builds no jar, nothing to record";
        }
        ApiTree built;
        try (Jar bundle = new Jar(jar.toFile())) {
            built = ApiTree.of(bundle);
        }
        if (built.packages().isEmpty()) {
            if (Files.deleteIfExists(baseline)) {
                return "API baseline of " + module + ": exports nothing any more, removed " + baseline;
            }
            return "API baseline of " + module + ": exports nothing, nothing to record";
        }
        List<String> lines = new ArrayList<>(List.of(
                "# The exported API of " + module + " for the API baseline check, as bnd sees it: one element a line,",
                "# TYPE, how big a change adding it and removing it is, NAME. The build fails when a package changes",
                "# without the version bump its change needs. Written by: " + RECORD_COMMAND));
        lines.addAll(built.lines());
        Files.write(baseline, lines, StandardCharsets.UTF_8);
        return "API baseline of " + module + ": recorded " + listed(built.packages()) + " in " + baseline;
    }

    private static ApiTree read(Path baseline) throws IOException, BaselineFailure {
        try {
            return ApiTree.parse(Files.readAllLines(baseline, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new BaselineFailure("the API baseline " + baseline + " can't be read: " + e.getMessage()
                    + "; record it anew with: " + RECORD_COMMAND);
        }
    }

    private static String listed(Map<String, ?> packages) {
        List<String> names = new ArrayList<>();
        packages.forEach((name, version) -> names.add(name + " " + version));
        return String.join(", ", names);
    }

    /** The check failed; the message says which packages and what they need. */
    static final class BaselineFailure extends Exception {
        private static final long serialVersionUID = 1L;

        BaselineFailure(String message) {
            super(message);
        }
    }
}
