package io.cardlink.esm.gateway;

import io.cardlink.api.connector.CardMatch;
import io.cardlink.api.connector.ReadRequest;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The EQL condition of a read: the task's own filter (its task setting {@code eqlFilter}, bare or in the full
 * {@code SELECT entity FROM entity WHERE} form, checked by {@link TaskCondition}, so that it stays one parenthesised
 * condition and keeps to the read's template and folder), the folder, for incremental reads the lower bound of {@code updated}, the cards picked by
 * id or key, and the trash when asked for. The bound is an ISO-8601 UTC date-time cut to whole seconds (earlier,
 * never later), so that a card changed in the same second as the watermark is read again rather than missed.
 */
final class ReadFilter {
    private ReadFilter() {
    }

    /** The combined condition of a read, or null when the request selects every card of the template. */
    static String of(ReadRequest request) {
        return of(request, null, null);
    }

    /**
     * The combined condition of a read of the cards changed since {@code since} (null: any time) that
     * {@code match} picks (null: all of them), or null when these select every card of the template.
     */
    static String of(ReadRequest request, Instant since, CardMatch match) {
        List<String> parts = new ArrayList<>();
        String filter = request.taskSettings().get(EsmInstanceGateway.EQL_FILTER);
        if (filter != null && !filter.isBlank()) {
            parts.add(TaskCondition.parenthesised(filter));
            TaskCondition.checkScope(filter, request.templateCode(), request.folderCode());
        }
        if (request.folderCode() != null && !request.folderCode().isBlank()) {
            parts.add("folder.code = " + literal(request.folderCode().trim()));
        }
        if (since != null) {
            parts.add("$updated$ >= " + literal(since(since)));
        }
        if (match != null) {
            parts.add(match(match));
        }
        if (request.includeRemoved()) {
            parts.add("(entity.deleted = 0 OR entity.deleted = 1)");
        }
        return parts.isEmpty() ? null : String.join(" AND ", parts);
    }

    /**
     * {@code (entity.id = 1 OR ...)} for ids, which must be {@linkplain #isCardId card ids} (numbers, compared bare
     * as the REST API does), or {@code ($code$ = 'a' OR ...)} for an attribute's values.
     */
    static String match(CardMatch match) {
        if (match.byId()) {
            match.values().stream().filter(id -> !isCardId(id)).findFirst().ifPresent(id -> {
                throw new IllegalArgumentException("'" + id + "' is no Matrix42 card id");
            });
            return match.values().stream().map(id -> "entity.id = " + id)
                    .collect(Collectors.joining(" OR ", "(", ")"));
        }
        String left = "$" + match.attributeCode() + "$ = ";
        return match.values().stream().map(value -> left + literal(value))
                .collect(Collectors.joining(" OR ", "(", ")"));
    }

    /** Whether a text can be a Matrix42 card id: a number. */
    static boolean isCardId(String id) {
        return !id.isEmpty() && id.length() <= 19 && id.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    static String since(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** An EQL text literal: single quotes, a quote inside doubled. */
    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
