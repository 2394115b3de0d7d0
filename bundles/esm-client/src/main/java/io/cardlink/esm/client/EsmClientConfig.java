package io.cardlink.esm.client;

import io.cardlink.api.Validation;
import io.cardlink.api.metrics.RemoteCallObserver;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Where an instance is and how to talk to it. The password is held privately and never appears in
 * {@link #toString()}. Build one with {@link #builder()}; {@link Builder#build()} checks every field and
 * reports all problems at once as an {@link io.cardlink.api.ValidationException}.
 */
public final class EsmClientConfig {
    /** The API path of cloud instances; on-premises installations often use another one. */
    public static final String DEFAULT_API_PATH = "/rest-api/itsm/v1";

    private final URI baseUrl;
    private final String apiPath;
    private final String login;
    private final char[] password;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Duration streamReadTimeout;
    private final RetryPolicy retryPolicy;
    private final TrustStore trustStore;
    private final RemoteCallObserver callObserver;

    private EsmClientConfig(Builder b) {
        this.baseUrl = URI.create(stripTrailingSlash(b.baseUrl.trim()));
        this.apiPath = stripTrailingSlash(b.apiPath.trim());
        this.login = b.login;
        this.password = b.password.clone();
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.streamReadTimeout = b.streamReadTimeout;
        this.retryPolicy = b.retryPolicy;
        this.trustStore = b.trustStore;
        this.callObserver = b.callObserver;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Scheme, host, port and any context prefix, without the API path, such as {@code https://acme.efectecloud.com}. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** The API path below the base URL, such as {@code /rest-api/itsm/v1}; no trailing slash. */
    public String apiPath() {
        return apiPath;
    }

    /** Base URL and API path joined: the URL that endpoint paths such as {@code /dc} are relative to. */
    public String apiUrl() {
        return baseUrl + apiPath;
    }

    public String login() {
        return login;
    }

    /** A copy of the password; the caller should clear it after use. */
    public char[] password() {
        return password.clone();
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** How long to wait for the response headers of one request. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** How long a response body may stall (no bytes arriving) before the read fails. */
    public Duration streamReadTimeout() {
        return streamReadTimeout;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** The trust store for TLS, or null to use the JDK's default trust. */
    public TrustStore trustStore() {
        return trustStore;
    }

    /** Told of every send to the instance (metrics), or null for none. */
    public RemoteCallObserver callObserver() {
        return callObserver;
    }

    public Builder toBuilder() {
        return new Builder().baseUrl(baseUrl.toString()).apiPath(apiPath).login(login).password(password)
                .connectTimeout(connectTimeout).requestTimeout(requestTimeout).streamReadTimeout(streamReadTimeout)
                .retryPolicy(retryPolicy).trustStore(trustStore).callObserver(callObserver);
    }

    @Override
    public String toString() {
        return "EsmClientConfig[url=" + apiUrl() + ", login=" + login + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + ", streamReadTimeout=" + streamReadTimeout + ", retry="
                + retryPolicy + ", trustStore=" + trustStore + "]";
    }

    private static String stripTrailingSlash(String s) {
        String out = s;
        while (out.endsWith("/")) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }

    /** Collects the settings; the defaults suit a cloud instance. */
    public static final class Builder {
        private String baseUrl;
        private String apiPath = DEFAULT_API_PATH;
        private String login;
        private char[] password;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private Duration streamReadTimeout = Duration.ofMinutes(5);
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private TrustStore trustStore;
        private RemoteCallObserver callObserver;

        private Builder() {
        }

        public Builder baseUrl(String value) {
            this.baseUrl = value;
            return this;
        }

        public Builder apiPath(String value) {
            this.apiPath = value;
            return this;
        }

        public Builder login(String value) {
            this.login = value;
            return this;
        }

        public Builder password(char[] value) {
            this.password = value == null ? null : value.clone();
            return this;
        }

        public Builder password(String value) {
            this.password = value == null ? null : value.toCharArray();
            return this;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        public Builder requestTimeout(Duration value) {
            this.requestTimeout = value;
            return this;
        }

        public Builder streamReadTimeout(Duration value) {
            this.streamReadTimeout = value;
            return this;
        }

        public Builder retryPolicy(RetryPolicy value) {
            this.retryPolicy = value;
            return this;
        }

        public Builder trustStore(TrustStore value) {
            this.trustStore = value;
            return this;
        }

        public Builder callObserver(RemoteCallObserver value) {
            this.callObserver = value;
            return this;
        }

        public EsmClientConfig build() {
            Validation v = new Validation();
            v.require("baseUrl", baseUrl);
            if (baseUrl != null && !baseUrl.isBlank()) {
                checkBaseUrl(v, baseUrl.trim());
            }
            v.require("apiPath", apiPath);
            if (apiPath != null && !apiPath.isBlank()) {
                String p = apiPath.trim();
                v.check(p.startsWith("/"), "apiPath", "must start with '/'");
                v.check(!p.contains("?") && !p.contains("#") && !p.contains(" "), "apiPath",
                        "must be a plain path without query, fragment or spaces");
            }
            v.require("login", login);
            v.check(password != null && password.length > 0, "password", "required");
            checkPositive(v, "connectTimeout", connectTimeout);
            checkPositive(v, "requestTimeout", requestTimeout);
            checkPositive(v, "streamReadTimeout", streamReadTimeout);
            v.require("retryPolicy", retryPolicy);
            v.throwIfInvalid();
            return new EsmClientConfig(this);
        }

        private static void checkBaseUrl(Validation v, String value) {
            URI uri;
            try {
                uri = URI.create(value);
            } catch (IllegalArgumentException e) {
                v.add("baseUrl", "not a URL");
                return;
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            v.check(scheme.equals("http") || scheme.equals("https"), "baseUrl", "must start with https:// or http://");
            v.check(uri.getHost() != null, "baseUrl", "needs a host");
            v.check(uri.getRawQuery() == null && uri.getRawFragment() == null, "baseUrl",
                    "must not carry a query or fragment");
            v.check(uri.getRawUserInfo() == null, "baseUrl", "must not carry credentials");
        }

        private static void checkPositive(Validation v, String field, Duration d) {
            v.check(d != null && !d.isNegative() && !d.isZero(), field, "must be a positive duration");
        }
    }
}
