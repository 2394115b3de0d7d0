package io.cardlink.console.internal;

import java.io.IOException;
import java.util.Optional;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the web console at {@code /cardlink/console/} on the HTTP Whiteboard: its assets, and for every other path
 * the one page whose scripts show the view that the path names. The page holds no data and needs no sign-in; the
 * scripts get everything from the public REST API, which checks every call (session cookie or HTTP Basic).
 */
@Component(service = Servlet.class, configurationPid = ConsoleServlet.PID, property = {
    "osgi.http.whiteboard.servlet.pattern=/cardlink/console/*",
    "osgi.http.whiteboard.servlet.name=cardlink-console"})
@Designate(ocd = ConsoleServlet.Config.class)
public final class ConsoleServlet extends HttpServlet {
    static final String PID = "io.cardlink.console";
    static final String DEFAULT_API_PATH = "/cardlink/api/v1";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServlet.class);
    /** Everything from this server only: no inline script, no other site, no framing (clickjacking). */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self';"
            + " frame-ancestors 'none'";

    @ObjectClassDefinition(name = "Cardlink console", description = "The web console at /cardlink/console/")
    public @interface Config {
        @AttributeDefinition(description = "Path of the Cardlink REST API on this server: CXF's servlet context"
                + " (org.apache.cxf.servlet.context) followed by the API's address (io.cardlink.rest address)")
        String apiPath() default DEFAULT_API_PATH;
    }

    private final transient ConsoleFiles files;
    private final String apiPath;

    @Activate
    public ConsoleServlet(Config config) {
        this(new ConsoleFiles(name -> ConsoleServlet.class.getClassLoader()
                .getResourceAsStream(ConsoleFiles.ROOT + name)), apiPath(config.apiPath()));
    }

    ConsoleServlet(ConsoleFiles files, String apiPath) {
        this.files = files;
        this.apiPath = apiPath;
    }

    private static String apiPath(String configured) {
        String path = configured == null ? "" : configured.trim();
        if (!path.startsWith("/") || path.contains("//")) {
            LOG.error("Configuration {}: apiPath '{}' is not a path such as {}; using that", PID, configured,
                    DEFAULT_API_PATH);
            return DEFAULT_API_PATH;
        }
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String base = request.getContextPath() + request.getServletPath() + "/";
        String info = request.getPathInfo();
        if (info == null) {
            response.sendRedirect(base);
            return;
        }
        String path = info.substring(1);
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        if (ConsoleFiles.isAsset(path)) {
            Optional<ConsoleFiles.Asset> asset = files.asset(path);
            if (asset.isEmpty()) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND, "no such file in the console");
                return;
            }
            // revalidated each time: a bundle update must reach browsers at once
            response.setHeader("Cache-Control", "no-cache");
            send(request, response, asset.get());
        } else {
            response.setHeader("Cache-Control", "no-store");
            send(request, response, files.page(base, apiPath));
        }
    }

    private static void send(HttpServletRequest request, HttpServletResponse response, ConsoleFiles.Asset asset)
            throws IOException {
        response.setHeader("ETag", asset.etag());
        if (asset.etag().equals(request.getHeader("If-None-Match"))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setContentType(asset.contentType());
        response.setContentLength(asset.bytes().length);
        response.getOutputStream().write(asset.bytes());
    }
}
