package io.refundledger.infrastructure.eventstore;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.bson.Document;

import java.time.Instant;
import java.util.List;

/** Field names of one event inside a commit document, and conversion back to Axon's event data. */
final class StoredEvent {

    static final String POSITION = "position";
    static final String EVENT_ID = "eventId";
    static final String AGGREGATE_TYPE = "aggregateType";
    static final String AGGREGATE_ID = "aggregateId";
    static final String SEQUENCE = "sequence";
    static final String TIMESTAMP = "timestamp";
    static final String PAYLOAD_TYPE = "payloadType";
    static final String PAYLOAD_REVISION = "payloadRevision";
    static final String PAYLOAD = "payload";
    static final String META_DATA = "metaData";

    /** Everything stored per event is covered by the commit hash. */
    static final List<String> HASHED_FIELDS = List.of(POSITION, EVENT_ID, AGGREGATE_TYPE, AGGREGATE_ID, SEQUENCE,
            TIMESTAMP, PAYLOAD_TYPE, PAYLOAD_REVISION, PAYLOAD, META_DATA);

    private StoredEvent() {
    }

    static long position(Document event) {
        return event.getLong(POSITION);
    }

    static DomainEventData<String> toDomainEventData(Document event) {
        return new GenericDomainEventEntry<>(
                event.getString(AGGREGATE_TYPE),
                event.getString(AGGREGATE_ID),
                event.getLong(SEQUENCE),
                event.getString(EVENT_ID),
                Instant.parse(event.getString(TIMESTAMP)),
                event.getString(PAYLOAD_TYPE),
                event.getString(PAYLOAD_REVISION),
                event.getString(PAYLOAD),
                event.getString(META_DATA));
    }

    static TrackedDomainEventData<String> toTrackedEventData(Document event) {
        return new TrackedDomainEventData<>(new GlobalSequenceTrackingToken(position(event)), toDomainEventData(event));
    }
}
