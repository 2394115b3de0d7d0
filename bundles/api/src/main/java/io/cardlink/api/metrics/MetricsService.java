package io.cardlink.api.metrics;

import java.io.IOException;
import java.io.Writer;
import org.osgi.annotation.versioning.ProviderType;

/** Cardlink's metrics as a Prometheus server scrapes them. */
@ProviderType
public interface MetricsService {

    /** The content type of {@link #scrape}: the Prometheus text exposition format 0.0.4. */
    String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** Writes every series, with the gauges read from the stores and the scheduler now. */
    void scrape(Writer out) throws IOException;
}
