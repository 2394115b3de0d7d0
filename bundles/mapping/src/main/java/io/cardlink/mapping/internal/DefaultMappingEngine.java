package io.cardlink.mapping.internal;

import io.cardlink.api.FieldProblem;
import io.cardlink.api.ValidationException;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.TemplateSchema;
import io.cardlink.api.mapping.CompiledMapping;
import io.cardlink.api.mapping.Direction;
import io.cardlink.api.mapping.MappingEngine;
import io.cardlink.api.task.Mapping;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/** The mapping engine service. Configuration (PID {@code io.cardlink.mapping}) is optional. */
@Component(service = MappingEngine.class, configurationPid = DefaultMappingEngine.PID)
@Designate(ocd = DefaultMappingEngine.Config.class)
public final class DefaultMappingEngine implements MappingEngine {
    static final String PID = "io.cardlink.mapping";
    private static final Logger LOG = LoggerFactory.getLogger(DefaultMappingEngine.class);

    @ObjectClassDefinition(name = "Cardlink mapping engine",
            description = "How the mapping engine converts values between instances.")
    public @interface Config {
        @AttributeDefinition(name = "Legacy time zone", description = "Time zone of date-times written in the legacy"
                + " local form dd.MM.yyyy HH:mm, such as Europe/Helsinki. An unknown zone falls back to UTC.")
        String legacyTimeZone() default "UTC";
    }

    private final ZoneId legacyZone;

    @Activate
    public DefaultMappingEngine(Config config) {
        this(zone(config.legacyTimeZone()));
    }

    DefaultMappingEngine(ZoneId legacyZone) {
        this.legacyZone = legacyZone;
    }

    @Override
    public CompiledMapping compile(Mapping mapping, TemplateSchema source, TemplateSchema target,
            Direction direction) {
        List<FieldProblem> problems = MappingRules.withoutSchemas(mapping, direction);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return new PrecompiledMapping(mapping, source, target, direction, legacyZone);
    }

    @Override
    public List<FieldProblem> validate(Mapping mapping, TemplateSchema source, TemplateSchema target,
            Direction direction) {
        return MappingRules.withSchemas(mapping, source, target, direction);
    }

    @Override
    public String fingerprint(DataCard mapped) {
        return CardFingerprint.of(mapped);
    }

    private static ZoneId zone(String id) {
        // A typo in a configuration file must not keep the engine from starting; UTC is the REST API's own zone.
        try {
            return id == null || id.isBlank() ? ZoneOffset.UTC : ZoneId.of(id.trim());
        } catch (DateTimeException e) {
            LOG.warn("legacyTimeZone '{}' is not a time zone; using UTC", id);
            return ZoneOffset.UTC;
        }
    }
}
