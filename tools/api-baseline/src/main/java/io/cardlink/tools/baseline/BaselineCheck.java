package io.cardlink.tools.baseline;

import aQute.bnd.differ.Baseline;
import aQute.bnd.differ.DiffPluginImpl;
import aQute.bnd.osgi.Instructions;
import aQute.bnd.osgi.Processor;
import aQute.bnd.service.diff.Delta;
import aQute.bnd.service.diff.Diff;
import aQute.bnd.service.diff.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares the API a bundle exports now with its recorded baseline by bnd's rules of semantic versioning (what bnd's
 * own baselining applies against a released jar): a change that breaks code compiled against the baseline (a
 * removal, a narrower modifier, a new abstract method in an interface that others implement) needs a major bump of
 * the package version, an addition a minor bump, anything else visible a micro bump. An interface annotated
 * {@code @ProviderType} is implemented only by its provider, so new methods in it are additions.
 */
final class BaselineCheck {
    /** How many changes of one kind a message lists before it counts the rest. */
    private static final int LISTED = 8;
    private static final String VERSION_ANNOTATION = "org.osgi.annotation.versioning.Version";

    /** What the comparison found: problems fail the build; notes tell what passed but changed. */
    record Outcome(List<String> problems, List<String> notes) {
        boolean passed() {
            return problems.isEmpty();
        }
    }

    private BaselineCheck() {
    }

    static Outcome compare(ApiTree built, ApiTree baseline) throws Exception {
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Baseline baselining = new Baseline(new Processor(), new DiffPluginImpl());
        Set<Baseline.Info> infos = baselining.baseline(built.bundleTree(), built.exports(), baseline.bundleTree(),
                baseline.exports(), new Instructions());
        List<Baseline.Info> sorted = new ArrayList<>(infos);
        sorted.sort(Comparator.comparing(info -> info.packageName));
        for (Baseline.Info info : sorted) {
            Delta delta = info.packageDiff.getDelta();
            String name = info.packageName;
            if (delta == Delta.REMOVED) {
                problems.add("package " + name + " " + info.olderVersion + " is in the baseline but no longer exported:"
                        + " every bundle that imports it breaks");
            } else if (delta == Delta.ADDED) {
                problems.add("package " + name + " " + info.newerVersion + " is exported but not in the baseline");
            } else if (info.newerVersion.compareTo(info.olderVersion) < 0) {
                problems.add("package " + name + " went down from version " + info.olderVersion + " to "
                        + info.newerVersion);
            } else if (info.mismatch) {
                problems.add(mismatch(info));
            } else if (!info.newerVersion.equals(info.olderVersion)) {
                notes.add("package " + name + " " + info.olderVersion + " -> " + info.newerVersion
                        + (delta == Delta.UNCHANGED ? " with no change to its API" : " (" + changes(info.packageDiff) + ")"));
            }
        }
        return new Outcome(problems, notes);
    }

    private static String mismatch(Baseline.Info info) {
        Delta delta = info.packageDiff.getDelta();
        String bump = switch (delta) {
            case MAJOR -> "it breaks code compiled against " + info.olderVersion
                    + " (a removal or an incompatible change), which needs a major bump";
            case MINOR -> "an addition needs a minor bump";
            default -> "a change that code can see needs a micro bump";
        };
        String version = info.newerVersion.equals(info.olderVersion)
                ? "its version " + info.olderVersion + " did not change"
                : "its version went only from " + info.olderVersion + " to " + info.newerVersion;
        StringBuilder message = new StringBuilder("package ").append(info.packageName).append(" changed (")
                .append(changes(info.packageDiff)).append(") but ").append(version).append(": ").append(bump)
                .append(" to ").append(info.suggestedVersion).append(" at least");
        if (info.suggestedIfProviders != null && info.providers != null && !info.providers.isEmpty()) {
            message.append("; or, if only Cardlink's own bundles implement ")
                    .append(String.join(", ", new TreeSet<>(info.providers)))
                    .append(", annotate them @org.osgi.annotation.versioning.ProviderType and ")
                    .append(info.suggestedIfProviders).append(" is enough");
        }
        return message.toString();
    }

    /** The changes of a package, such as {@code added method x() in interface p.A; removed class p.B}. */
    static String changes(Diff packageDiff) {
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        collect(packageDiff, null, added, removed);
        List<String> parts = new ArrayList<>();
        if (!added.isEmpty()) {
            parts.add("added " + listed(added));
        }
        if (!removed.isEmpty()) {
            parts.add("removed " + listed(removed));
        }
        return parts.isEmpty() ? "no change to its signatures" : String.join("; ", parts);
    }

    private static void collect(Diff diff, String context, List<String> added, List<String> removed) {
        for (Diff child : diff.getChildren()) {
            if (context == null && child.getType() == Type.ANNOTATED && VERSION_ANNOTATION.equals(child.getName())) {
                continue; // the package's own version: what the check is about, not a change to report
            }
            Delta delta = child.getDelta();
            String where = describe(child, context);
            if (delta == Delta.ADDED) {
                if (significant(child.getNewer().ifAdded())) {
                    added.add(where);
                }
            } else if (delta == Delta.REMOVED) {
                if (significant(child.getOlder().ifRemoved())) {
                    removed.add(where);
                }
            } else if (significant(delta)) {
                collect(child, where, added, removed);
            }
        }
    }

    private static boolean significant(Delta delta) {
        return delta == Delta.MICRO || delta == Delta.MINOR || delta == Delta.MAJOR || delta == Delta.ADDED
                || delta == Delta.REMOVED;
    }

    private static String describe(Diff diff, String context) {
        String element = word(diff.getType()) + " " + diff.getName();
        return context == null ? element : element + " in " + context;
    }

    private static String word(Type type) {
        return switch (type) {
            case ACCESS -> "modifier";
            case RETURN -> "return type";
            case EXTENDS -> "superclass";
            case IMPLEMENTS -> "implemented interface";
            case ANNOTATED -> "annotation";
            case PROPERTY -> "annotation value";
            case DEFAULT -> "default value";
            default -> type.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
    }

    private static String listed(List<String> items) {
        if (items.size() <= LISTED) {
            return String.join(", ", items);
        }
        return String.join(", ", items.subList(0, LISTED)) + " and " + (items.size() - LISTED) + " more";
    }
}
