package io.cardlink.engine.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cardlink.api.alert.Alert;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts alerts as JSON to the webhook URL of the alert settings (raised, resolved and acknowledged; not every
 * update of a lasting condition, which would post once a minute). Each post is tried again with a doubling delay when
 * the receiver does not answer 2xx, on the webhook's own thread: a run or check never waits for it.
 */
@Component(service = AlertSink.class, configurationPid = AlertManager.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public class AlertWebhook implements AlertSink {
    private static final Logger LOG = LoggerFactory.getLogger(AlertWebhook.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Posts waiting or retrying at most; beyond it an alert is logged and not posted (a receiver down for long). */
    static final int MAX_PENDING = 1000;

    private final URI url;
    private final int attempts;
    private final Duration firstDelay;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicInteger pending = new AtomicInteger();
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "cardlink-alert-webhook");
        thread.setDaemon(true);
        return thread;
    });

    @Activate
    public AlertWebhook(AlertManager.Config config) {
        this(parse(config.webhookUrl()), config.webhookAttempts(), Duration.ofMillis(config.webhookFirstRetryMillis()));
    }

    AlertWebhook(URI url, int attempts, Duration firstDelay) {
        this.url = url;
        this.attempts = Math.max(1, attempts);
        this.firstDelay = firstDelay.isNegative() ? Duration.ZERO : firstDelay;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    private static URI parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(text.trim());
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                LOG.warn("The alert webhook URL '{}' is not http or https: no alert is posted", text);
                return null;
            }
            return uri;
        } catch (IllegalArgumentException e) {
            LOG.warn("The alert webhook URL '{}' is not a URL ({}): no alert is posted", text, e.getMessage());
            return null;
        }
    }

    @Deactivate
    void deactivate() {
        sender.shutdownNow();
    }

    @Override
    public void deliver(AlertEvent event, Alert alert) {
        if (url == null || event == AlertEvent.UPDATED) {
            return;
        }
        byte[] body;
        try {
            body = json.writeValueAsBytes(AlertFields.of(event, alert));
        } catch (JsonProcessingException e) {
            LOG.warn("Alert {} could not be written as JSON: {}", alert.id(), e.getMessage());
            return;
        }
        if (pending.incrementAndGet() > MAX_PENDING) {
            pending.decrementAndGet();
            LOG.warn("Alert {} {} not posted to the webhook: {} posts are waiting already", alert.id(), event.word(),
                    MAX_PENDING);
            return;
        }
        schedule(body, alert.id(), event, 1, Duration.ZERO);
    }

    private void schedule(byte[] body, String alertId, AlertEvent event, int attempt, Duration delay) {
        try {
            sender.schedule(() -> post(body, alertId, event, attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            pending.decrementAndGet();
        }
    }

    private void post(byte[] body, String alertId, AlertEvent event, int attempt) {
        String problem;
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(url).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                pending.decrementAndGet();
                return;
            }
            problem = "HTTP " + response.statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.decrementAndGet();
            return;
        } catch (IOException | RuntimeException e) {
            problem = e.toString();
        }
        if (attempt >= attempts) {
            pending.decrementAndGet();
            LOG.warn("Alert {} {} could not be posted to the webhook after {} attempt(s): {}", alertId, event.word(),
                    attempt, problem);
            return;
        }
        Duration delay = firstDelay.multipliedBy(1L << Math.min(attempt - 1, 10));
        LOG.debug("Alert webhook post of {} failed ({}); attempt {} in {} ms", alertId, problem, attempt + 1,
                delay.toMillis());
        schedule(body, alertId, event, attempt + 1, delay);
    }
}
