package io.cardlink.engine.internal;

import io.cardlink.api.card.AttributeSchema;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.ExternalReferenceValue;
import io.cardlink.api.card.TemplateSchema;
import io.cardlink.api.card.Value;
import io.cardlink.api.connector.Capability;
import io.cardlink.api.connector.FarSide;
import io.cardlink.api.connector.FileTransfer;
import io.cardlink.api.connector.InstanceGateway;
import io.cardlink.api.mapping.MappingEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The files of a scheduled task's cards. A mapped card's file attributes (attachments: external-reference values
 * whose location names a file of the remote instance) are not written with the card: after the card is written,
 * each file is downloaded from the remote card into a temporary file and uploaded to the local card, streamed.
 * <p>
 * Which files a card holds is part of its fingerprint, as a suffix of its own: a card whose other attributes
 * change keeps its files, and a card whose files change gets its file attributes copied anew (cleared, then every
 * file uploaded). A file attribute holds what the remote card holds after each copy, so an upload whose outcome was
 * unknown is never sent again blindly: the card's fingerprint then says the files were not copied, and the next
 * run clears the attribute before it uploads again.
 */
final class Attachments {
    /** Separates a card's fingerprint from that of its files. */
    private static final String FILES = "+";
    /** The files part of a card whose files were not all copied: never equal to a real one. */
    private static final String NOT_COPIED = FILES + "!";
    private static final int FILES_FINGERPRINT_LENGTH = 16;

    private final MappingEngine engine;
    private final FarSide remote;
    private final String remoteTemplate;
    private final InstanceGateway local;
    private final String localTemplate;
    private final Set<String> fileAttributes;

    Attachments(MappingEngine engine, FarSide remote, String remoteTemplate, InstanceGateway local,
            TemplateSchema target) {
        this.engine = engine;
        this.remote = remote;
        this.remoteTemplate = remoteTemplate;
        this.local = local;
        this.localTemplate = target.code();
        this.fileAttributes = target.attributes().values().stream().filter(AttributeSchema::file)
                .map(AttributeSchema::code).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The mapped card as it is written: without its file attributes, which are copied afterwards. */
    DataCard withoutFiles(DataCard mapped) {
        if (!hasFiles(mapped)) {
            return mapped;
        }
        Map<String, List<Value>> attributes = new LinkedHashMap<>(mapped.attributes());
        attributes.keySet().removeAll(fileAttributes);
        return new DataCard(mapped.id(), mapped.templateCode(), mapped.folderCode(), mapped.name(), mapped.deleted(),
                mapped.hidden(), attributes);
    }

    /**
     * The fingerprint of the mapped card: that of the card as written, and for a card with file attributes, that of
     * its files (names and remote locations) after a {@code +}.
     */
    String fingerprint(DataCard mapped) {
        String card = engine.fingerprint(withoutFiles(mapped));
        if (!hasFiles(mapped)) {
            return card;
        }
        Map<String, List<Value>> files = new LinkedHashMap<>();
        fileAttributes.stream().filter(mapped.attributes()::containsKey)
                .forEach(code -> files.put(code, mapped.values(code)));
        DataCard filesOnly = DataCard.draft(mapped.templateCode(), null, files);
        return card + FILES + engine.fingerprint(filesOnly).substring(0, FILES_FINGERPRINT_LENGTH);
    }

    /** The fingerprint to keep for a card whose files were not all copied: its next run copies them again. */
    static String notCopied(String fingerprint) {
        int files = fingerprint.indexOf(FILES);
        return (files < 0 ? fingerprint : fingerprint.substring(0, files)) + NOT_COPIED;
    }

    /** Whether a card last loaded with {@code previous} (null: never) needs its files copied for {@code current}. */
    static boolean filesChanged(String previous, String current) {
        int files = current.indexOf(FILES);
        if (files < 0) {
            return false;
        }
        return previous == null || !current.substring(files).equals(filesPart(previous));
    }

    private static String filesPart(String fingerprint) {
        int files = fingerprint.indexOf(FILES);
        return files < 0 ? "" : fingerprint.substring(files);
    }

    /**
     * Copies the files of the mapped card's file attributes from the remote card {@code source} to the local card
     * {@code localId}; a card just {@code created} has none yet, another one has its file attributes cleared first.
     * Returns one problem per attribute whose files were not all copied, each naming the attribute and the file.
     */
    List<String> copy(DataCard source, DataCard mapped, String localId, boolean created) {
        List<String> problems = new ArrayList<>();
        for (String attribute : fileAttributes) {
            if (mapped.attributes().containsKey(attribute)) {
                String problem = copyAttribute(source, mapped.values(attribute), attribute, localId, created);
                if (problem != null) {
                    problems.add(problem);
                }
            }
        }
        return problems;
    }

    private String copyAttribute(DataCard source, List<Value> values, String attribute, String localId,
            boolean created) {
        List<ExternalReferenceValue> files = values.stream().filter(ExternalReferenceValue.class::isInstance)
                .map(ExternalReferenceValue.class::cast).toList();
        List<Path> downloaded = new ArrayList<>();
        try {
            for (ExternalReferenceValue file : files) {
                String sourceAttribute = sourceAttribute(source, file.location());
                if (sourceAttribute == null) {
                    return describe(attribute, file) + " not copied: the remote card has no file at "
                            + file.location();
                }
                if (!(remote instanceof FileTransfer transfer)) {
                    return describe(attribute, file) + " not copied: the connector's type does not "
                            + TypeCapabilities.named(Capability.TRANSFER_FILES);
                }
                Path copy = Files.createTempFile("cardlink-attachment-", ".part");
                downloaded.add(copy);
                try {
                    transfer.downloadFile(remoteTemplate, source.id(), sourceAttribute, file.location(), copy);
                } catch (RuntimeException e) {
                    return describe(attribute, file) + " not copied: the download from the remote instance failed: "
                            + message(e);
                }
            }
            if (!created) {
                try {
                    local.update(localTemplate, localId, DataCard.draft(localTemplate, null,
                            Map.of(attribute, List.of())));
                } catch (RuntimeException e) {
                    return "attribute '" + attribute + "': the files of the local card could not be replaced: "
                            + message(e);
                }
            }
            for (int i = 0; i < files.size(); i++) {
                ExternalReferenceValue file = files.get(i);
                try {
                    local.uploadFile(localTemplate, localId, attribute, fileName(file), downloaded.get(i));
                } catch (RuntimeException e) {
                    return describe(attribute, file) + " not copied: the local instance refused the upload: "
                            + message(e);
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("no temporary file for an attachment", e);
        } finally {
            downloaded.forEach(Attachments::deleteQuietly);
        }
    }

    /** The remote card's file attribute that holds the file at {@code location}. */
    private static String sourceAttribute(DataCard source, String location) {
        for (Map.Entry<String, List<Value>> attribute : source.attributes().entrySet()) {
            for (Value value : attribute.getValue()) {
                if (value instanceof ExternalReferenceValue file && file.location().equals(location)) {
                    return attribute.getKey();
                }
            }
        }
        return null;
    }

    private boolean hasFiles(DataCard mapped) {
        return fileAttributes.stream().anyMatch(mapped.attributes()::containsKey);
    }

    private static String fileName(ExternalReferenceValue file) {
        return file.name() == null || file.name().isBlank() ? file.location() : file.name();
    }

    private static String describe(String attribute, ExternalReferenceValue file) {
        return "attachment '" + fileName(file) + "' of attribute '" + attribute + "'";
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }
}
