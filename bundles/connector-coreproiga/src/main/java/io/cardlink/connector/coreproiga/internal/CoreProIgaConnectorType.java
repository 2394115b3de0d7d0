package io.cardlink.connector.coreproiga.internal;

import io.cardlink.api.connector.Capability;
import io.cardlink.api.connector.Connection;
import io.cardlink.api.connector.ConnectionConfig;
import io.cardlink.api.connector.ConnectorType;
import io.cardlink.api.connector.SettingDescriptor;
import io.cardlink.api.connector.SettingDescriptor.Kind;
import io.cardlink.esm.client.TrustStore;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * The M42 CoreProIGA connector type: links the local Matrix42 Core/Pro/IGA instance with a remote one over the
 * REST API v1. The local instance's URL is an engine setting; the connector holds the remote address and the
 * WebAPI users of both instances.
 */
@Component(service = ConnectorType.class, property = ConnectorType.TYPE_PROPERTY + "=" + CoreProIgaConnectorType.ID)
public class CoreProIgaConnectorType implements ConnectorType {
    public static final String ID = "coreproiga";
    public static final String REMOTE_URL = "remoteUrl";
    public static final String REMOTE_API_PATH = "remoteApiPath";
    public static final String REMOTE_USER = "remoteUser";
    public static final String REMOTE_PASSWORD = "remotePassword";
    public static final String REMOTE_CERTIFICATES = "remoteTrustedCertificates";
    public static final String LOCAL_USER = "localUser";
    public static final String LOCAL_PASSWORD = "localPassword";
    public static final String DEFAULT_API_PATH = "/rest-api/itsm/v1";

    private static final List<SettingDescriptor> SETTINGS = List.of(
            new SettingDescriptor(REMOTE_URL, "Remote host URL", Kind.URL, true, null,
                    "Scheme, host and port of the remote instance, such as https://tenant.efectecloud.com"),
            new SettingDescriptor(REMOTE_API_PATH, "Remote API path", Kind.PATH, true, DEFAULT_API_PATH,
                    "Path of the REST API v1 on the remote instance; cloud instances use " + DEFAULT_API_PATH),
            new SettingDescriptor(REMOTE_USER, "Remote WebAPI user", Kind.TEXT, true, null,
                    "A local ESM user of the remote instance with the External API permission"),
            new SettingDescriptor(REMOTE_PASSWORD, "Remote WebAPI password", Kind.SECRET, true, null,
                    "Password of the remote WebAPI user", REMOTE_URL),
            new SettingDescriptor(REMOTE_CERTIFICATES, "Remote trusted certificates", Kind.CERTIFICATES, false, null,
                    "PEM certificates the remote instance's TLS certificate must chain to, for a self-signed"
                            + " instance; when set, only these are trusted"),
            new SettingDescriptor(LOCAL_USER, "Local WebAPI user", Kind.TEXT, true, null,
                    "A local ESM user of the local instance with the External API permission"),
            new SettingDescriptor(LOCAL_PASSWORD, "Local WebAPI password", Kind.SECRET, true, null,
                    "Password of the local WebAPI user", SettingDescriptor.LOCAL_INSTANCE));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "M42 CoreProIGA";
    }

    @Override
    public List<SettingDescriptor> settings() {
        return SETTINGS;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    /**
     * One gateway per instance: the remote one from the connector's settings, the local one from the engine's
     * local URL and API path with the connector's local WebAPI user. Incomplete settings don't fail here; the
     * gateway concerned reports them (connection test: NOT_CONFIGURED).
     */
    @Override
    public Connection connect(ConnectionConfig config) {
        String remotePath = config.setting(REMOTE_API_PATH);
        String certificates = config.setting(REMOTE_CERTIFICATES);
        EsmInstanceGateway remote = EsmInstanceGateway.of("remote", config.setting(REMOTE_URL),
                remotePath == null || remotePath.isBlank() ? DEFAULT_API_PATH : remotePath,
                config.setting(REMOTE_USER), config.secret(REMOTE_PASSWORD),
                certificates == null || certificates.isBlank() ? null : TrustStore.pem(certificates),
                Map.of("baseUrl", "settings." + REMOTE_URL, "apiPath", "settings." + REMOTE_API_PATH,
                        "login", "settings." + REMOTE_USER, "password", "settings." + REMOTE_PASSWORD));
        EsmInstanceGateway local = EsmInstanceGateway.of("local", config.localUrl(), config.localApiPath(),
                config.setting(LOCAL_USER), config.secret(LOCAL_PASSWORD), null,
                Map.of("baseUrl", "localUrl", "apiPath", "localApiPath",
                        "login", "settings." + LOCAL_USER, "password", "settings." + LOCAL_PASSWORD));
        return new CoreProIgaConnection(remote, local);
    }
}
