package io.cardlink.emulator.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The parameters of a query string (or a form body) in their order, decoded, with their raw text kept for links. */
final class Query {
    private record Param(String raw, String name, String value) {
    }

    private final List<Param> params = new ArrayList<>();

    Query(String raw) {
        if (raw == null || raw.isEmpty()) {
            return;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.add(new Param(pair, decode(name), decode(value)));
        }
    }

    static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("Malformed URL encoding in '" + s + "'");
        }
    }

    /** The first value of a parameter, or null. */
    String get(String name) {
        for (Param p : params) {
            if (p.name().equals(name)) {
                return p.value();
            }
        }
        return null;
    }

    /** The original query with one parameter set to a new value (added when missing). */
    String with(String name, String value) {
        StringBuilder out = new StringBuilder();
        boolean replaced = false;
        for (Param p : params) {
            if (out.length() > 0) {
                out.append('&');
            }
            if (p.name().equals(name)) {
                if (replaced) {
                    out.setLength(out.length() - 1);
                    continue;
                }
                out.append(name).append('=').append(value);
                replaced = true;
            } else {
                out.append(p.raw());
            }
        }
        if (!replaced) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(name).append('=').append(value);
        }
        return out.toString();
    }

    /** A boolean parameter: absent is the default; anything but true or false is a 400. */
    boolean flag(String name, boolean absent) {
        String v = get(name);
        if (v == null || v.isEmpty()) {
            return absent;
        }
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw ApiError.badRequest("Query parameter '" + name + "' must be true or false, not '" + v + "'");
    }
}
