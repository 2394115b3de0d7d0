package io.cardlink.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleFilesTest {
    private final ConsoleFiles files = new ConsoleFiles(name -> ConsoleFilesTest.class.getClassLoader()
            .getResourceAsStream(ConsoleFiles.ROOT + name));

    @Test
    void aPathWithAnExtensionNamesAnAssetAndAnyOtherAView() {
        assertTrue(ConsoleFiles.isAsset("js/main.js"));
        assertTrue(ConsoleFiles.isAsset("console.css"));
        assertFalse(ConsoleFiles.isAsset(""));
        assertFalse(ConsoleFiles.isAsset("connectors/0b7c1f3e-2d1a-4e0e-9d7b-1c6f0e1a2b3c/scheduled-tasks/new"));
        assertFalse(ConsoleFiles.isAsset("settings"));
    }

    @Test
    void assetsComeWithTheirContentType() {
        ConsoleFiles.Asset script = files.asset("js/main.js").orElseThrow();
        assertEquals("text/javascript; charset=utf-8", script.contentType());
        assertTrue(new String(script.bytes(), StandardCharsets.UTF_8).contains("start(render)"));
        assertEquals("text/css; charset=utf-8", files.asset("console.css").orElseThrow().contentType());
        assertEquals("image/svg+xml", files.asset("favicon.svg").orElseThrow().contentType());
        assertTrue(script.etag().matches("\"[0-9a-f]{24}\""), script.etag());
    }

    @Test
    void nothingOutsideTheConsoleFolderNorAnUnknownFileIsServed() {
        for (String path : List.of("../index.html", "js/../../x.js", "/etc/passwd.txt", ".hidden.js", "js/Main.js",
                "js//main.js", "no-such.js", "index.html", "ConsoleServlet.class")) {
            assertTrue(files.asset(path).isEmpty(), path);
        }
    }

    @Test
    void thePageKnowsWhereItIsServedAndWhereTheApiIs() {
        String page = new String(files.page("/cardlink/console/", "/cardlink/api/v1").bytes(), StandardCharsets.UTF_8);
        assertTrue(page.contains("<base href=\"/cardlink/console/\">"), page);
        assertTrue(page.contains("<meta name=\"cardlink-api\" content=\"/cardlink/api/v1\">"), page);
        assertFalse(page.contains("{{"), page);

        String hostile = new String(files.page("/c/", "/api\"><script>x</script>").bytes(), StandardCharsets.UTF_8);
        assertTrue(hostile.contains("content=\"/api&quot;&gt;&lt;script&gt;x&lt;/script&gt;\""), hostile);
    }
}
