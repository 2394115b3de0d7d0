package io.cardlink.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The console's files, read from the bundle once and kept: the page of every view (one HTML page that the scripts
 * fill), and the assets (scripts, style sheet, icon). A request path names an asset when its last segment has an
 * extension; every other path is a view, so that any view's URL can be opened, bookmarked or copied.
 */
final class ConsoleFiles {
    static final String ROOT = "io/cardlink/console/web/";
    static final String PAGE = "index.html";
    /** Plain names only: no "..", no hidden files, nothing that could step outside the console's folder. */
    private static final Pattern ASSET = Pattern.compile("(?:[a-z0-9][a-z0-9-]*/)*[a-z0-9][a-z0-9.-]*\\.[a-z0-9]+");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon");

    private final Function<String, InputStream> resources;
    private final Map<String, Optional<Asset>> assets = new ConcurrentHashMap<>();

    /** A file to send: its bytes, its content type and an entity tag for revalidation. */
    record Asset(byte[] bytes, String contentType, String etag) {
    }

    /** {@code resources} opens a file below {@link #ROOT} by its name there, or returns null. */
    ConsoleFiles(Function<String, InputStream> resources) {
        this.resources = resources;
    }

    /** Whether a path below the console names an asset rather than a view. */
    static boolean isAsset(String path) {
        int slash = path.lastIndexOf('/');
        return path.indexOf('.', slash + 1) >= 0;
    }

    /** The asset a path names, or empty when there is none (or the name is not a plain one). */
    Optional<Asset> asset(String path) {
        if (!ASSET.matcher(path).matches() || path.equals(PAGE)) {
            return Optional.empty();
        }
        return assets.computeIfAbsent(path, this::load);
    }

    /**
     * The page, for a console served at {@code base} (ending in '/') talking to the API at {@code apiPath}. Both go
     * into the page as attribute values, escaped.
     */
    Asset page(String base, String apiPath) {
        Asset template = assets.computeIfAbsent(PAGE, this::load)
                .orElseThrow(() -> new IllegalStateException("the console's " + PAGE + " is missing from the bundle"));
        String html = new String(template.bytes(), StandardCharsets.UTF_8)
                .replace("{{base}}", attribute(base))
                .replace("{{api}}", attribute(apiPath));
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        return new Asset(bytes, template.contentType(), etag(bytes));
    }

    private Optional<Asset> load(String path) {
        try (InputStream in = resources.apply(path)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            String extension = path.substring(path.lastIndexOf('.') + 1);
            return Optional.of(new Asset(bytes, TYPES.getOrDefault(extension, "application/octet-stream"),
                    etag(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the console's " + path, e);
        }
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static String attribute(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
