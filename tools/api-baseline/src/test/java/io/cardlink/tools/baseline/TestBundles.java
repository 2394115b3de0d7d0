package io.cardlink.tools.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.Jar;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.osgi.annotation.versioning.ProviderType;

/** Builds small bundles from Java sources, as the project's bnd build does: packages exported by {@code @Export}. */
final class TestBundles {
    private final Path dir;
    private int built;

    TestBundles(Path dir) {
        this.dir = dir;
    }

    /** A bundle of these sources (path under the source root, such as {@code p/Box.java}, to source text). */
    Path bundle(Map<String, String> sources) throws Exception {
        Path root = dir.resolve("bundle-" + ++built);
        Path src = root.resolve("src");
        Path classes = Files.createDirectories(root.resolve("classes"));
        List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-classpath", annotationsJar(),
                "--release", "17", "-proc:none"));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue(), StandardCharsets.UTF_8);
            arguments.add(file.toString());
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = compiler.run(null, errors, errors, arguments.toArray(new String[0]));
        assertEquals(0, status, errors.toString(StandardCharsets.UTF_8));
        Path jar = root.resolve("bundle.jar");
        try (Builder builder = new Builder()) {
            builder.setProperty("Bundle-SymbolicName", "test.bundle");
            builder.setProperty("-includepackage", "*");
            builder.setProperty("-noextraheaders", "true");
            builder.addClasspath(classes.toFile());
            try (Jar bundle = builder.build()) {
                assertTrue(builder.getErrors().isEmpty(), builder.getErrors().toString());
                bundle.write(jar.toFile());
            }
        }
        return jar;
    }

    /** The exported package {@code p} at {@code version} with these types (simple name to source after the package). */
    Path exporting(String version, Map<String, String> types) throws Exception {
        Map<String, String> sources = new java.util.LinkedHashMap<>();
        sources.put("p/package-info.java", "@org.osgi.annotation.bundle.Export\n@org.osgi.annotation.versioning.Version(\""
                + version + "\")\npackage p;\n");
        types.forEach((name, body) -> sources.put("p/" + name + ".java", "package p;\n" + body + "\n"));
        return bundle(sources);
    }

    static ApiTree api(Path jar) throws Exception {
        try (Jar bundle = new Jar(jar.toFile())) {
            return ApiTree.of(bundle);
        }
    }

    private static String annotationsJar() throws URISyntaxException {
        return new File(ProviderType.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
    }
}
