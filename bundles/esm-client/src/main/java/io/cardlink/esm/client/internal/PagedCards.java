package io.cardlink.esm.client.internal;

import io.cardlink.api.card.DataCard;
import io.cardlink.esm.client.CardStream;
import io.cardlink.esm.client.EsmPermanentException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Cards read page by page with keyset paging by descending id: each page asks for ids below the smallest id
 * seen so far. Ends on a short or empty page. A card whose id is not below the bound (a repeat, or a card that
 * moved while paging) is dropped, so only the bound and one page are kept in memory.
 */
final class PagedCards implements CardStream {

    /** Fetches the page of cards with ids below {@code filterId} (0 for the first page). */
    @FunctionalInterface
    interface PageSource {
        List<DataCard> page(long filterId);
    }

    private final PageSource source;
    private final int limit;
    private final String method;
    private final String path;
    private long filterId;
    private Iterator<DataCard> buffer = List.<DataCard>of().iterator();
    private boolean lastPage;
    private boolean closed;
    private long delivered;

    PagedCards(PageSource source, int limit, String method, String path) {
        this.source = source;
        this.limit = limit;
        this.method = method;
        this.path = path;
    }

    /** A read that found nothing. */
    static PagedCards empty(String method, String path) {
        return new PagedCards(filterId -> List.of(), 1, method, path);
    }

    @Override
    public boolean hasNext() {
        while (!buffer.hasNext()) {
            if (lastPage || closed) {
                return false;
            }
            fetch();
        }
        return true;
    }

    private void fetch() {
        List<DataCard> page = source.page(filterId);
        lastPage = page.size() < limit;
        long bound = filterId == 0 ? Long.MAX_VALUE : filterId;
        long smallest = bound;
        Set<Long> onPage = new HashSet<>();
        List<DataCard> fresh = new ArrayList<>(page.size());
        for (DataCard card : page) {
            long id = id(card);
            if (id >= bound || !onPage.add(id)) {
                continue;
            }
            fresh.add(card);
            smallest = Math.min(smallest, id);
        }
        if (!lastPage && smallest == bound) {
            throw new EsmPermanentException("paging does not advance: a full page below id " + filterId
                    + " brought no new card", 200, null, method, path);
        }
        filterId = smallest;
        buffer = fresh.iterator();
    }

    private long id(DataCard card) {
        try {
            return Long.parseLong(card.id());
        } catch (NumberFormatException e) {
            throw new EsmPermanentException("a card without a numeric id ('" + card.id()
                    + "') cannot be paged by id", 200, null, method, path);
        }
    }

    @Override
    public DataCard next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        delivered++;
        return buffer.next();
    }

    @Override
    public long delivered() {
        return delivered;
    }

    @Override
    public void close() {
        closed = true;
        buffer = List.<DataCard>of().iterator();
    }
}
