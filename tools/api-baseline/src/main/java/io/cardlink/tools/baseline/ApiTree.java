package io.cardlink.tools.baseline;

import aQute.bnd.differ.DiffPluginImpl;
import aQute.bnd.header.Attrs;
import aQute.bnd.header.OSGiHeader;
import aQute.bnd.header.Parameters;
import aQute.bnd.osgi.Constants;
import aQute.bnd.osgi.Jar;
import aQute.bnd.service.diff.Delta;
import aQute.bnd.service.diff.Tree;
import aQute.bnd.service.diff.Type;
import aQute.bnd.version.Version;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Manifest;

/**
 * The exported API of one bundle as bnd's differ sees it: every exported package with its version, classes, members,
 * modifiers and annotations, each element knowing how big a change its addition or removal is. Kept as text, one
 * element a line ({@code TYPE ifAdded ifRemoved name}, indented by depth), so that a baseline file reads and diffs in a
 * review like the API it records.
 */
final class ApiTree {
    private static final String API = "<api>";
    private static final String INDENT = "  ";

    private final Tree.Data api;
    private final Parameters exports;

    private ApiTree(Tree.Data api, Parameters exports) {
        this.api = api;
        this.exports = exports;
    }

    /** The API a built bundle exports, with the attributes of its Export-Package header. */
    static ApiTree of(Jar jar) throws Exception {
        Tree bundle = new DiffPluginImpl().tree(jar);
        Tree api = bundle.get(API);
        Manifest manifest = jar.getManifest();
        String header = manifest == null ? null : manifest.getMainAttributes().getValue(Constants.EXPORT_PACKAGE);
        return new ApiTree(api.serialize(), OSGiHeader.parseHeader(header));
    }

    /** Reads what {@link #lines()} wrote; lines starting with {@code #} are comments. */
    static ApiTree parse(List<String> lines) {
        Tree.Data root = null;
        Deque<Tree.Data> parents = new ArrayDeque<>();
        Map<Tree.Data, List<Tree.Data>> children = new java.util.IdentityHashMap<>();
        int number = 0;
        for (String line : lines) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int depth = 0;
            while (line.startsWith(INDENT, depth * INDENT.length())) {
                depth++;
            }
            Tree.Data element = element(line.substring(depth * INDENT.length()), number);
            while (parents.size() > depth) {
                parents.pop();
            }
            if (depth == 0) {
                if (root != null) {
                    throw new IllegalArgumentException("line " + number + ": a second root element");
                }
                root = element;
            } else if (parents.size() != depth) {
                throw new IllegalArgumentException("line " + number + ": indented deeper than its parent");
            } else {
                children.get(parents.peek()).add(element);
            }
            children.put(element, new ArrayList<>());
            parents.push(element);
        }
        if (root == null || !API.equals(root.name)) {
            throw new IllegalArgumentException("no " + API + " element");
        }
        children.forEach((element, list) -> element.children = list.toArray(new Tree.Data[0]));
        return new ApiTree(root, exportsOf(root));
    }

    /** The text form: one element a line, children indented under their parent. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        write(api, "", lines);
        return lines;
    }

    /** The exported packages and their versions. */
    Map<String, Version> packages() {
        Map<String, Version> packages = new TreeMap<>();
        exports.forEach((name, attrs) -> packages.put(name, Version.parseVersion(attrs.get(Constants.VERSION_ATTRIBUTE))));
        return packages;
    }

    /** The Export-Package clauses, with the version and any other attributes and directives. */
    Parameters exports() {
        return exports;
    }

    /** A bundle tree holding only the API, so that two of them compare by their API alone. */
    Tree bundleTree() throws Exception {
        Tree.Data bundle = new Tree.Data();
        bundle.type = Type.BUNDLE;
        bundle.name = "api";
        bundle.add = Delta.MINOR;
        bundle.rem = Delta.MAJOR;
        bundle.children = new Tree.Data[] {api};
        return new DiffPluginImpl().deserialize(bundle);
    }

    private static Parameters exportsOf(Tree.Data api) {
        Parameters exports = new Parameters();
        for (Tree.Data child : api.children) {
            if (child.type != Type.PACKAGE) {
                continue;
            }
            Attrs attrs = new Attrs();
            for (Tree.Data member : child.children) {
                if (member.type == Type.VERSION) {
                    attrs.put(Constants.VERSION_ATTRIBUTE, member.name);
                }
            }
            exports.put(child.name, attrs);
        }
        return exports;
    }

    private static void write(Tree.Data element, String indent, List<String> lines) {
        StringBuilder line = new StringBuilder(indent).append(element.type).append(' ').append(element.add)
                .append(' ').append(element.rem).append(' ').append(escape(element.name));
        if (element.comment != null) {
            line.append("\t#").append(escape(element.comment));
        }
        lines.add(line.toString());
        if (element.children != null) {
            for (Tree.Data child : element.children) {
                write(child, indent + INDENT, lines);
            }
        }
    }

    private static Tree.Data element(String text, int number) {
        String[] parts = text.split(" ", 4);
        if (parts.length < 4) {
            throw new IllegalArgumentException("line " + number + ": expected TYPE ADD REMOVE NAME, found '" + text + "'");
        }
        Tree.Data element = new Tree.Data();
        try {
            element.type = Type.valueOf(parts[0]);
            element.add = Delta.valueOf(parts[1]);
            element.rem = Delta.valueOf(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("line " + number + ": " + e.getMessage(), e);
        }
        String rest = parts[3];
        int comment = rest.indexOf("\t#");
        element.name = unescape(comment < 0 ? rest : rest.substring(0, comment));
        element.comment = comment < 0 ? null : unescape(rest.substring(comment + 2));
        return element;
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(switch (next) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
