package io.cardlink.api.connector;

import io.cardlink.api.FieldProblem;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pluggable kind of connector, registered as an OSGi service. The engine tracks the types as they come and go;
 * a connector whose type is gone keeps its configuration and waits for the type to come back.
 */
public interface ConnectorType {

    /** Service property naming the type, equal to {@link #id()}. */
    String TYPE_PROPERTY = "cardlink.connector.type";

    /** A short stable id such as {@code coreproiga}. */
    String id();

    String displayName();

    /** The settings a connector of this type takes, secrets included. */
    List<SettingDescriptor> settings();

    /**
     * The class of the far side {@link Connection#remote()} returns (or an interface all such far sides implement):
     * the type's {@link Capability capabilities} are derived from the operation interfaces it implements, without
     * connecting, so a type can only offer what its far side does.
     */
    Class<? extends FarSide> farSide();

    /**
     * Opens a connection for a connector of this type. No I/O happens here; the gateways log in when first used.
     * Throws {@link io.cardlink.api.ValidationException} when the configuration can't work at all.
     */
    Connection connect(ConnectionConfig config);

    /**
     * What makes two connectors of this type the same connector: an import merges a connector of its document into
     * an existing one of the same type whose settings give the same identity. Equal for connectors that reach the
     * same far side as the same user (CoreProIGA: the remote host and port and the remote user); empty when the
     * settings don't tell, and then the connector is never merged. The default: never merged.
     */
    default Optional<String> identity(Map<String, String> settings) {
        return Optional.empty();
    }

    /** How this type's forms name a task's remote template (the default: a Matrix42 instance's words). */
    default TaskFieldLabel templateField() {
        return TaskFieldLabel.TEMPLATE;
    }

    /** How this type's forms name a task's remote folder (the default: a Matrix42 instance's words). */
    default TaskFieldLabel folderField() {
        return TaskFieldLabel.FOLDER;
    }

    /**
     * The settings a scheduled task of a connector of this type takes beside the fields every task has (such as a
     * filter in the type's query language). The default: none.
     */
    default List<TaskSettingDescriptor> taskSettings() {
        return List.of();
    }

    /**
     * Checks a scheduled task's settings (only the keys of {@link #taskSettings()}, blank values left out) for a
     * task reading {@code templateCode} in {@code folderCode}; problems are named {@code settings.<key>}. The engine
     * has already checked that the keys are known and the required ones given. {@code remote} is the connector's far
     * side for the checks only it can make, or null when it could not be reached (then only what can be checked
     * without it is). May throw a retryable {@link io.cardlink.api.CardlinkException} when the far side fails
     * during the check: the task is not at fault, and the engine warns instead. The default: every value is valid.
     */
    default List<FieldProblem> validateTaskSettings(String templateCode, String folderCode,
            Map<String, String> settings, FarSide remote) {
        return List.of();
    }

    /**
     * Checks a connector's settings as a whole, for what only the type knows (the form of a value its descriptor
     * calls text, how settings go together). {@code settings} are the plain ones as they will be stored, defaults
     * filled in, each of which already passed its descriptor's checks; secrets are not among them. Problems are named
     * by the setting's key. Called when a connector is created, changed or imported, never with the network. The
     * default: settings valid by their descriptors are valid.
     */
    default List<FieldProblem> validateSettings(Map<String, String> settings) {
        return List.of();
    }

    default Optional<SettingDescriptor> setting(String key) {
        return settings().stream().filter(s -> s.key().equals(key)).findFirst();
    }
}
