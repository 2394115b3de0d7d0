package io.cardlink.emulator.internal;

import io.cardlink.api.service.EngineSettings;
import io.cardlink.api.service.SettingsService;
import io.cardlink.emulator.EmulatorOptions;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The emulator in Karaf: a servlet on the HTTP Whiteboard at {@code /emulator/*}, so that instance NAME answers at
 * {@code http://localhost:8181/emulator/NAME/rest-api/itsm/v1}. A configuration change builds a new emulator.
 *
 * <p>It has no users of its own and its admin endpoints reset and fill instances, so it answers only requests from
 * this machine, whatever addresses the HTTP server listens on; and where the engine's environment is Prod it answers
 * every request with 503. It asks the engine's {@link SettingsService} rather than reading the engine's configuration
 * itself, so that the engine's settings have one reader and changing the others leaves the emulator as it is.
 */
@Component(service = Servlet.class, configurationPid = "io.cardlink.emulator",
        property = {
            "osgi.http.whiteboard.servlet.pattern=/emulator/*",
            "osgi.http.whiteboard.servlet.name=cardlink-emulator"})
public final class EmulatorServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final String IN_PROD = "the emulator does not answer where the environment is Prod (the engine"
            + " settings): it answers with made-up data; feature:uninstall cardlink-emulator";

    private final transient Emulator emulator;

    /** The engine's settings, when the engine runs beside the emulator. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile SettingsService engineSettings;

    @Activate
    public EmulatorServlet(EmulatorConfig config) {
        EmulatorOptions options = EmulatorOptions.defaults()
                .withTokenLifetime(Duration.ofSeconds(config.tokenLifetimeSeconds()))
                .withUploadLimit(config.uploadLimitBytes())
                .withMaxCards(config.maxCards());
        String[] instances = commaSeparated(config.instances());
        if (instances.length > 0) {
            options = options.withInstances(instances);
        }
        if (config.fixture() != null && !config.fixture().isBlank()) {
            options = options.withFixture(Path.of(config.fixture().trim()));
        }
        for (String spec : commaSeparated(config.generate())) {
            options = GenerateSpec.apply(options, spec);
        }
        this.emulator = new Emulator(options);
    }

    static boolean fromThisMachine(String remoteAddress) {
        try {
            return remoteAddress != null && InetAddress.getByName(remoteAddress).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** A .cfg file gives a list as one comma-separated string; Config Admin may give a real array: accept both. */
    static String[] commaSeparated(String[] values) {
        if (values == null) {
            return new String[0];
        }
        return java.util.Arrays.stream(values)
                .flatMap(value -> java.util.Arrays.stream(value.split(",")))
                .map(String::trim)
                .filter(value -> !value.isEmpty())
                .toArray(String[]::new);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!fromThisMachine(req.getRemoteAddr())) {
            refuse(resp, 403, "The emulator answers requests from this machine only.", req.getRequestURI());
            return;
        }
        if (inProd()) {
            refuse(resp, 503, IN_PROD, req.getRequestURI());
            return;
        }
        String prefix = req.getContextPath() + req.getServletPath();
        String uri = req.getRequestURI();
        String rawPath = uri.startsWith(prefix) ? uri.substring(prefix.length()) : uri;
        String external = req.getScheme() + "://" + req.getServerName() + ":" + req.getServerPort() + prefix;
        Request request = new Request(req.getMethod(), rawPath, req.getQueryString(), req::getHeader,
                req.getInputStream(), req.getContentLengthLong(), external);
        Reply reply = emulator.handle(request);
        resp.setStatus(reply.status());
        for (Map.Entry<String, String> h : reply.headers().entrySet()) {
            resp.setHeader(h.getKey(), h.getValue());
        }
        resp.setContentType(reply.contentType());
        OutputStream out = resp.getOutputStream();
        if (reply.stream() == null) {
            resp.setContentLength(reply.body().length);
            out.write(reply.body());
            return;
        }
        // No length: the container sends chunks, one per flush of the stream body.
        reply.stream().writeTo(out);
    }

    private boolean inProd() {
        SettingsService settings = engineSettings;
        return settings != null && settings.current().environment() == EngineSettings.Environment.PROD;
    }

    private static void refuse(HttpServletResponse resp, int status, String message, String uri) throws IOException {
        byte[] body = Emulator.errorBody(new com.fasterxml.jackson.databind.ObjectMapper(), status, message, uri);
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
