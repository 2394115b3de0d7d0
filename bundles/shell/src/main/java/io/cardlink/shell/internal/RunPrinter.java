package io.cardlink.shell.internal;

import io.cardlink.api.run.DryRunReport;
import io.cardlink.api.run.DryRunReport.AttributeChange;
import io.cardlink.api.run.DryRunReport.CardChange;
import io.cardlink.api.run.Phase;
import io.cardlink.api.run.Run;
import io.cardlink.api.run.RunCounts;
import io.cardlink.api.run.RunStatus;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** How the run commands print runs. */
final class RunPrinter {
    static final String UNAVAILABLE =
            "Cardlink runs are not available right now: the storage, scheduler or engine bundle is not active.";

    private RunPrinter() {
    }

    static String status(RunStatus status) {
        return status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    static void table(PrintStream out, List<Run> runs) {
        if (runs.isEmpty()) {
            out.println("The task has not run yet");
            return;
        }
        String format = "%-36s  %-31s  %-27s  %-12s  %-12s  %s%n";
        out.printf(format, "Run", "Status", "Planned", "Extract", "Load", "Read/Created/Updated/Unchanged/Removed/Failed");
        for (Run run : runs) {
            out.printf(format, run.id(), status(run.status()) + (run.dryRun() ? " (dry run)" : ""),
                    time(run.plannedAt()), phase(run.extract()),
                    phase(run.load()), counts(run.counts()));
        }
    }

    static void detail(PrintStream out, Run run) {
        RunCounts c = run.counts();
        out.println("Run:          " + run.id());
        out.println("Task:         " + run.taskId());
        out.println("Trigger:      " + run.trigger());
        if (run.dryRun()) {
            out.println("Kind:         dry run (nothing was written; the counts are what a real run would do)");
        }
        out.println("Status:       " + status(run.status()));
        out.println("Planned:      " + time(run.plannedAt()));
        out.println("Extract:      " + phaseDetail(run.extract()));
        out.println("Load:         " + phaseDetail(run.load()));
        out.println("Cards:        " + c.read() + " read, " + c.created() + " created, " + c.updated() + " updated, "
                + c.unchanged() + " unchanged, " + c.removed() + " removed, " + c.failed() + " failed");
        out.println("Extract file: " + (run.extractFile() == null ? "none" : run.extractFile()));
        if (!run.info().isEmpty()) {
            out.println("Messages:");
            run.info().forEach(message -> out.println("  " + message));
        }
    }

    /** What a dry run found: at most {@link DryRunReport#SHOWN} cards per kind, as the report holds them. */
    static void dryRun(PrintStream out, DryRunReport report) {
        RunCounts c = report.counts();
        if (report.thresholdStop() != null) {
            out.println("Removal threshold: " + report.thresholdStop());
        }
        section(out, "Would create", c.created(), report.creates());
        section(out, "Would update", c.updated(), report.updates());
        section(out, "Would mark removed", c.removed(), report.removes());
        if (report.problemCount() > 0) {
            out.println("Mapping problems (" + shown(report.problemCount(), report.problems().size()) + "):");
            report.problems().forEach(problem -> out.println("  " + problem.key() + ": " + problem.reason()));
        }
    }

    private static void section(PrintStream out, String title, long total, List<CardChange> cards) {
        if (total == 0) {
            return;
        }
        out.println(title + " (" + shown(total, cards.size()) + "):");
        for (CardChange card : cards) {
            out.println("  " + card.key());
            for (AttributeChange change : card.attributes()) {
                out.println("    " + change.attribute() + ": '" + change.oldValue() + "' -> '" + change.newValue()
                        + "'");
            }
        }
    }

    private static String shown(long total, int shown) {
        return shown < total ? total + ", the first " + shown + " shown" : String.valueOf(total);
    }

    private static String counts(RunCounts c) {
        return c.read() + "/" + c.created() + "/" + c.updated() + "/" + c.unchanged() + "/" + c.removed() + "/"
                + c.failed();
    }

    private static String phase(Phase phase) {
        return phase == null ? "" : status(phase.status());
    }

    private static String phaseDetail(Phase phase) {
        if (phase == null) {
            return "";
        }
        return status(phase.status()) + (phase.startedAt() == null ? "" : ", started " + time(phase.startedAt()))
                + (phase.completedAt() == null ? "" : ", completed " + time(phase.completedAt()));
    }

    private static String time(Instant instant) {
        return instant == null ? "" : instant.toString();
    }
}
