package io.cardlink.scheduler.internal;

import io.cardlink.api.scheduler.RunQueueListener;
import io.cardlink.api.scheduler.RunRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records queue events as {@code waiting:<id>}, {@code cancelled:<id>} and {@code skipped:<task>}. */
class RecordingListener implements RunQueueListener {
    final List<String> events;
    final List<RunRequest> waiting = new CopyOnWriteArrayList<>();
    final List<RunRequest> cancelled = new CopyOnWriteArrayList<>();
    final List<RunRequest> skipped = new CopyOnWriteArrayList<>();

    RecordingListener(List<String> events) {
        this.events = events;
    }

    @Override
    public void waiting(RunRequest request) {
        waiting.add(request);
        events.add("waiting:" + request.id());
    }

    @Override
    public void cancelled(RunRequest request) {
        cancelled.add(request);
        events.add("cancelled:" + request.id());
    }

    @Override
    public void skipped(RunRequest request) {
        skipped.add(request);
        events.add("skipped:" + request.taskId());
    }
}
