package io.cardlink.mapping.internal;

import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.DateTimeValue;
import io.cardlink.api.card.StringValue;
import io.cardlink.api.card.Value;
import io.cardlink.api.mapping.Direction;
import io.cardlink.api.mapping.MappingEngine;
import io.cardlink.api.mapping.ReferenceResolver;
import io.cardlink.api.task.AttributePair;
import io.cardlink.api.task.Mapping;
import org.junit.jupiter.api.Test;

import java.lang.annotation.Annotation;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.cardlink.api.card.AttributeType.DATE;
import static io.cardlink.api.card.AttributeType.STRING;
import static io.cardlink.mapping.internal.Schemas.single;
import static io.cardlink.mapping.internal.Schemas.template;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The engine as Declarative Services creates it, from its configuration. */
class EngineConfigurationTest {

    private static DefaultMappingEngine.Config config(String legacyTimeZone) {
        return new DefaultMappingEngine.Config() {
            @Override
            public String legacyTimeZone() {
                return legacyTimeZone;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return DefaultMappingEngine.Config.class;
            }
        };
    }

    private static Value legacyDateTime(MappingEngine engine) {
        Mapping mapping = new Mapping("local", "f", List.of(new AttributePair("key", "key"),
                new AttributePair("opened", "opened")), null, "key");
        DataCard card = DataCard.draft("remote", "f", Map.of("key", List.of(new StringValue("K-1")),
                "opened", List.of(new StringValue("02.07.2019 19:01"))));
        return engine.compile(mapping, null, template("local", List.of("f"), single("key", STRING),
                single("opened", DATE)), Direction.WRITE).apply(card, null, "Task 7", ReferenceResolver.none())
                .card().values("opened").get(0);
    }

    @Test
    void legacyLocalDateTimesAreReadInTheConfiguredZone() {
        assertEquals(new DateTimeValue(Instant.parse("2019-07-02T16:01:00Z")),
                legacyDateTime(new DefaultMappingEngine(config("Europe/Helsinki"))));
    }

    @Test
    void anUnknownZoneFallsBackToUtcInsteadOfKeepingTheEngineFromStarting() {
        assertEquals(new DateTimeValue(Instant.parse("2019-07-02T19:01:00Z")),
                legacyDateTime(new DefaultMappingEngine(config("Mars/Olympus"))));
    }
}
