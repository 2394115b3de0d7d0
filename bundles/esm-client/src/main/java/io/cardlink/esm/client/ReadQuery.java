package io.cardlink.esm.client;

import java.util.List;

/**
 * What to read from a template: an optional EQL condition (without {@code SELECT ... WHERE}, such as
 * {@code $status$ = '02 - Solving'}), the attributes to return (empty = all), whether to return full cards or
 * only id and name, and the page size for paged reads (1 to 200).
 */
public record ReadQuery(String filter, List<String> selectedAttributes, boolean fullCards, int pageSize) {
    public static final int MAX_PAGE_SIZE = 200;

    public ReadQuery {
        filter = filter == null || filter.isBlank() ? null : filter;
        selectedAttributes = selectedAttributes == null ? List.of() : List.copyOf(selectedAttributes);
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("pageSize must be between 1 and " + MAX_PAGE_SIZE);
        }
    }

    /** Every card, all attributes, pages of 200. */
    public static ReadQuery all() {
        return new ReadQuery(null, List.of(), true, MAX_PAGE_SIZE);
    }

    /** Cards matching an EQL condition, all attributes, pages of 200. */
    public static ReadQuery where(String filter) {
        return new ReadQuery(filter, List.of(), true, MAX_PAGE_SIZE);
    }

    public ReadQuery withFilter(String value) {
        return new ReadQuery(value, selectedAttributes, fullCards, pageSize);
    }

    public ReadQuery withAttributes(List<String> codes) {
        return new ReadQuery(filter, codes, fullCards, pageSize);
    }

    /** Only ids and names ({@code dataCards=false}): the cards come without attributes. */
    public ReadQuery idsOnly() {
        return new ReadQuery(filter, selectedAttributes, false, pageSize);
    }

    public ReadQuery withPageSize(int size) {
        return new ReadQuery(filter, selectedAttributes, fullCards, size);
    }
}
