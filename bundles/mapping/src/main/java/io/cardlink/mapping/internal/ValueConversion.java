package io.cardlink.mapping.internal;

import io.cardlink.api.card.AttributeSchema;
import io.cardlink.api.card.AttributeType;
import io.cardlink.api.card.DateTimeValue;
import io.cardlink.api.card.DateValue;
import io.cardlink.api.card.ExternalReferenceValue;
import io.cardlink.api.card.NumberValue;
import io.cardlink.api.card.ReferenceValue;
import io.cardlink.api.card.StaticValue;
import io.cardlink.api.card.StringValue;
import io.cardlink.api.card.Value;
import io.cardlink.api.card.WorklogValue;
import io.cardlink.api.mapping.ReferenceResolver;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Converts one source value for a target attribute. One conversion is chosen per pair when a mapping is compiled,
 * from the target attribute's type; it then looks only at the value in hand.
 */
interface ValueConversion {

    Value convert(Value value, ReferenceResolver references) throws UnmappableValue;

    /** Whether {@link #convert} may ask the resolver about a reference. */
    boolean resolvesReferences();

    /** The conversion into a target attribute; a null schema (not known) copies values as they are. */
    static ValueConversion into(AttributeSchema target, ZoneId legacyZone) {
        if (target == null) {
            return new AsTheyAre();
        }
        return switch (target.type()) {
            case STRING -> new ToString();
            case NUMBER -> new ToNumber();
            case DATE -> new ToDate(legacyZone);
            case STATIC_VALUE -> new ToStatic(new StaticChoices(target.code(), target.choices()));
            case REFERENCE -> new ToReference(target.targetTemplates());
            case EXTERNAL_REFERENCE, WORKLOG -> new SameType(target.type());
        };
    }

    /** The kind of a value as a user reads it: dates and date-times share a wire type but not a meaning. */
    static String kind(Value value) {
        return value instanceof DateTimeValue ? "date-time" : value.type().wireName();
    }

    static UnmappableValue refused(Value value, AttributeType target) {
        return new UnmappableValue(kind(value) + " value does not convert to " + target.wireName());
    }

    /** Without a schema: values pass unchanged, except references, whose source ids mean nothing in the target. */
    final class AsTheyAre implements ValueConversion {
        @Override
        public Value convert(Value value, ReferenceResolver references) throws UnmappableValue {
            return value instanceof ReferenceValue reference ? ToReference.resolve(reference, List.of(), references)
                    : value;
        }

        @Override
        public boolean resolvesReferences() {
            return true;
        }
    }

    final class ToString implements ValueConversion {
        @Override
        public Value convert(Value value, ReferenceResolver references) throws UnmappableValue {
            if (value instanceof StringValue) {
                return value;
            }
            if (value instanceof NumberValue number) {
                return new StringValue(number.value().stripTrailingZeros().toPlainString());
            }
            if (value instanceof DateValue date) {
                return new StringValue(date.value().toString());
            }
            if (value instanceof DateTimeValue dateTime) {
                return new StringValue(dateTime.value().toString());
            }
            if (value instanceof StaticValue choice) {
                return new StringValue(choice.displayText());
            }
            if (value instanceof ReferenceValue reference) {
                String text = references.uniqueKey(reference).orElse(reference.name());
                if (text == null) {
                    throw new UnmappableValue("referenced card " + reference.dataCardId()
                            + " has no known unique key and no name");
                }
                return new StringValue(text);
            }
            throw refused(value, AttributeType.STRING);
        }

        @Override
        public boolean resolvesReferences() {
            return true;
        }
    }

    final class ToNumber implements ValueConversion {
        @Override
        public Value convert(Value value, ReferenceResolver references) throws UnmappableValue {
            if (value instanceof NumberValue) {
                return value;
            }
            if (value instanceof StringValue text) {
                try {
                    return new NumberValue(new BigDecimal(text.value().trim()));
                } catch (NumberFormatException e) {
                    throw new UnmappableValue("'" + text.value() + "' is not a number");
                }
            }
            throw refused(value, AttributeType.NUMBER);
        }

        @Override
        public boolean resolvesReferences() {
            return false;
        }
    }

    final class ToDate implements ValueConversion {
        private final ZoneId legacyZone;

        ToDate(ZoneId legacyZone) {
            this.legacyZone = legacyZone;
        }

        @Override
        public Value convert(Value value, ReferenceResolver references) throws UnmappableValue {
            // Schemas say only "date" for both kinds, so a date or date-time keeps its kind.
            if (value instanceof DateValue || value instanceof DateTimeValue) {
                return value;
            }
            if (value instanceof StringValue text) {
                return DateTexts.parse(text.value(), legacyZone);
            }
            throw refused(value, AttributeType.DATE);
        }

        @Override
        public boolean resolvesReferences() {
            return false;
        }
    }

    final class ToStatic implements ValueConversion {
        private final StaticChoices choices;

        ToStatic(StaticChoices choices) {
            this.choices = choices;
        }

        @Override
        public Value convert(Value value, ReferenceResolver references) throws UnmappableValue {
            if (value instanceof StaticValue choice) {
                return choices.rematch(choice);
            }
            if (value instanceof StringValue text) {
                return choices.match(text.value());
            }
            throw refused(value, AttributeType.STATIC_VALUE);
        }

        @Override
        public boolean resolvesReferences() {
            return false;
        }
    }

    final class ToReference implements ValueConversion {
        private final List<String> targetTemplates;

        ToReference(List<String> targetTemplates) {
            this.targetTemplates = targetTemplates;
        }

        @Override
        public Value convert(Value value, ReferenceResolver references) throws UnmappableValue {
            if (value instanceof ReferenceValue reference) {
                return resolve(reference, targetTemplates, references);
            }
            throw refused(value, AttributeType.REFERENCE);
        }

        @Override
        public boolean resolvesReferences() {
            return true;
        }

        static Value resolve(ReferenceValue reference, List<String> targetTemplates, ReferenceResolver references)
                throws UnmappableValue {
            Optional<ReferenceValue> resolved = references.resolve(reference, targetTemplates);
            if (resolved.isPresent()) {
                return resolved.get();
            }
            // the key tells the reader which card to create or correct in the target instance
            String key = references.uniqueKey(reference).map(k -> " with unique key '" + k + "'")
                    .orElse(" (its unique key is not known)");
            throw new UnmappableValue("referenced card " + describe(reference) + key
                    + " was not found in the target instance"
                    + (targetTemplates.isEmpty() ? "" : " (template " + String.join(" or ", targetTemplates) + ")"));
        }

        private static String describe(ReferenceValue reference) {
            return reference.name() == null ? reference.dataCardId()
                    : "'" + reference.name() + "' (" + reference.dataCardId() + ")";
        }
    }

    /** External references and worklogs: copied to their own type only. */
    final class SameType implements ValueConversion {
        private final AttributeType type;

        SameType(AttributeType type) {
            this.type = type;
        }

        @Override
        public Value convert(Value value, ReferenceResolver references) throws UnmappableValue {
            if (value.type() == type && (value instanceof ExternalReferenceValue || value instanceof WorklogValue)) {
                return value;
            }
            throw refused(value, type);
        }

        @Override
        public boolean resolvesReferences() {
            return false;
        }
    }
}
