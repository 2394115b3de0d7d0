package io.cardlink.storage.jpa.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Commits the requests of concurrent callers together: the requests that arrive while a commit runs wait, and the
 * first of them to wake once it ends commits them all in one call of {@code commit} (one transaction, one flush of the
 * database's log), at most {@code maxGroup} at a time. Each caller returns only once the commit that held its request
 * ended: with its own outcome, or with the failure of the whole commit, which then stored none of its requests. There
 * is no thread of its own: a caller does the commit, so that nothing is left to stop when the store goes.
 *
 * @param <R> a request
 * @param <A> the answer to one request
 */
final class GroupCommit<R, A> {

    /** The outcome of one request within a commit that succeeded: its answer, or why it alone was refused. */
    record Outcome<A>(A answer, RuntimeException refusal) {
        static <A> Outcome<A> answered(A answer) {
            return new Outcome<>(answer, null);
        }

        static <A> Outcome<A> refused(RuntimeException refusal) {
            return new Outcome<>(null, refusal);
        }
    }

    private final class Waiting {
        final R request;
        Outcome<A> outcome;
        RuntimeException failure;
        boolean done;

        Waiting(R request) {
            this.request = request;
        }
    }

    private final Function<List<R>, List<Outcome<A>>> commit;
    private final int maxGroup;
    private final Object lock = new Object();
    private List<Waiting> queued = new ArrayList<>();
    private boolean committing;

    /**
     * @param commit   commits a group in one transaction and gives one outcome per request, in their order; a failure it
     *                 throws fails the whole group
     * @param maxGroup the most requests one commit takes
     */
    GroupCommit(Function<List<R>, List<Outcome<A>>> commit, int maxGroup) {
        this.commit = commit;
        this.maxGroup = maxGroup;
    }

    /** Commits the request, with those of the callers that wait at the same time; its answer once it is durable. */
    A submit(R request) {
        Waiting mine = new Waiting(request);
        synchronized (lock) {
            queued.add(mine);
        }
        while (true) {
            List<Waiting> group;
            synchronized (lock) {
                awaitTurn(mine);
                if (mine.done) {
                    return answer(mine);
                }
                committing = true;
                // the oldest first: when more wait than a commit takes, this caller commits again until its own is in
                List<Waiting> oldest = queued.subList(0, Math.min(maxGroup, queued.size()));
                group = new ArrayList<>(oldest);
                oldest.clear();
            }
            commit(group);
        }
    }

    /** Waits, holding the lock, until no commit runs or the caller's request is done. */
    private void awaitTurn(Waiting mine) {
        boolean interrupted = false;
        while (committing && !mine.done) {
            try {
                lock.wait();
            } catch (InterruptedException e) {
                // the request may be in a group that is committing: its caller has to learn the outcome
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void commit(List<Waiting> group) {
        try {
            List<Outcome<A>> outcomes = commit.apply(group.stream().map(waiting -> waiting.request).toList());
            for (int i = 0; i < group.size(); i++) {
                group.get(i).outcome = outcomes.get(i);
            }
        } catch (RuntimeException e) {
            group.forEach(waiting -> waiting.failure = e);
        } finally {
            synchronized (lock) {
                group.forEach(waiting -> waiting.done = true);
                committing = false;
                lock.notifyAll();
            }
        }
    }

    /** Whether a commit runs now. */
    boolean committing() {
        synchronized (lock) {
            return committing;
        }
    }

    /** How many requests wait for the next commit. */
    int queued() {
        synchronized (lock) {
            return queued.size();
        }
    }

    private A answer(Waiting waiting) {
        if (waiting.failure != null) {
            throw waiting.failure;
        }
        if (waiting.outcome.refusal() != null) {
            throw waiting.outcome.refusal();
        }
        return waiting.outcome.answer();
    }
}
