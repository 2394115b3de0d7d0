package io.cardlink.shell.internal;

import io.cardlink.api.metrics.MetricsService;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "cardlink", name = "metrics", description = "Prints Cardlink's metrics as Prometheus scrapes them"
        + " (GET /cardlink/api/v1/metrics)")
public class MetricsCommand implements Action {

    @Reference(optional = true)
    MetricsService metrics;

    @Override
    public Object execute() {
        if (metrics == null) {
            throw new CommandRefused("Metrics are not available: the cardlink-metrics feature is not installed or its bundle"
                    + " is not active.");
        }
        return CommandSupport.run(() -> {
            PrintWriter out = new PrintWriter(System.out);
            try {
                metrics.scrape(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.flush();
            return null;
        });
    }
}
