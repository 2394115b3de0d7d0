package io.cardlink.rest.internal;

import io.cardlink.api.metrics.MetricsService;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;

/** Cardlink's metrics in the Prometheus text format: thin over {@link MetricsService}. */
@Path("/metrics")
@Allowed(Role.MONITOR)
public class MetricsResource {
    private final ServiceAccess<MetricsService> metrics;

    MetricsResource(ServiceAccess<MetricsService> metrics) {
        this.metrics = metrics;
    }

    @GET
    @Produces("text/plain")
    public Response scrape() {
        // looked up before the body is streamed, so that a missing metrics bundle answers 503 as JSON
        MetricsService current = metrics.get();
        StreamingOutput body = out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            current.scrape(writer);
            writer.flush();
        };
        return Response.ok(body).type(MetricsService.CONTENT_TYPE).build();
    }
}
