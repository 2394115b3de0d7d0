package io.cardlink.rest.internal;

import io.cardlink.api.ValidationException;
import io.cardlink.api.timeline.CardLookup;
import io.cardlink.api.timeline.CardTimeline;
import io.cardlink.api.timeline.CardTimelineService;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

/**
 * A card's timeline in a connector: {@code GET /cards/{key}/timeline?connector=...} by its key, or
 * {@code GET /cards/timeline?connector=...&localId=...} (or {@code &remoteId=...}) by the id of its local or remote
 * card; thin over {@link CardTimelineService}.
 */
@Path("/cards")
@Produces(MediaType.APPLICATION_JSON)
public class CardTimelineResource {
    private final ServiceAccess<CardTimelineService> timelines;

    CardTimelineResource(ServiceAccess<CardTimelineService> timelines) {
        this.timelines = timelines;
    }

    @GET
    @Path("/{key}/timeline")
    public CardTimeline byKey(@PathParam("key") String key, @QueryParam("connector") String connector) {
        return timelines.get().timeline(connector, CardLookup.KEY, key);
    }

    @GET
    @Path("/timeline")
    public CardTimeline byId(@QueryParam("connector") String connector, @QueryParam("localId") String localId,
            @QueryParam("remoteId") String remoteId) {
        return timelines.get().timeline(connector, lookup(localId, remoteId), localId != null ? localId : remoteId);
    }

    /** Which id names the card: exactly one of the two. */
    static CardLookup lookup(String localId, String remoteId) {
        if (localId != null && remoteId != null) {
            throw new ValidationException("remoteId", "give localId or remoteId, not both");
        }
        if (localId == null && remoteId == null) {
            throw new ValidationException("localId", "required: the local card's id (localId) or the remote"
                    + " card's id (remoteId)");
        }
        return localId != null ? CardLookup.LOCAL_ID : CardLookup.REMOTE_ID;
    }
}
