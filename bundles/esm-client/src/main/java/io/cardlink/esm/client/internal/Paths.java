package io.cardlink.esm.client.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/** Endpoint paths with URL-encoded segments, and query strings with URL-encoded values. */
final class Paths {
    private Paths() {
    }

    static String segment(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a path segment must not be empty");
        }
        return encode(value);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String template(String template) {
        return "/dc/" + segment(template);
    }

    static String data(String template) {
        return template(template) + "/data";
    }

    static String card(String template, String id) {
        return data(template) + "/" + segment(id);
    }

    static String attribute(String template, String id, String attribute) {
        return card(template, id) + "/" + segment(attribute);
    }

    /** Builds {@code a=1&b=2}, skipping null values. */
    static final class Query {
        private final StringJoiner joiner = new StringJoiner("&");

        Query add(String name, Object value) {
            if (value != null) {
                joiner.add(encode(name) + "=" + encode(value.toString()));
            }
            return this;
        }

        @Override
        public String toString() {
            return joiner.length() == 0 ? null : joiner.toString();
        }
    }
}
